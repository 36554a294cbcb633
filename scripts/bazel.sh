#!/usr/bin/env bash
# The secondary build: Bazel over the same sources and Debian libraries as
# CMake (WORKSPACE.bazel). Installs what is missing (the libraries as
# setup.sh does, and Debian's Bazel 4.2 with its platforms), then builds every
# library and program and runs the test suite. Works offline.
#
#   scripts/bazel.sh                          # bazel build //... && bazel test //tests/...
#   scripts/bazel.sh build //service:wordloomd   # or any bazel command
#
# Tests read $WORDLOOM_DATA (default ../shared/corpora beside the repository)
# and $CI, passed through with --test_env as ctest gets them from test.sh.
# Programs: bazel-bin/tools/wordloom, bazel-bin/service/wordloomd.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-build
scripts/install-packages.sh bazel-bootstrap bazel-platforms
if (($#)); then exec bazel "$@"; fi
DATA=${WORDLOOM_DATA:-$(cd .. && pwd)/shared/corpora}
bazel build //...
bazel test //tests/... --test_env=WORDLOOM_DATA="$DATA" --test_env=CI="${CI:-}"
