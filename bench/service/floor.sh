#!/bin/sh
# gRPC's own cost per unary call (bench/service/grpc_floor.cc): the callback
# API, async completion queues, and async queues next to an idle callback
# service, each serving a 5 KB ClassifyText that burns SPIN_US of CPU,
# interleaved over ROUNDS rounds, driven by service_grpc_load. Server CPU per
# call minus SPIN_US = what gRPC costs.
#
# Usage: bench/service/floor.sh [BUILD_DIR] [ROUNDS=3]
#   SPIN_US (default 108: ClassifyText's in-process cost), STREAMS (default "1 16"),
#   SECONDS (default 4)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
ROUNDS=${2:-3}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
TEXT=$DATA/mr_rt_polarity/rt-polarity.pos
[ -f "$TEXT" ] || { echo "missing $TEXT (set WORDLOOM_DATA)" >&2; exit 1; }
ninja -C "$BUILD" service_grpc_floor service_grpc_load >/dev/null
B=$BUILD/bench/service
echo "# $(date -u +%FT%TZ) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg) spin=${SPIN_US:-108}us" >&2
PORT=$((20000 + $$ % 20000))
for round in $(seq "$ROUNDS"); do
  for mode in callback async async+callback; do
    for n in ${STREAMS:-1 16}; do
      "$B/service_grpc_floor" "$mode" $PORT "${SPIN_US:-108}" 2 2>/dev/null &
      SERVER=$!
      sleep 0.5
      printf '%s round %s streams %s ' "$mode" "$round" "$n"
      WL_SERVER_PID=$SERVER "$B/service_grpc_load" 127.0.0.1:$PORT ClassifyText "$TEXT" 5000 "$n" \
        "${SECONDS:-4}" "" 2>/dev/null
      kill $SERVER; wait $SERVER 2>/dev/null || true
    done
  done
done
