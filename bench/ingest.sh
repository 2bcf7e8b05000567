#!/usr/bin/env bash
# Ingest benchmark: per-segment NPS of two large CSV exports, nps-stat next
# to DuckDB and pandas on the same files in the same run.
#
# Usage: bench/ingest.sh [--rows-narrow N] [--rows-wide N] [--runs K]
#                        [--seed S] [--only narrow|wide] [--with-peers]
#                        [--build-dir DIR] [--no-build] [--data-dir DIR]
#
#   --rows-narrow N  data rows of the narrow export (default 10000000; --rows
#                    is the former name)
#   --rows-wide N    data rows of the wide export (default 1000000)
#   --runs K         timed runs per tool and file; medians are reported
#                    (default 5)
#   --seed S         generator seed (default 1)
#   --only F         benchmark only the narrow or only the wide file
#   --with-peers     install the peers when missing: DuckDB's node client
#                    (@duckdb/node-api, with npm, into BUILD_DIR/bench-peers)
#                    and pandas (python3-pandas, with apt-get)
#   --build-dir DIR  build tree (default build/); built or updated first with
#                    scripts/build.sh DIR -DNPS_BUILD_BENCH=ON
#   --no-build       use the build tree as it is
#   --data-dir DIR   where the generated files are kept (default
#                    BUILD_DIR/bench-data); they are generated once and reused
#
# The files:
#   narrow  gen_responses ROWS SEED: respondent_id,date,channel,
#           customer_type,region,score (6 columns, about 40 bytes a row);
#           summarised with --by channel
#   wide    gen_wide ROWS SEED: a Qualtrics-shaped export, 60 columns, every
#           cell quoted, CRLF, two extra header rows (question texts and
#           ImportIds), free-text cells with commas, doubled quotes and
#           newlines (about 945 bytes a row); summarised with
#           --by channel,region --score Q1 --skip-rows 2
#
# The tools, each reading the whole file as one process:
#   nps-stat -t1   nps-stat summary FILE ... --format csv --ci wald --threads 1
#                  (the Wald interval costs nothing: this is the reading)
#   nps-stat, default interval
#                  nps-stat summary FILE ... --format csv: the default
#                  interval (Bayesian, Jeffreys prior, by numerical
#                  integration) on top, default --threads
#   nps-stat       the -t1 command with the default --threads (processors online,
#                  at most 8)
#   duckdb         node ingest_duckdb.mjs (read_csv ... GROUP BY)
#   pandas         /usr/bin/python3 ingest_pandas.py (read_csv(usecols=...)
#                  and groupby)
# Peers that are not installed are left out (and said so).
#
# Method: the file is read once into the page cache (cat), every tool runs
# once untimed, then K rounds run every tool once each, the starting tool
# rotating from round to round, so a slow spell of the machine falls on all
# tools alike. Each run's wall time (date +%s%N around the process), CPU
# time (user + system) and peak RSS (GNU time's %U %S %M, else python3's
# resource module) are recorded; the tables give the medians of wall and
# CPU time and the largest peak RSS. MB are 10^6 bytes; MB/s is the file
# size over the median wall time.
#
# Every tool prints per group n, promoters, passives, detractors, empty
# scores and NPS; the untimed run's output of each tool is compared with
# nps-stat's (--threads 1) and every timed run's output with the untimed
# one. Any difference is printed as a MISMATCH and makes the exit status 1.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command_line="bash bench/ingest.sh${*:+ $*}"
rows_narrow=10000000
rows_wide=1000000
seed=1
runs=5
only=
with_peers=0
no_build=0
build_dir=build
data_dir=

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "ingest.sh: $*" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --rows-narrow) rows_narrow=${2-}; shift 2 ;;
    --rows-wide) rows_wide=${2-}; shift 2 ;;
    --rows) rows_narrow=${2-}; shift 2 ;; # the former name
    --seed) seed=${2-}; shift 2 ;;
    --runs) runs=${2-}; shift 2 ;;
    --only) only=${2-}; shift 2 ;;
    --with-peers) with_peers=1; shift ;;
    --no-build) no_build=1; shift ;;
    --build-dir) build_dir=${2-}; shift 2 ;;
    --data-dir) data_dir=${2-}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ingest.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in rows_narrow rows_wide seed runs; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "--${v//_/-} needs a number"
