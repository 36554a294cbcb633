#!/usr/bin/env bash
# Quantisation: `fasttext quantize` vs `wordloom quantize` (accuracy, model
# size, quantisation time, prediction docs/s) on TREC-6, SST-2 and 20
# Newsgroups by default; dim 10 (fastText's k-means cost grows with dim: at
# dim 100 one `fasttext quantize` takes minutes), word bigrams, 5 epochs, 2
# threads; each setting is fastText's flags, given to wordloom as --flags.
#
#   bench/classify/run_quantize.sh [BUILD_DIR] [extra quantize.py flags, e.g. --sets trec6]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-build}"
shift || true
data="${WORDLOOM_DATA:-$repo/../shared/corpora}"
work="${WORK_DIR:-/tmp/wordloom-bench-quantize}"
wordloom="$repo/$build/bin/wordloom"
[[ -x "$wordloom" ]] || { echo "build $wordloom first (ninja -C $build wordloom)" >&2; exit 1; }
[[ -x /usr/bin/fasttext ]] || { echo "needs Debian's fasttext (apt-get install fasttext)" >&2; exit 1; }
echo "date: $(date -u +%F' '%H:%M) UTC; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p');" \
     "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$here/prepare.py" "$data" "$work/data"
python3 "$here/quantize.py" --wordloom "$wordloom" --data "$work/data" --work "$work" "$@"
