#!/bin/sh
# Language identification: wordloom (k-fold held-out on UDHR) vs CLD2.
# Usage: bench/language/run.sh [BUILD_DIR]   (needs libcld2-dev)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
ninja -C "$BUILD" wordloom bench_language_cld2 >/dev/null
python3 "$ROOT/bench/language/eval_language.py" "$BUILD/bin/wordloom" \
  "$BUILD/bench/language/bench_language_cld2" "$DATA/udhr_multilingual"