done
[[ $runs -ge 1 ]] || runs=1
case $only in
  '') files=(narrow wide) ;;
  narrow|wide) files=("$only") ;;
  *) die "--only must be narrow or wide" ;;
esac
[[ -n $build_dir ]] || die "--build-dir needs a directory"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
data_dir=${data_dir:-$build_dir/bench-data}

if [[ $no_build -eq 0 ]]; then
  echo "==> building in $build_dir"
  bash "$root/scripts/build.sh" "$build_dir" -DNPS_BUILD_BENCH=ON >/dev/null
fi
nps="$build_dir/nps-stat"
for p in "$nps" "$build_dir/bench/gen_responses" "$build_dir/bench/gen_wide"; do
  [[ -x $p ]] || die "$p not built (configure with -DNPS_BUILD_BENCH=ON)"
done
checker=python3
[[ -x /usr/bin/python3 ]] && checker=/usr/bin/python3

# ---------------------------------------------------------------- peers
peers="$build_dir/bench-peers"
duck_pkg="$peers/node_modules/@duckdb/node-api"
python=/usr/bin/python3
have_pandas() { [[ -x $python ]] && "$python" -c 'import pandas' 2>/dev/null; }
if [[ $with_peers -eq 1 ]]; then
  if [[ ! -d $duck_pkg ]]; then
    if command -v npm >/dev/null 2>&1; then
      echo "==> installing @duckdb/node-api into $peers"
      mkdir -p "$peers"
      npm install --prefix "$peers" --no-audit --no-fund --loglevel=error \
        @duckdb/node-api >/dev/null || echo "npm install failed: DuckDB skipped" >&2
    else
      echo "npm not found: DuckDB skipped" >&2
    fi
  fi
  if ! have_pandas; then
    sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    echo "==> installing python3-pandas with apt-get"
    if command -v apt-get >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y \
        -o DPkg::Lock::Timeout=600 --no-install-recommends python3-pandas \
        >/dev/null || echo "apt-get install failed: pandas skipped" >&2
    else
      echo "apt-get not found: pandas skipped" >&2
    fi
  fi
fi
use_duck=0
if command -v node >/dev/null 2>&1 && [[ -d $duck_pkg ]]; then
  cp "$root/bench/ingest_duckdb.mjs" "$peers/"
  use_duck=1
  duck_version=$(node -p "require('$duck_pkg/package.json').version")
else
  echo "==> DuckDB not available (bench/ingest.sh --with-peers installs it)"
fi
use_pandas=0
if have_pandas; then
  use_pandas=1
  pandas_version=$("$python" -c 'import pandas; print(pandas.__version__)')
  python_version=$("$python" -c 'import platform; print(platform.python_version())')
else
  echo "==> pandas not available to $python (bench/ingest.sh --with-peers installs python3-pandas)"
fi
nps_threads=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc)
((nps_threads <= 8)) || nps_threads=8

