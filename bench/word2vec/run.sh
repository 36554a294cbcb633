#!/usr/bin/env bash
# bench/word2vec: word2vec training, Debian's fastText 0.9.2 (the anchor) and
# wordloom side by side in one run, on the same pre-tokenized corpus.
#
# Corpus (ANCHORS.md): the 17 Gutenberg books + Reuters-21578 story bodies +
# 20 Newsgroups bydate train (whole files), lower-cased: ~6.6 M words. Both
# tools train on one file made by `wordloom tokenize --drop-punctuation`
# (tokens separated by single spaces), so they see exactly the same words;
# it is written to bench/out/word2vec/ (never committed).
#
# Settings: dim 100, window 5, 5 negatives, 5 epochs, min count 5, 2 threads,
# sampling 1e-4, lr 0.05 (fastText's defaults); first without subwords
# (fastText -maxn 0), then with fastText's default subwords (3-6 chars, 2M
# buckets) unless SUBWORDS=0 (SUBWORDS=only: just those). Each model is scored by `wordloom
# eval-vectors` on its .vec: Google analogies (3CosAdd, top 30k words) and
# WordSim-353 / SimLex-999 Spearman rho.
#
# Throughput is given two ways: each tool's own words/s/thread (wall-clock
# based, so it drops when other processes load the machine; fastText also
# counts one end-of-line token per line) and "words per CPU second": the
# in-vocabulary corpus words x epochs over the process's user CPU time
# (reading and saving included), which is robust to load.
#
# Single runs of either tool move by about ±1.5 analogy points with the seed
# (Hogwild threads; bench/RESULTS.md), so SEEDS="1 2 3" trains each model once
# per seed (fastText -seed, wordloom --seed) and adds a mean row per mode.
#
#   bench/word2vec/run.sh [BUILD_DIR]          (MODES="skipgram cbow" SUBWORDS=1 SEEDS=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
MODES=${MODES:-"skipgram cbow"}
SUBWORDS=${SUBWORDS:-1}
SEEDS=${SEEDS:-1}
DATA=${WORDLOOM_DATA:-$(cd .. && pwd)/shared/corpora}
EVAL=$DATA/word_embedding_eval
OUT=bench/out/word2vec
WL=$BUILD/bin/wordloom
FT=${FASTTEXT:-/usr/bin/fasttext}
PY=/usr/bin/python3
mkdir -p "$OUT"
if ! log=$(ninja -C "$BUILD" wordloom 2>&1); then echo "$log" | tail -20; exit 1; fi

RAW=$OUT/corpus.txt
CORPUS=$OUT/corpus.tok.txt
if [[ ! -s $CORPUS ]]; then
  {
    cat "$DATA"/english_gutenberg_nltk/*.txt
    # Reuters story bodies: the text between <BODY> and </BODY>, entities decoded.
    cat "$DATA"/reuters21578/*.sgm | tr -d '\r' |
      awk '/<BODY>/{on=1; sub(/.*<BODY>/,"")} on{ if (/<\/BODY>/){sub(/<\/BODY>.*/,""); print; on=0} else print }' |
      sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' -e 's/\x03//g'
    find "$DATA"/20newsgroups_bydate/20news-bydate-train -type f | LC_ALL=C sort | xargs cat
  } | tr 'A-Z' 'a-z' > "$RAW"
  "$WL" tokenize --drop-punctuation --invalid-utf8 replace "$RAW" > "$CORPUS"
fi
echo "date: $(date -u +%FT%TZ)  machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
echo "corpus: $CORPUS, $(wc -l < "$CORPUS") lines, $(wc -w < "$CORPUS") words (raw $(wc -w < "$RAW"))"
echo "fastText: $(dpkg-query -W -f '${Version}' fasttext 2>/dev/null || echo '?') [$FT]"

COMMON_FT=(-dim 100 -ws 5 -neg 5 -epoch 5 -minCount 5 -thread 2 -lr 0.05 -t 1e-4)
COMMON_WL=(--dim 100 --window 5 --negative 5 --epoch 5 --min-count 5 --threads 2 --lr 0.05
           --sample 1e-4)

# eval MODEL.vec -> "analogy ws353 simlex"
evaluate() {
  "$WL" eval-vectors --model "$1" --analogies "$EVAL/questions-words.txt" \
    --similarity "$EVAL/wordsim353.tsv" --similarity "$EVAL/simlex999.txt" |
    $PY -c 'import json,sys; r=json.load(sys.stdin); s=r["similarity"];
print("%.4f %.3f %.3f %d" % (r["analogy"]["accuracy"], s[0]["spearman"], s[1]["spearman"], r["analogy"]["seen"]))'
}

# run NAME CMD... : prints "wall user" (seconds) of CMD; its stderr goes to $OUT/NAME.log
run() {
  local name=$1; shift
  /usr/bin/time -o "$OUT/$name.time" -f "%e %U" "$@" > /dev/null 2> "$OUT/$name.raw"
  tr '\r' '\n' < "$OUT/$name.raw" > "$OUT/$name.log" && rm -f "$OUT/$name.raw"
  tail -1 "$OUT/$name.time"
}

