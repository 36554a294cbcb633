#!/usr/bin/env bash
# Supervised classification: Debian's fastText CLI vs `wordloom` with the same
# hyper-parameters (dim 10 and 100, word bigrams off and on, 5 epochs, 2
# threads; lr 0.1, 0.5 for the document sets 20ng and reuters; reuters is
# multi-label with the one-vs-all loss) on every labelled set of
# $WORDLOOM_DATA. Prints a Markdown table (ratios: wordloom over fastText).
#
#   bench/classify/run.sh [BUILD_DIR] [extra bench.py flags, e.g. --sets trec6,sst2]
set -euo pipefail
default_work=/tmp/wordloom-bench-classify
source "$(dirname "$0")/common.sh"
python3 "$here/bench.py" --wordloom "$wordloom" --data "$work/data" --work "$work" "$@"