# ---------------------------------------------------------------- data
mkdir -p "$data_dir"
# file_for KIND: generate the file once; prints its path.
file_for() {
  local kind=$1 gen rows f
  if [[ $kind == narrow ]]; then
    gen=gen_responses rows=$rows_narrow f="$data_dir/responses-$rows_narrow-$seed.csv"
  else
    gen=gen_wide rows=$rows_wide f="$data_dir/wide-$rows_wide-$seed.csv"
  fi
  if [[ ! -s $f ]]; then
    echo "==> generating $f" >&2
    "$build_dir/bench/$gen" "$rows" "$seed" >"$f.tmp"
    mv "$f.tmp" "$f"
  fi
  printf '%s\n' "$f"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- measuring
# measure OUT CMD...: run CMD with stdout to OUT and stderr to OUT.err; sets
# m_wall, m_cpu (seconds), m_rss_kb and m_status.
measure() {
  local out=$1
  shift
  if [[ -x /usr/bin/time ]]; then
    local t0 t1 u s
    m_status=0
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$out" 2>"$out.err" ||
      m_status=$?
    t1=$(date +%s%N)
    read -r _ u s m_rss_kb < <(tail -n 1 "$work/time")
    m_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    m_cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  else
    read -r m_wall m_cpu m_rss_kb m_status < <("$checker" -c '
import resource, subprocess, sys, time
out = sys.argv[1]
with open(out, "wb") as o, open(out + ".err", "wb") as e:
    t = time.perf_counter()
    rc = subprocess.call(sys.argv[2:], stdout=o, stderr=e)
    dt = time.perf_counter() - t
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.3f %.2f %d %d" % (dt, r.ru_utime + r.ru_stime, r.ru_maxrss, rc))
' "$out" "$@")
  fi
}

# canon TOOL OUT: the tool's output as sorted tab-separated lines (keys, n,
# promoters, passives, detractors, missing, NPS); nps-stat's CSV is cut down
# to those columns.
canon() {
  local tool=$1 out=$2
  case $tool in
    nps-stat*)
      "$checker" -c '
import csv, sys
keys = sys.argv[2].split(",")
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f):
        if r["row"] != "group":
            continue
        nps = "%.6f" % float(r["nps"]) if r["nps"] not in ("", "NA") else "NA"
        print("\t".join([r[k] for k in keys] + [r["n"], r["promoters"],
              r["passives"], r["detractors"], r["missing"] or "0", nps]))
' "$out" "$by" ;;
    *) cat "$out" ;;
  esac | LC_ALL=C sort
}

