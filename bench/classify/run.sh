#!/usr/bin/env bash
# Supervised classification: Debian's fastText CLI vs `wordloom` with the same
# hyper-parameters (dim 10 and 100, word bigrams off and on, 5 epochs, 2
# threads; lr 0.1, 0.5 for the document sets 20ng and reuters; reuters is
# multi-label with the one-vs-all loss) on every labelled set of
# $WORDLOOM_DATA. Prints a Markdown table (ratios: wordloom over fastText).
#
#   bench/classify/run.sh [BUILD_DIR] [extra bench.py flags, e.g. --sets trec6,sst2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-build}"
shift || true
data="${WORDLOOM_DATA:-$repo/../shared/corpora}"
work="${WORK_DIR:-/tmp/wordloom-bench-classify}"
wordloom="$repo/$build/bin/wordloom"
[[ -x "$wordloom" ]] || { echo "build $wordloom first (ninja -C $build wordloom)" >&2; exit 1; }
[[ -x /usr/bin/fasttext ]] || { echo "needs Debian's fasttext (apt-get install fasttext)" >&2; exit 1; }
echo "date: $(date -u +%F' '%H:%M) UTC; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p');" \
     "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$here/prepare.py" "$data" "$work/data"
python3 "$here/bench.py" --wordloom "$wordloom" --data "$work/data" --work "$work" "$@"
