# Shared set-up of bench/classify/run.sh and run_quantize.sh (sourced):
# arguments, paths, the two programs, the machine line, and the prepared
# data sets in $work/data. Sets here, repo, build, data, work, wordloom and
# leaves the caller's extra flags in "$@".
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-build}"
shift || true
data="${WORDLOOM_DATA:-$repo/../shared/corpora}"
work="${WORK_DIR:-$default_work}"
wordloom="$repo/$build/bin/wordloom"
[[ -x "$wordloom" ]] || { echo "build $wordloom first (ninja -C $build wordloom)" >&2; exit 1; }
[[ -x /usr/bin/fasttext ]] || { echo "needs Debian's fasttext (apt-get install fasttext)" >&2; exit 1; }
echo "date: $(date -u +%F' '%H:%M) UTC; $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p');" \
     "load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$here/prepare.py" "$data" "$work/data"