# compare REF OTHER: counts must be equal and NPS within 1e-6 points; prints
# the differences.
compare() {
  "$checker" -c '
import sys
def load(p):
    d = {}
    for line in open(p, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        d[tuple(f[:-6])] = f[-6:]
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
bad = 0
for k in sorted(set(a) | set(b)):
    x, y = a.get(k), b.get(k)
    same = x is not None and y is not None and x[:5] == y[:5] and (
        x[5] == y[5] or ("NA" not in (x[5], y[5]) and abs(float(x[5]) - float(y[5])) < 1e-6))
    if not same:
        bad += 1
        if bad <= 10:
            print("    group %s: nps-stat %s, this tool %s" % ("/".join(k), x, y))
print("    %d groups compared, %d differ" % (len(set(a) | set(b)), bad))
sys.exit(1 if bad else 0)
' "$1" "$2"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
  print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

status=0
rows_md=()   # Markdown table rows
notes=()
mismatches=()

# bench_file KIND
bench_file() {
  local kind=$1 file rows bytes
  file=$(file_for "$kind")
  bytes=$(stat -c %s "$file")
  local -a opts
  if [[ $kind == narrow ]]; then
    rows=$rows_narrow by=channel opts=(--by channel --score score)
  else
    rows=$rows_wide by=channel,region
    opts=(--by "$by" --score Q1 --skip-rows 2)
  fi
  local -a names=() cmds=()
  names+=("nps-stat -t1")
  cmds+=("$(printf '%q' "$nps") summary $(printf '%q' "$file") ${opts[*]} --format csv --ci wald --threads 1")
  names+=("nps-stat")
  cmds+=("$(printf '%q' "$nps") summary $(printf '%q' "$file") ${opts[*]} --format csv --ci wald")
  names+=("nps-stat, default interval")
  cmds+=("$(printf '%q' "$nps") summary $(printf '%q' "$file") ${opts[*]} --format csv")
  if [[ $use_duck -eq 1 ]]; then
    names+=("duckdb")
    cmds+=("node $(printf '%q' "$peers/ingest_duckdb.mjs") $(printf '%q' "$file") ${opts[*]}")
  fi
  if [[ $use_pandas -eq 1 ]]; then
    names+=("pandas")
    cmds+=("$python $(printf '%q' "$root/bench/ingest_pandas.py") $(printf '%q' "$file") ${opts[*]}")
  fi
  local nt=${#names[@]} t

  echo
  echo "==> $kind: $file"
  awk -v b="$bytes" -v r="$rows" 'BEGIN { printf "    %.1f MB, %d rows\n", b / 1e6, r }'
  cat "$file" >/dev/null # page cache
  # Untimed run of every tool; outputs checked against nps-stat -t1.
  for ((t = 0; t < nt; t++)); do
    echo "    $ ${cmds[t]}"
    eval "measure \"\$work/ref$t\" ${cmds[t]}"
    if [[ $m_status -ne 0 ]]; then
      echo "    ${names[t]} failed (exit status $m_status):" >&2
      sed 's/^/      /' "$work/ref$t.err" >&2
      mismatches+=("$kind: ${names[t]} failed (exit status $m_status)")
      return 1
    fi
    canon "${names[t]}" "$work/ref$t" >"$work/canon$t"
    if [[ $t -gt 0 ]]; then
      if ! compare "$work/canon0" "$work/canon$t" >"$work/cmp"; then
        echo "!!! MISMATCH ($kind): ${names[t]} disagrees with nps-stat:" >&2
        cat "$work/cmp" >&2
        mismatches+=("$kind: ${names[t]} disagrees with nps-stat -t1")
        status=1
      else
        echo "    agrees with nps-stat -t1 ($(tail -n 1 "$work/cmp" | sed 's/^ *//'))"
      fi
    fi
  done
  echo "    per group (nps-stat): keys, n, promoters, passives, detractors, missing, NPS"
  sed 's/^/      /' "$work/canon0"

  local -a wall cpu rss q
  for ((t = 0; t < nt; t++)); do
    wall[t]='' cpu[t]='' rss[t]=0 q[t]=''
  done
  local r k qs
  for ((r = 0; r < runs; r++)); do
    for ((k = 0; k < nt; k++)); do
      t=$(((r + k) % nt))
      eval "measure \"\$work/run\" ${cmds[t]}"
      if [[ $m_status -ne 0 ]]; then
        echo "!!! ${names[t]} failed on run $((r + 1)) (exit status $m_status)" >&2
        mismatches+=("$kind: ${names[t]} failed on run $((r + 1))")
        status=1
        continue
      fi
      if ! cmp -s <(canon "${names[t]}" "$work/run") "$work/canon$t"; then
        echo "!!! MISMATCH ($kind): ${names[t]}'s output on run $((r + 1)) differs from its first run" >&2
        mismatches+=("$kind: ${names[t]}'s output on run $((r + 1)) differs from its first run")
        status=1
      fi
      wall[t]+=" $m_wall"
      cpu[t]+=" $m_cpu"
      if ((m_rss_kb > rss[t])); then rss[t]=$m_rss_kb; fi
      qs=$(sed -n 's/^query_seconds=//p' "$work/run.err")
      if [[ -n $qs ]]; then q[t]+=" $qs"; fi
    done
  done

  local duck_wall='' w c
  for ((t = 0; t < nt; t++)); do
    if [[ ${names[t]} == duckdb && -n ${wall[t]} ]]; then
      duck_wall=$(median ${wall[t]})
    fi
  done
  printf '    %-13s %s\n' "tool" "wall s per run (rounds in order); cpu s; query s (peers, without start-up)"
  for ((t = 0; t < nt; t++)); do
    [[ -n ${wall[t]} ]] || continue
    printf '    %-27s wall%s; cpu%s%s\n' "${names[t]}" "${wall[t]}" "${cpu[t]}" \
      "${q[t]:+; query${q[t]}}"
    w=$(median ${wall[t]})
    c=$(median ${cpu[t]})
    local qm=
    if [[ -n ${q[t]// /} ]]; then qm=$(median ${q[t]}); fi
    rows_md+=("$(awk -v f="$kind" -v n="${names[t]}" -v w="$w" -v c="$c" -v k="${rss[t]}" \
      -v b="$bytes" -v r="$rows" -v d="$duck_wall" -v qm="$qm" 'BEGIN {
      printf "| %s | %s | %.3f | %.2f | %.0f | %.0f | %.1f | %s | %s |", f, n, w, c,
        b / 1e6 / w, r / w, k / 1024, (d == "" ? "–" : sprintf("%.2f", w / d)),
        (qm == "" ? "–" : sprintf("%.3f", qm)) }')")
  done
  if [[ -n $duck_wall ]]; then
    for ((t = 0; t < 2; t++)); do
      [[ -n ${wall[t]} ]] || continue
      notes+=("$(awk -v f="$kind" -v n="${names[t]}" -v w="$(median ${wall[t]})" \
        -v d="$duck_wall" -v k="${rss[t]}" -v b="$bytes" -v goal="$([[ $kind == narrow ]] && echo 0.3 || echo 0.5)" 'BEGIN {
        x = w / d
        printf "%s, %s: wall %.2f × DuckDB'"'"'s (goal ≤ %s: %s); peak RSS %.1f MB (goal < 20: %s)", f, n, x, goal,
          (x <= goal ? "met" : "NOT met"), k / 1024, (k / 1024 < 20 ? "met" : "NOT met") }')")
    done
  fi
  if [[ $kind == narrow && -n ${wall[0]} ]]; then
    notes+=("$(awk -v w="$(median ${wall[0]})" -v b="$bytes" 'BEGIN {
      x = b / 1e6 / w
      printf "narrow, nps-stat -t1: %.0f MB/s single-threaded (goal ≥ 1000: %s)", x, (x >= 1000 ? "met" : "NOT met") }')")
  fi
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for kind in "${files[@]}"; do
  bench_file "$kind" || status=1
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
echo
echo "==================== ingest results ===================="
echo "command:  $command_line"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  nproc $(nproc), CPU ${cpu_model:-unknown}, $(awk '/^MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "          load average at start $load_start, at end $load_end"
echo "versions: $("$nps" --version); duckdb ${duck_version:-not run} (@duckdb/node-api, node $(node --version 2>/dev/null || echo -)); pandas ${pandas_version:-not run}${python_version:+ (Python $python_version)}"
echo "threads:  nps-stat default --threads $nps_threads; DuckDB its default (all cores)"
echo "runs:     $runs timed rounds per file, tools interleaved, after one untimed run each; medians"
echo
echo "| file | tool | wall s | CPU s (user+sys) | MB/s | rows/s | peak RSS MB | wall / DuckDB | query s (no start-up) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows_md[@]}"
echo
for kind in "${files[@]}"; do
  f=$(file_for "$kind" 2>/dev/null)
  awk -v k="$kind" -v f="$(basename "$f")" -v b="$(stat -c %s "$f")" \
    -v r="$([[ $kind == narrow ]] && echo "$rows_narrow" || echo "$rows_wide")" 'BEGIN {
    printf "* %s: %s, %.1f MB, %d rows\n", k, f, b / 1e6, r }'
done
for n in "${notes[@]}"; do echo "* $n"; done
if [[ $status -eq 0 ]]; then
  echo "* every tool's per-group counts agree with nps-stat's"
else
  echo
  echo "!!! MISMATCH: some tools failed or disagreed (details above):"
  for m in "${mismatches[@]}"; do echo "!!!   $m"; done
fi
exit $status
