#!/usr/bin/env bash
# Huge counts: `nps-stat compare A.csv B.csv --input counts` (the defaults:
# permutation test, every test side by side, Jeffreys sample intervals,
# MOVER interval of the difference) on generated counts files of n answers
# per sample, n = 10^3, 10^6, ..., 10^18. Sample A is 50/25/25% promoters/
# passives/detractors, sample B 52/24/24%.
#
# Usage: bench/hugecounts.sh [--runs K] [--sizes "E1 E2 ..."]
#                            [--build-dir DIR] [--no-build]
#
#   --runs K        timed runs per size; the median wall time is reported
#                   (default 3)
#   --sizes LIST    decimal exponents of n (default "3 6 9 12 15 18")
#   --build-dir DIR build tree (default build/); built or updated first
#   --no-build      use the build tree as it is
#
# Prints one markdown row per size: n, median wall seconds, peak RSS (KB),
# the permutation test's p and how it was computed. Wall time and peak RSS
# come from /usr/bin/time.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=3
sizes="3 6 9 12 15 18"
build_dir=build
build=1
while [[ $# -gt 0 ]]; do
  case $1 in
  --runs) runs=$2; shift 2 ;;
  --sizes) sizes=$2; shift 2 ;;
  --build-dir) build_dir=$2; shift 2 ;;
  --no-build) build=0; shift ;;
  *) echo "hugecounts.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
[[ $build = 1 ]] && bash "$root/scripts/build.sh" "$build_dir" >/dev/null
bin="$build_dir/nps-stat"
[[ -x /usr/bin/time ]] || { echo "hugecounts.sh: needs /usr/bin/time" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# counts FILE N PROM_PERCENT PASS_PERCENT: N answers split by whole percents
# (N is a power of ten >= 100, so the parts are exact integers).
counts() {
  local n=$2 p a d
  p=$(echo "$n * $3 / 100" | bc)
  a=$(echo "$n * $4 / 100" | bc)
  d=$(echo "$n - $p - $a" | bc)
  printf 'score,count\n10,%s\n8,%s\n3,%s\n' "$p" "$a" "$d" >"$1"
}

echo "| n per sample | wall s (median of $runs) | peak RSS KB | permutation p | draws |"
echo "|---:|---:|---:|---:|---|"
for e in $sizes; do
  n=$(echo "10^$e" | bc)
  counts "$tmp/a.csv" "$n" 50 25
  counts "$tmp/b.csv" "$n" 52 24
  times=()
  rss=0
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %M' -o "$tmp/time" \
      "$bin" compare "$tmp/a.csv" "$tmp/b.csv" --input counts --format json \
      >"$tmp/out.json"
    read -r t m <"$tmp/time"
    times+=("$t")
    ((m > rss)) && rss=$m
  done
  med=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
  p=$(grep -o '"method": "permutation", "status"[^}]*' "$tmp/out.json" |
    grep -o '"p": [^,]*' | cut -d' ' -f2)
  how=$(grep -q 'drawn from their normal limit' "$tmp/out.json" &&
    echo "normal-limit draws" || echo "exact draws")
  grep -q '"exact": true' "$tmp/out.json" && how="enumerated"
  echo "| 10^$e | $med | $rss | $p | $how |"
done
