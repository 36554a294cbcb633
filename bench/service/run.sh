#!/bin/sh
# wordloomd under load: DetectSentiment and ClassifyText on 200-byte and
# 5 KB documents at 1, 16 and 64 concurrent calls over gRPC (the C++
# completion-queue load generator), and the same calls in-process on the library
# (service::Analytics) for the gRPC overhead — on one thread alone, and on
# two threads at once (the server's concurrency: its two completion-queue threads
# share the two cores, as the library calls here do). Prints JSON lines and a
# markdown table with the overhead against both baselines.
#
# Usage: bench/service/run.sh [BUILD_DIR] [SECONDS=5]
#   MODELS=dir (default: models/, needs sentiment.wlm and question-type.wlm)
#   SERVER_FLAGS="--inline-max-bytes 0 ..." extra wordloomd flags
#   WL_CLIENT_THREADS=N load-generator threads (default 1)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
SECONDS_PER_RUN=${2:-5}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
MODELS=${MODELS:-$ROOT/models}
TEXT=$DATA/mr_rt_polarity/rt-polarity.pos
CLASSIFIER=question-type
[ -f "$TEXT" ] || { echo "missing $TEXT (set WORDLOOM_DATA)" >&2; exit 1; }
ninja -C "$BUILD" wordloomd service_grpc_load service_inprocess >/dev/null
B=$BUILD/bench/service
OUT=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$OUT"' EXIT

echo "# $(date -u +%FT%TZ) nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" >&2
echo "# load before: $(uptime)" >&2
"$BUILD/bin/wordloomd" --host 127.0.0.1 --port 0 --http-port -1 --models "$MODELS" \
  --model-poll-seconds 0 --quiet --port-file "$OUT/ports" ${SERVER_FLAGS:-} &
SERVER=$!
for _ in $(seq 100); do [ -s "$OUT/ports" ] && break; sleep 0.1; done
read -r GRPC_PORT _ < "$OUT/ports"

for call in DetectSentiment ClassifyText; do
  for bytes in 200 5000; do
    for threads in 1 2; do
      "$B/service_inprocess" "$MODELS" $call "$TEXT" $bytes $threads "$SECONDS_PER_RUN" \
        $CLASSIFIER | tee -a "$OUT/results.jsonl"
    done
    for n in 1 16 64; do
      WL_SERVER_PID=$SERVER "$B/service_grpc_load" 127.0.0.1:$GRPC_PORT $call "$TEXT" $bytes $n \
        "$SECONDS_PER_RUN" "" $CLASSIFIER | tee -a "$OUT/results.jsonl"
    done
  done
done
echo "# load after: $(uptime)" >&2
/usr/bin/python3 - "$OUT/results.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
inproc = {(r["call"], r["doc_bytes"], r["concurrency"]): r["server_cpu_us"]
          for r in rows if r["mode"] == "inprocess"}
print("| call | doc | streams | req/s | p50 ms | p99 ms | server CPU µs/call | "
      "client CPU µs/call | gRPC overhead vs in-process 1 thread | vs in-process 2 threads |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    call, doc = r["call"], r["doc_bytes"]
    head = f"| {call} | {doc} B | "
    tail = f"{r['rps']:.0f} | {r['p50_us']/1000:.3f} | {r['p99_us']/1000:.3f} | {r['server_cpu_us']:.1f}"
    if r["mode"] == "inprocess":
        print(f"{head}in-process, {r['concurrency']} thread{'s' if r['concurrency'] > 1 else ''} | "
              f"{tail} | – | – | – |")
        continue
    over = ["–" if inproc.get((call, doc, t), 0) <= 0 else
            f"{(r['server_cpu_us'] / inproc[(call, doc, t)] - 1) * 100:+.0f}%" for t in (1, 2)]
    print(f"{head}{r['concurrency']} | {tail} | {r['client_cpu_us']:.1f} | {over[0]} | {over[1]} |")
PY
