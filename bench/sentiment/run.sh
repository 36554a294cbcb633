#!/bin/sh
# Sentiment accuracy per data set: wordloom's NB-LR model (train-sentiment /
# eval-sentiment) next to the npm lexicon peers AFINN (`sentiment` 5.0) and
# VADER (`vader-sentiment` 1.1), on the same texts in one run.
#   SST-2: train on stsa.binary.train, evaluate on stsa.binary.dev (872).
#   MR:    fixed 10-fold CV over the shared 90% (line i of each file is in
#          fold i % 10), trained on MR alone and on MR + UCI (UCI's same folds).
#   UCI:   fixed 10-fold CV over the three shared files together.
# The peers need no training: they are scored on every text of each set.
# Usage: bench/sentiment/run.sh [BUILD_DIR]   (needs node + npm for the peers)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
DATA=${WORDLOOM_DATA:-$ROOT/../shared/corpora}
WL=$BUILD/bin/wordloom
OUT=$ROOT/bench/out/sentiment
mkdir -p "$OUT/node"
[ -x "$WL" ] || { echo "no $WL; build first" >&2; exit 1; }
U=$DATA/uci_sentiment_labelled_sentences
UCI="--uci $U/amazon_cells_labelled.txt --uci $U/imdb_labelled.txt --uci $U/yelp_labelled.txt"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(date -u +%FT%TZ)"
echo "== load: $(uptime)"

acc() { sed -n 's/.*accuracy=\([0-9.]*\).*/\1/p' | tail -n 1; }

start=$(date +%s.%N)
"$WL" train-sentiment --sst "$DATA/sst/stsa.binary.train" --output "$OUT/sst.wlm"
SST_LINE=$("$WL" eval-sentiment --model "$OUT/sst.wlm" --sst "$DATA/sst/stsa.binary.dev")
echo "$SST_LINE"
SST=$(echo "$SST_LINE" | acc)
cv() {  # cv NAME TRAIN_FLAGS EVAL_FLAGS: mean held-out accuracy over 10 folds
  name=$1 train=$2 eval=$3 tot=0
  for f in 0 1 2 3 4 5 6 7 8 9; do
    # shellcheck disable=SC2086
    "$WL" train-sentiment $train --folds 10 --fold $f --output "$OUT/cv.wlm" 2>/dev/null
    # shellcheck disable=SC2086
    a=$("$WL" eval-sentiment --model "$OUT/cv.wlm" $eval --folds 10 --fold $f | acc)
    tot=$(echo "$tot + $a" | bc -l)
  done
  printf "%s %.4f\n" "$name" "$(echo "$tot / 10" | bc -l)"
}
MR=$(cv mr "--mr $DATA/mr_rt_polarity" "--mr $DATA/mr_rt_polarity" | cut -d' ' -f2)
MRU=$(cv mr+uci "--mr $DATA/mr_rt_polarity $UCI" "--mr $DATA/mr_rt_polarity" | cut -d' ' -f2)
UC=$(cv uci "$UCI" "$UCI" | cut -d' ' -f2)
echo "10-fold CV: mr $MR, mr+uci $MRU, uci $UC"
echo "wordloom: total $(echo "$(date +%s.%N) - $start" | bc) s for 31 trainings + evaluations"
start=$(date +%s.%N)
"$WL" train-sentiment --sst "$DATA/sst/stsa.binary.train" --sst "$DATA/sst/stsa.binary.dev" \
  --mr "$DATA/mr_rt_polarity" $UCI --output "$OUT/default.wlm"
echo "default model (as scripts/train-default-models.sh): $(echo "$(date +%s.%N) - $start" | bc) s"

# The peers, on the same texts (MR converted from latin-1).
if [ ! -d "$OUT/node/node_modules/vader-sentiment" ]; then
  (cd "$OUT/node" && npm install --no-audit --no-fund --silent sentiment@5.0 vader-sentiment@1.1 >/dev/null)
fi
sed 's/^\([01]\) /\1\t/' "$DATA/sst/stsa.binary.dev" > "$OUT/sst_dev.tsv"
{ iconv -f latin1 -t utf-8 "$DATA/mr_rt_polarity/rt-polarity.pos" | sed 's/^/1\t/'
  iconv -f latin1 -t utf-8 "$DATA/mr_rt_polarity/rt-polarity.neg" | sed 's/^/0\t/'; } > "$OUT/mr.tsv"
cat "$U"/*_labelled.txt | awk -F'\t' 'NF >= 2 { print $NF "\t" $1 }' > "$OUT/uci.tsv"
node --version
P_SST=$(node "$ROOT/bench/sentiment/peers.mjs" "$OUT/node/node_modules" "$OUT/sst_dev.tsv" sst2-dev)
echo "$P_SST"
P_MR=$(node "$ROOT/bench/sentiment/peers.mjs" "$OUT/node/node_modules" "$OUT/mr.tsv" mr)
echo "$P_MR"
P_UCI=$(node "$ROOT/bench/sentiment/peers.mjs" "$OUT/node/node_modules" "$OUT/uci.tsv" uci)
echo "$P_UCI"

peer() { echo "$1" | sed -n "s/.*$2=\([0-9.]*\).*/\1/p"; }
echo
echo "| set | wordloom NB-LR | AFINN | VADER | wordloom / best peer |"
echo "| --- | --- | --- | --- | --- |"
row() {
  a=$(peer "$3" afinn) v=$(peer "$3" vader)
  best=$(echo "if ($a > $v) $a else $v" | bc -l)
  printf "| %s | %.4f | %.4f | %.4f | %.2fx |\n" "$1" "$2" "$a" "$v" "$(echo "$2 / $best" | bc -l)"
}
row "SST-2 dev (train: SST-2 train)" "$SST" "$P_SST"
row "MR 10-fold CV (train: MR)" "$MR" "$P_MR"
row "MR 10-fold CV (train: MR + UCI)" "$MRU" "$P_MR"
row "UCI 10-fold CV (train: UCI)" "$UC" "$P_UCI"
