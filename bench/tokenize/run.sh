#!/usr/bin/env bash
# bench/tokenize: tokenization throughput, anchors and wordloom in one run.
#   (a) a bare ICU BreakIterator word loop (bench_icu_word_loop)
#   (b) Debian's spm_encode with a unigram 8k model trained on the same text
#   (c) wordloom tokenize, word mode and subword mode (1 thread and all cores)
# Input: >= 50 MB of English built from $WORDLOOM_DATA (Gutenberg books +
# Reuters story bodies, repeated), written to bench/out/ (not committed).
#
#   bench/tokenize/run.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
DATA=${WORDLOOM_DATA:-$(cd .. && pwd)/shared/corpora}
OUT=bench/out/tokenize
mkdir -p "$OUT"
ninja -C "$BUILD" wordloom bench_icu_word_loop >/dev/null

CORPUS=$OUT/english.txt
if [[ ! -s $CORPUS ]]; then
  base=$OUT/base.txt
  cat "$DATA"/english_gutenberg_nltk/*.txt > "$base"
  # Reuters story bodies: the text between <BODY> and </BODY>, entities decoded.
  cat "$DATA"/reuters21578/*.sgm | tr -d '\r' |
    awk '/<BODY>/{on=1; sub(/.*<BODY>/,"")} on{ if (/<\/BODY>/){sub(/<\/BODY>.*/,""); print; on=0} else print }' |
    sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' -e 's/\x03//g' >> "$base"
  while [[ $(stat -c %s "$CORPUS" 2>/dev/null || echo 0) -lt 57000000 ]]; do cat "$base" >> "$CORPUS"; done
  head -c 20000000 "$CORPUS" > "$OUT/train20mb.txt"
fi
BYTES=$(stat -c %s "$CORPUS")
MB=$(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}')
echo "corpus: $CORPUS, $MB MB, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"

if [[ ! -s $OUT/spm8k.model ]]; then
  /usr/bin/time -f "spm_train unigram 8k: %e s, %M KB RSS" spm_train --input="$OUT/train20mb.txt" \
    --model_prefix="$OUT/spm8k" --vocab_size=8000 --model_type=unigram \
    --input_sentence_size=200000 --shuffle_input_sentence=true --minloglevel=2 2>&1 | tail -1
fi

# Prints "<name> <seconds> <MB/s> <KB RSS>" and records MB/s in RATE[key].
declare -A RATE
timed() {
  local key=$1 name=$2; shift 2
  local t sec rss
  t=$( { /usr/bin/time -f "%e %M" "$@" > /dev/null; } 2>&1 | tail -1)
  sec=${t% *}; rss=${t#* }
  RATE[$key]=$(awk -v s="$sec" -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6/s}')
  printf "%-42s %7.2f s %8s MB/s %8d KB\n" "$name" "$sec" "${RATE[$key]}" "$rss"
}
ratio() { awk -v a="${RATE[$1]}" -v b="${RATE[$2]}" 'BEGIN{printf "%.2fx", a/b}'; }
WL=$BUILD/bin/wordloom
SPM=$OUT/spm8k.model
timed icu "icu_word_loop (anchor a)" "$BUILD/bin/bench_icu_word_loop" "$CORPUS"
timed spm "spm_encode (anchor b)" spm_encode --model="$SPM" --input="$CORPUS"
timed w1 "wordloom tokenize --threads 1" "$WL" tokenize --threads 1 "$CORPUS"
timed wall "wordloom tokenize (all cores)" "$WL" tokenize "$CORPUS"
timed wicu "wordloom tokenize --no-fast-path --threads 1" "$WL" tokenize --no-fast-path --threads 1 "$CORPUS"
timed s1 "wordloom tokenize --subword --threads 1" "$WL" tokenize --threads 1 --subword "$SPM" "$CORPUS"
timed sall "wordloom tokenize --subword (all cores)" "$WL" tokenize --subword "$SPM" "$CORPUS"
echo "word pipeline vs bare ICU loop: 1 thread $(ratio w1 icu), all cores $(ratio wall icu), ICU path only $(ratio wicu icu)"
echo "subword vs spm_encode:          1 thread $(ratio s1 spm), all cores $(ratio sall spm)"
