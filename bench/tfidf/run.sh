#!/bin/bash
# TF-IDF fit+transform: wordloom `tfidf --input` (in memory, all cores) vs
# scikit-learn TfidfVectorizer(token_pattern=r"\S+", lowercase=False), same
# pre-tokenized text, same run; then the values are compared.
#
# usage: bench/tfidf/run.sh [BUILD_DIR]   (default build; needs /usr/bin/python3 with sklearn)
# Input: 20 Newsgroups train ($WORDLOOM_DATA), one message per line, tokenized
# and lower-cased by `wordloom tokenize` (17.5-23 MB), and the same 3x.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
wl="$root/$build/bin/wordloom"
data=${WORDLOOM_DATA:-$root/../shared/corpora}
work=$(mktemp -d /tmp/wl-bench-tfidf.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$here/prepare.py" "$data/20newsgroups_bydate/20news-bydate-train" "$work/20ng.txt"
"$wl" tokenize "$work/20ng.txt" > "$work/20ng.tok"
cat "$work/20ng.tok" "$work/20ng.tok" "$work/20ng.tok" > "$work/20ng3.tok"

best_wl() {  # best fit_transform seconds of 3 runs
  local best=""
  for _ in 1 2 3; do
    s=$("$wl" tfidf --input "$1" --no-rows --timing $2 2>&1 >/dev/null | sed 's/.*"fit_transform_seconds":\([0-9.]*\).*/\1/')
    best=$(/usr/bin/python3 -c "print(min(x for x in [$s, ${best:-1e9}]))")
  done
  echo "$best"
}

printf "%-10s %-10s %8s %12s %12s %8s %s\n" input tf MB sklearn_s wordloom_s ratio values
for f in 20ng.tok 20ng3.tok; do
  for mode in raw sublinear; do
    flag=""; pyflag=""
    if [ $mode = sublinear ]; then flag="--sublinear-tf"; pyflag="--sublinear"; fi
    mb=$(( $(stat -c %s "$work/$f") / 1000000 ))
    wl_s=$(best_wl "$work/$f" "$flag")
    compare=""
    if [ $f = 20ng.tok ]; then
      "$wl" tfidf --input "$work/$f" --no-rows --matrix-market "$work/w.mtx" $flag
      compare="--compare $work/w.mtx"
    fi
    sk=$(/usr/bin/python3 "$here/sklearn_tfidf.py" "$work/$f" $pyflag $compare)
    sk_s=$(echo "$sk" | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['fit_transform_seconds'])")
    ratio=$(/usr/bin/python3 -c "print(f'{$sk_s / $wl_s:.1f}x')")
    values=$(echo "$sk" | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print({k: d[k] for k in ('same_terms','same_nonzeros','max_abs_diff') if k in d})")
    printf "%-10s %-10s %8s %12.3f %12.3f %8s %s\n" $f $mode $mb $sk_s $wl_s $ratio "$values"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
