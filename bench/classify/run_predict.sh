#!/usr/bin/env bash
# Prediction throughput alone (fastText CLI vs wordloom classify), by
# default on the three settings that were below 2x in wall time on a loaded
# machine: SST-2 dim 100 unigrams, SST-2 dim 10 bigrams, Reuters dim 100
# unigrams. Takes about a minute on a quiet 2-core machine.
#
#   bench/classify/run_predict.sh [BUILD_DIR] [--settings sst2:100:1,...] [--rounds 5]
set -euo pipefail
default_work=/tmp/wordloom-bench-predict
source "$(dirname "$0")/common.sh"
python3 "$here/predict_speed.py" --wordloom "$wordloom" --data "$work/data" --work "$work" "$@"
