#!/bin/sh
# Named entities: wordloom's tagger (trained on CoNLL-2003 train, epoch picked
# on the validation split) vs compromise (npm; people/places/organizations),
# both scored on the CoNLL-2003 validation split (eng.testa) with conlleval
# semantics, plus tagging speed on one thread.
# Usage: bench/entities/run.sh [BUILD_DIR]   (needs node + npm for the anchor)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
CONLL=$DATA/conll2003_en
WL=$BUILD/bin/wordloom
OUT=$BUILD/bench-entities
mkdir -p "$OUT/node"
ninja -C "$BUILD" wordloom >/dev/null
if [ ! -d "$OUT/node/node_modules/compromise" ]; then
  (cd "$OUT/node" && npm install --no-audit --no-fund --silent compromise@14.17 >/dev/null)
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); $(date -u +%F)"
echo "load before: $(uptime | sed 's/.*load average: //')"

echo "== wordloom train-entities (CoNLL-2003 eng.train, dev eng.testa, clusters from Reuters-21578)"
/usr/bin/time -f "train: wall %e s, user %U s, peak RSS %M KB" \
  "$WL" train-entities --train "$CONLL/eng.train" --dev "$CONLL/eng.testa" \
  --unlabeled "$DATA/reuters21578" --unlabeled-format reuters \
  --output "$OUT/entities.wlm" 2>&1 | grep -v "^train-entities: epoch"
ls -l "$OUT/entities.wlm" | awk '{print "model size:", $5, "bytes"}'

echo "== control: 12 fixed epochs, no --dev (no epoch selection or calibration on eng.testa)"
"$WL" train-entities --train "$CONLL/eng.train" --unlabeled "$DATA/reuters21578" \
  --unlabeled-format reuters --output "$OUT/entities-nodev.wlm" 2>/dev/null
"$WL" eval-entities --model "$OUT/entities-nodev.wlm" --threads 2 "$CONLL/eng.testa" | sed -n 2,6p
echo "== control: no word clusters (with --dev)"
"$WL" train-entities --train "$CONLL/eng.train" --dev "$CONLL/eng.testa" \
  --output "$OUT/entities-noclusters.wlm" 2>/dev/null
"$WL" eval-entities --model "$OUT/entities-noclusters.wlm" --threads 2 "$CONLL/eng.testa" | sed -n 2,6p

echo "== wordloom eval-entities (eng.testa, 1 thread)"
"$WL" eval-entities --model "$OUT/entities.wlm" --threads 1 "$CONLL/eng.testa" | tee "$OUT/eval.txt"

echo "== raw-text path: wordloom entities --threads 1 over eng.testa sentences as lines, x10"
awk '/^-DOCSTART-/{next} NF==0{if(s!="")print s; s=""; next} {s=(s==""?$1:s" "$1)} END{if(s!="")print s}' \
  "$CONLL/eng.testa" > "$OUT/testa.txt"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$OUT/testa.txt"; done > "$OUT/testa10.txt"
WORDS=$(wc -w < "$OUT/testa10.txt")
/usr/bin/time -f "%e %U" -o "$OUT/time.txt" "$WL" entities --threads 1 --model "$OUT/entities.wlm" \
  "$OUT/testa10.txt" > "$OUT/testa10.json"
read -r WALL USER < "$OUT/time.txt"
awk -v w="$WORDS" -v wall="$WALL" -v user="$USER" 'BEGIN {
  printf "wordloom entities: %d words, wall %.2f s (%.0f words/s), user %.2f s (%.0f words/s of CPU)\n",
         w, wall, w / wall, user, w / user }'

echo "== anchor: compromise 14.17 (node $(node --version)) on eng.testa, 1 thread"
node "$ROOT/bench/entities/compromise_conll.mjs" "$OUT/node/node_modules" "$CONLL/eng.testa" \
  | tee "$OUT/compromise.txt"
WF1=$(sed -n 's/.*FB1: *\([0-9.]*\)$/\1/p' "$OUT/eval.txt" | head -1)
CF1=$(sed -n 's/^compromise ALL  F1 \([0-9.]*\).*/\1/p' "$OUT/compromise.txt")
WSPD=$(sed -n 's/.* = \([0-9]*\) words\/s.*/\1/p' "$OUT/eval.txt")
CSPD=$(sed -n 's/.* = \([0-9]*\) words\/s.*/\1/p' "$OUT/compromise.txt")
awk -v wf="$WF1" -v cf="$CF1" -v ws="$WSPD" -v cs="$CSPD" 'BEGIN {
  printf "ratio wordloom / compromise: F1 %.2f / %.2f = %.2fx, speed %d / %d words/s = %.1fx\n",
         wf, cf, wf / cf, ws, cs, ws / cs }'
echo "load after: $(uptime | sed 's/.*load average: //')"
