#!/bin/bash
# LDA benchmark (issue 4): gensim LdaMulticore and scikit-learn online LDA
# versus wordloom train-topics, on AP (lda-c) and Reuters-21578, in one run.
#
#   bench/lda/run.sh [BUILD_DIR]      (default: build)
#
# Environment: WORDLOOM_DATA (corpora dir, default ../shared/corpora),
# OUT (work dir, default /tmp/wordloom_bench_lda), KS ("20 100 500"),
# DATASETS ("ap reuters"), PASSES (baseline passes, 10), PASSES_K500
# (baseline passes at K >= 500, 3: gensim/sklearn at K=500 take minutes per
# pass on 2 cores), ITERATIONS (wordloom Gibbs iterations, 200), EVAL_EVERY (5).
# WORDLOOM_ONLY_KS ("1000"): further K values run for wordloom alone (per-token
# cost versus K). Build first: ninja -C BUILD_DIR wordloom lda_inference_latency
#
# Every system trains on the same lda-c bag of words (prepare.py) with all
# cores. NPMI is the same code for all three: `wordloom eval-topics` over each
# system's top-10 words, document co-occurrence, reference = the whole corpus.
# Perplexity is document completion on every 10th document (held out).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$ROOT/build}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
OUT=${OUT:-/tmp/wordloom_bench_lda}
KS=${KS:-20 100 500}
WORDLOOM_ONLY_KS=${WORDLOOM_ONLY_KS:-1000}
DATASETS=${DATASETS:-ap reuters}
PASSES=${PASSES:-10}
PASSES_K500=${PASSES_K500:-3}
ITERATIONS=${ITERATIONS:-200}
EVAL_EVERY=${EVAL_EVERY:-5}
THREADS=$(nproc)
PY=/usr/bin/python3   # Debian's python3 with gensim / scikit-learn / numpy

# A private copy of the binary, so a rebuild during the run changes nothing.
mkdir -p "$OUT/run"
cp "$BUILD/bin/wordloom" "$OUT/wordloom"
WL=$OUT/wordloom
LAT=$OUT/lda_inference_latency
cp "$BUILD/bench/lda/lda_inference_latency" "$LAT" 2>/dev/null || LAT=

echo "# $(date -u '+%F %T UTC')  $(nproc) cores  $(lscpu | sed -n 's/^Model name: *//p')" | tee "$OUT/run/machine.txt"
echo "# load before: $(uptime | sed 's/.*load average: //')" | tee -a "$OUT/run/machine.txt"
$PY "$HERE/prepare.py" "$DATA" "$OUT/data"

for ds in $DATASETS; do
  d=$OUT/data/$ds
  for k in $KS $WORDLOOM_ONLY_KS; do
    passes=$PASSES
    [ "$k" -ge 500 ] && passes=$PASSES_K500
    baselines="gensim sklearn"
    [[ " $KS " == *" $k "* ]] || baselines=""
    for sys in $baselines; do
      r=$OUT/run/$ds-$k-$sys
      mkdir -p "$r"
      echo "== $ds K=$k $sys ($passes passes), load $(uptime | sed 's/.*load average: //')"
      $PY "$HERE/baselines.py" "$sys" "$d" "$k" "$passes" "$THREADS" "$r" > "$r/result.json"
      "$WL" eval-topics --terms "$r/topics.txt" --reference "$d/full.dat" > "$r/coherence.json"
      cat "$r/result.json" "$r/coherence.json"
    done
    r=$OUT/run/$ds-$k-wordloom
    mkdir -p "$r"
    echo "== $ds K=$k wordloom ($ITERATIONS iterations), load $(uptime | sed 's/.*load average: //')"
    /usr/bin/time -f '{"wall": %e, "user": %U, "maxrss_kb": %M}' -o "$r/time.json" \
      "$WL" train-topics --input "$d/train.dat" --topics "$k" --out "$r" --iterations "$ITERATIONS" \
      --threads "$THREADS" --eval-every "$EVAL_EVERY" --eval-reference "$d/full.dat" \
      --eval-log "$r/eval.jsonl" --quiet
    "$WL" eval-topics --model "$r/model.wlm" --reference "$d/full.dat" --heldout "$d/test.dat" \
      > "$r/coherence.json"
    cat "$r/time.json" "$r/coherence.json"
  done
done
# DetectTopics latency: ~1 KB Reuters stories against the Reuters K=100
# model, one call at a time on one thread (tokenize + fold-in + top terms).
if [ -n "$LAT" ] && [ -f "$OUT/run/reuters-100-wordloom/model.wlm" ]; then
  "$LAT" "$OUT/run/reuters-100-wordloom/model.wlm" "$OUT/data/reuters/text.txt" 1024 5 | tee "$OUT/run/latency.json"
fi
echo "# load after: $(uptime | sed 's/.*load average: //')" | tee -a "$OUT/run/machine.txt"
$PY "$HERE/summarize.py" "$OUT/run" "$THREADS" | tee "$OUT/table.md"
