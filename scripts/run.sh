#!/usr/bin/env bash
# Sets up what is missing (packages, build, default models), then runs the
# main job: the wordloom service (gRPC + Comprehend-compatible JSON).
# Until the service binary exists, it demonstrates the CLI on the sample
# corpus instead.
#
#   scripts/run.sh                 # serve on the default ports
#   scripts/run.sh --port 50051 --http-port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
BUILD_DIR=${WORDLOOM_BUILD_DIR:-build}
export WORDLOOM_DATA=${WORDLOOM_DATA:-$(cd .. && pwd)/shared/corpora}

# Default models: trained from the public data sets when absent.
if [[ -x scripts/train-default-models.sh ]]; then
  if [[ -d "$WORDLOOM_DATA" ]]; then
    scripts/train-default-models.sh
  else
    echo "run: no data at $WORDLOOM_DATA; default models not trained" >&2
  fi
fi

if [[ -x "$BUILD_DIR/bin/wordloomd" ]]; then
  exec "$BUILD_DIR/bin/wordloomd" --models models "$@"
fi

echo "run: the service is not built yet; demonstrating the CLI on corpora/samples" >&2
WL="$BUILD_DIR/bin/wordloom"
for sample in corpora/samples/*.txt; do
  echo "== wordloom tokenize $sample" >&2
  "$WL" tokenize "$sample"
done
