#!/bin/bash
# `wordloom index` throughput (MB/s, docs/s) on Reuters-21578 (SGML), the AP
# sample (lda-c expanded to one document per line) and generated .tar.zst
# archives of ~200 MB and ~2 GB of JSON Lines, with peak RSS from
# /usr/bin/time -v: memory must not grow with archive size (within 10%).
#
# usage: bench/index/run.sh [BUILD_DIR] [BIG_MB]   (defaults: build, 2000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
big_mb=${2:-2000}
wl="$root/$build/bin/wordloom"
data=${WORDLOOM_DATA:-$root/../shared/corpora}
work=$(mktemp -d /tmp/wl-bench-index.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); load: $(cut -d' ' -f1-3 /proc/loadavg)"

# run NAME ARGS...: indexes, prints docs, MB, s, MB/s, docs/s, peak RSS.
run() {
  local name=$1; shift
  rm -rf "$work/store"
  /usr/bin/time -v -o "$work/time.txt" "$wl" index --out "$work/store" "$@" > "$work/summary.json"
  local rss=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
  local wall=$(grep "Elapsed (wall" "$work/time.txt" | awk '{print $NF}')
  /usr/bin/python3 - "$name" "$rss" "$wall" "$work/summary.json" <<'PY'
import json, sys
name, rss, wall, path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = json.load(open(path))
print(f"{name:<22} docs={s['documents']:>9} skipped={s['skipped']} input={s['input_bytes']/1e6:8.1f} MB "
      f"index={s['seconds']:7.2f} s  {s['mb_per_s']:6.1f} MB/s  {s['docs_per_s']:9.0f} docs/s  "
      f"wall={wall}  peak_rss={rss/1024:.0f} MB")
PY
}

run reuters-21578 --input "$data"/reuters21578/reut2-*.sgm
/usr/bin/python3 "$here/ap_lines.py" "$data/ap_lda_c" "$work/ap.txt"
run ap-lda-c-as-lines --input "$work/ap.txt" --format lines
for mb in 200 "$big_mb"; do
  /usr/bin/python3 "$here/make_archive.py" "$data/20newsgroups_bydate/20news-bydate-train" "$mb" \
    | zstd -q -1 -T2 > "$work/gen$mb.tar.zst"
  echo "generated $mb MB of JSONL -> $(( $(stat -c %s "$work/gen$mb.tar.zst") / 1000000 )) MB .tar.zst"
  run "generated-${mb}MB.tar.zst" --input "$work/gen$mb.tar.zst"
  rm -f "$work/gen$mb.tar.zst"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
