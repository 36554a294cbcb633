#!/usr/bin/env bash
# Installs what wordloom needs from Debian's packages (only what is missing)
# and configures + builds the project with CMake and Ninja in build/.
# Idempotent and quick when nothing changed. Used by run.sh and test.sh.
#
#   scripts/setup.sh            # install missing packages, build
#   scripts/setup.sh --no-build # install missing packages only (scripts/bazel.sh)
#   WORDLOOM_BUILD_DIR=... BUILD_TYPE=Debug ASAN=ON scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config
  # libraries (Debian 12)
  libicu-dev libsentencepiece-dev sentencepiece
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libboost1.74-dev libgtest-dev libgmock-dev googletest libbenchmark-dev
  libarchive-dev libzstd-dev zstd libbz2-dev liblzma-dev libre2-dev nlohmann-json3-dev libcli11-dev libxxhash-dev
  libcld2-dev
  # anchors the tests and benchmarks compare with, and their clients
  fasttext python3-sklearn python3-gensim python3-grpcio python3-protobuf curl
  # the AWS CLI (Comprehend gateway test) and openssl (TLS test certificates)
  awscli openssl
)
# Modules may list extra packages, one per line, in scripts/packages.d/*.txt.
if compgen -G "scripts/packages.d/*.txt" >/dev/null; then
  while read -r pkg; do
    [[ -n "$pkg" && "$pkg" != \#* ]] && PACKAGES+=("$pkg")
  done < <(cat scripts/packages.d/*.txt)
fi

scripts/install-packages.sh "${PACKAGES[@]}"
[[ "${1:-}" == "--no-build" ]] && exit 0

BUILD_DIR=${WORDLOOM_BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-Release}
ASAN=${ASAN:-OFF}
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" -DASAN="$ASAN" >&2
fi
# Two cores on the reference machine: let ninja pick (nproc + 2).
ninja -C "$BUILD_DIR" >&2