declare -a ROWS
for sub in 0 1; do
  [[ $sub == 1 && $SUBWORDS == 0 ]] && continue
  [[ $sub == 0 && $SUBWORDS == only ]] && continue
  for mode in $MODES; do
    base=$mode$([[ $sub == 1 ]] && echo _sub || echo "")
    if [[ $sub == 1 ]]; then ft_sub=(-minn 3 -maxn 6); wl_sub=(--subwords --minn 3 --maxn 6)
    else ft_sub=(-maxn 0); wl_sub=(--maxn 0); fi
    ft_accs=(); wl_accs=()
    for seed in $SEEDS; do
      tag=$base$([[ $SEEDS == *" "* ]] && echo "_seed$seed" || echo "")
      echo "--- $tag   load before: $(cut -d' ' -f1-3 /proc/loadavg)"
      read -r ft_wall ft_user < <(run "ft_$tag" "$FT" "$mode" -input "$CORPUS" -output "$OUT/ft_$tag" \
                                   "${COMMON_FT[@]}" "${ft_sub[@]}" -seed "$seed")
      ft_wps=$(grep -o 'words/sec/thread: *[0-9]*' "$OUT/ft_$tag.log" | tail -1 | grep -o '[0-9]*$')
      read -r ft_acc ft_ws ft_sl seen < <(evaluate "$OUT/ft_$tag.vec")
      echo "fasttext $tag: wall $ft_wall s, user $ft_user s, $ft_wps words/s/thread, analogy $ft_acc ($seen seen), ws353 $ft_ws, simlex $ft_sl"
      echo "              load before wordloom: $(cut -d' ' -f1-3 /proc/loadavg)"
      read -r wl_wall wl_user < <(run "wl_$tag" "$WL" train-vectors --input "$CORPUS" \
                                   --output "$OUT/wl_$tag" --mode "$mode" "${COMMON_WL[@]}" "${wl_sub[@]}" \
                                   --seed "$seed")
      wl_wps=$(grep -o '[0-9]* words/s/thread' "$OUT/wl_$tag.log" | tail -1 | cut -d' ' -f1)
      wl_train=$(grep -o '[0-9.]* s training' "$OUT/wl_$tag.log" | tail -1 | cut -d' ' -f1)
      read -r wl_acc wl_ws wl_sl seen < <(evaluate "$OUT/wl_$tag.vec")
      echo "wordloom $tag: wall $wl_wall s (training $wl_train s), user $wl_user s, $wl_wps words/s/thread, analogy $wl_acc ($seen seen), ws353 $wl_ws, simlex $wl_sl"
      words=$(grep -o '[0-9]* corpus words' "$OUT/wl_$tag.log" | tail -1 | cut -d' ' -f1)
      ft_cpu=$(awk -v w="$words" -v u="$ft_user" 'BEGIN{printf "%.0f", w*5/u}')
      wl_cpu=$(awk -v w="$words" -v u="$wl_user" 'BEGIN{printf "%.0f", w*5/u}')
      ratio=$(awk -v a="$wl_wps" -v b="$ft_wps" 'BEGIN{printf "%.2f", a/b}')
      cpu_ratio=$(awk -v a="$wl_cpu" -v b="$ft_cpu" 'BEGIN{printf "%.2f", a/b}')
      wall_ratio=$(awk -v a="$ft_wall" -v b="$wl_wall" 'BEGIN{printf "%.2f", a/b}')
      dacc=$(awk -v a="$wl_acc" -v b="$ft_acc" 'BEGIN{printf "%+.1f", 100*(a-b)}')
      echo "ratio $tag: words/s/thread ${ratio}x, words per CPU s ${cpu_ratio}x, wall fastText/wordloom ${wall_ratio}x, analogy ${dacc} points"
      ROWS+=("| $tag | fastText | $ft_wall | $ft_user | $ft_wps | $ft_cpu | $ft_acc | $ft_ws | $ft_sl |"
             "| $tag | wordloom | $wl_wall | $wl_user | $wl_wps | $wl_cpu | $wl_acc | $wl_ws | $wl_sl |"
             "| $tag | ratio | ${wall_ratio}x | | ${ratio}x | ${cpu_ratio}x | ${dacc} pts | | |")
      ft_accs+=("$ft_acc"); wl_accs+=("$wl_acc")
    done
    if (( ${#ft_accs[@]} > 1 )); then
      mean() { printf '%s\n' "$@" | awk '{s+=$1} END{printf "%.4f", s/NR}'; }
      ft_mean=$(mean "${ft_accs[@]}"); wl_mean=$(mean "${wl_accs[@]}")
      dmean=$(awk -v a="$wl_mean" -v b="$ft_mean" 'BEGIN{printf "%+.2f", 100*(a-b)}')
      echo "mean $base over seeds $SEEDS: fastText $ft_mean, wordloom $wl_mean, ${dmean} points"
      ROWS+=("| $base, mean of seeds $SEEDS | fastText / wordloom | | | | | $ft_mean / $wl_mean (${dmean} pts) | | |")
    fi
  done
done
echo
echo "| run | system | wall s | user CPU s | words/s/thread (own) | words per CPU s | analogy (top 30k) | WS-353 rho | SimLex rho |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
