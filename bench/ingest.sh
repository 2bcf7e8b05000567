#!/usr/bin/env bash
# Ingest benchmark: `nps-stat summary FILE --by channel` on a large CSV,
# side by side with DuckDB's read_csv ... GROUP BY on the same file.
#
# Usage: bench/ingest.sh [--rows N] [--seed S] [--runs K] [--with-peers]
#                        [--build-dir DIR] [--data-dir DIR]
#
#   --rows N        data rows in the generated file (default 10000000)
#   --seed S        generator seed (default 1)
#   --runs K        timed runs per tool; the median time is reported (default 3)
#   --with-peers    install DuckDB's node client (@duckdb/node-api) with npm
#                   into BUILD_DIR/bench-peers if it is not there yet
#   --build-dir DIR build tree (default build/); built or updated first
#   --no-build      use the build tree as it is
#   --data-dir DIR  where the CSV is kept (default BUILD_DIR/bench-data)
#
# The CSV is generated once by gen_responses and reused. Each tool is run
# once untimed (warm page cache), then K times; wall time and peak RSS come
# from /usr/bin/time when present, else from python3's resource module.
# DuckDB is compared when node and @duckdb/node-api are available; peers are
# never build dependencies. MB are 10^6 bytes.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=10000000
seed=1
runs=3
with_peers=0
no_build=0
build_dir=build
data_dir=

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) rows=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --with-peers) with_peers=1; shift ;;
    --no-build) no_build=1; shift ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ingest.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in rows seed runs; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "ingest.sh: --$v needs a number" >&2; exit 2; }
done
[[ $runs -ge 1 ]] || runs=1
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
data_dir=${data_dir:-$build_dir/bench-data}

if [[ $no_build -eq 0 ]]; then
  echo "==> building in $build_dir"
  bash "$root/scripts/build.sh" "$build_dir" -DNPS_BUILD_BENCH=ON >/dev/null
fi
nps="$build_dir/nps-stat"
gen="$build_dir/bench/gen_responses"

mkdir -p "$data_dir"
file="$data_dir/responses-$rows-$seed.csv"
if [[ ! -s "$file" ]]; then
  echo "==> generating $file"
  "$gen" "$rows" "$seed" >"$file.tmp"
  mv "$file.tmp" "$file"
fi
bytes=$(stat -c %s "$file")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure OUT CMD...: run CMD with stdout to OUT and stderr to OUT.err; sets
# m_seconds (wall), m_rss_kb (peak resident set) and m_status.
measure() {
  local out=$1
  shift
  if [[ -x /usr/bin/time ]]; then
    local t0 t1
    t0=$(date +%s%N)
    m_status=0
    /usr/bin/time -f '%M' -o "$work/time" "$@" >"$out" 2>"$out.err" ||
      m_status=$?
    t1=$(date +%s%N)
    m_rss_kb=$(tail -n 1 "$work/time")
    m_seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  else
    read -r m_seconds m_rss_kb m_status < <(python3 -c '
import resource, subprocess, sys, time
out = sys.argv[1]
with open(out, "wb") as o, open(out + ".err", "wb") as e:
    t = time.perf_counter()
    rc = subprocess.call(sys.argv[2:], stdout=o, stderr=e)
    dt = time.perf_counter() - t
print("%.3f %d %d" % (dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc))
' "$out" "$@")
  fi
}

results=()  # "name|median seconds|peak rss kB"

# bench NAME CMD...: one warm-up run, then $runs timed runs.
bench() {
  local name=$1 i times=() rss=0
  shift
  echo "==> $name: $*"
  measure "$work/out" "$@"
  if [[ $m_status -ne 0 ]]; then
    echo "$name failed (exit status $m_status):" >&2
    cat "$work/out.err" >&2
    return 1
  fi
  cat "$work/out"
  for ((i = 1; i <= runs; i++)); do
    measure "$work/out" "$@"
    [[ $m_status -eq 0 ]] || { echo "$name failed on run $i" >&2; return 1; }
    times+=("$m_seconds")
    if ((m_rss_kb > rss)); then rss=$m_rss_kb; fi
  done
  echo "    runs: ${times[*]} s"
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  results+=("$name|$median|$rss")
}

status=0
bench nps-stat "$nps" summary "$file" --by channel || status=1

peers="$build_dir/bench-peers"
duck_pkg="$peers/node_modules/@duckdb/node-api"
if [[ $with_peers -eq 1 && ! -d "$duck_pkg" ]]; then
  if command -v npm >/dev/null 2>&1; then
    echo "==> installing @duckdb/node-api into $peers"
    mkdir -p "$peers"
    npm install --prefix "$peers" --no-audit --no-fund --loglevel=error \
      @duckdb/node-api >/dev/null || echo "npm install failed: DuckDB skipped" >&2
  else
    echo "npm not found: DuckDB skipped" >&2
  fi
fi
duck_query=
if command -v node >/dev/null 2>&1 && [[ -d "$duck_pkg" ]]; then
  cp "$root/bench/duckdb_groupby.mjs" "$peers/"
  if bench "duckdb $(node -p "require('$duck_pkg/package.json').version")" \
      node "$peers/duckdb_groupby.mjs" "$file"; then
    duck_query=$(sed -n 's/^query_seconds=//p' "$work/out")
  else
    status=1
  fi
else
  echo "==> DuckDB not available (bench/ingest.sh --with-peers installs it)"
fi

echo
echo "file: $file"
awk -v b="$bytes" -v r="$rows" 'BEGIN { printf "size: %.1f MB, %d rows, %d cores\n", b / 1e6, r, '"$(nproc)"' }'
printf '%-22s %9s %9s %12s %12s\n' tool seconds MB/s rows/s "peak RSS MB"
for line in "${results[@]}"; do
  IFS='|' read -r name secs rss <<<"$line"
  awk -v n="$name" -v s="$secs" -v k="$rss" -v b="$bytes" -v r="$rows" 'BEGIN {
    printf "%-22s %9.3f %9.1f %12.0f %12.1f\n", n, s, b / 1e6 / s, r / s, k / 1024 }'
done
if [[ -n "$duck_query" ]]; then
  echo "(duckdb figures include node start-up; its query alone took ${duck_query} s)"
fi
exit $status
