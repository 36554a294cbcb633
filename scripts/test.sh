#!/usr/bin/env bash
# Sets up what is missing (packages, build), then runs the whole test suite
# through ctest. Non-zero exit on any failure.
#
# Tests that need public data sets read $WORDLOOM_DATA (default:
# ../shared/corpora beside the repository); under CI=true a missing data set
# fails the test instead of skipping it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${WORDLOOM_BUILD_DIR:-build}
export WORDLOOM_DATA=${WORDLOOM_DATA:-$(cd .. && pwd)/shared/corpora}
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)" --timeout 900 "$@"
