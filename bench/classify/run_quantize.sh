#!/usr/bin/env bash
# Quantisation: `fasttext quantize` vs `wordloom quantize` (accuracy, model
# size, quantisation time, prediction docs/s) on TREC-6, SST-2 and 20
# Newsgroups by default; dim 10 (fastText's k-means cost grows with dim: at
# dim 100 one `fasttext quantize` takes minutes), word bigrams, 5 epochs, 2
# threads; each setting is fastText's flags, given to wordloom as --flags.
#
#   bench/classify/run_quantize.sh [BUILD_DIR] [extra quantize.py flags, e.g. --sets trec6]
set -euo pipefail
default_work=/tmp/wordloom-bench-quantize
source "$(dirname "$0")/common.sh"
python3 "$here/quantize.py" --wordloom "$wordloom" --data "$work/data" --work "$work" "$@"
