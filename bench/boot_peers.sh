#!/usr/bin/env bash
# Bootstrap peer comparison: a 95% BCa interval of one NPS with B = 10^4
# replicates, by nps-stat (library call and whole CLI process), by
# scipy.stats.bootstrap and by R's boot package, on the same answers for
# each n.
#
# Usage: bench/boot_peers.sh [--with-peers] [--sizes 1000,10000,100000]
#                            [--boot B] [--repeat N] [options]
#
#   --with-peers      install the peers with apt-get when missing
#                     (python3-scipy python3-numpy r-base-core r-cran-boot);
#                     without it, peers that are not installed are skipped
#   --sizes LIST      numbers of answers, comma separated
#                     (default 1000,10000,100000)
#   --boot B          bootstrap replicates (default 10000)
#   --repeat N        timed runs per tool and n, median reported (default 3);
#                     the library is called max(N, 15) times (milliseconds
#                     each), the CLI gets one untimed warm-up run first
#   --peers LIST      peers to run, comma separated: scipy, r (default
#                     scipy,r; "none" for nps-stat alone)
#   --peer-repeat-large K
#                     timed runs of scipy and R at n >= 100000, where one
#                     run takes minutes (default 1)
#   --timeout S       wall-clock cap of each peer process (default 600)
#   --peer-mem MB     address-space cap (ulimit -v) of each peer process,
#                     so that a peer that asks for too much memory fails
#                     with MemoryError instead of pressing the machine
#                     (default 8192)
#   --seed S          data generator and bootstrap seed (default 20240601)
#   --build-dir DIR   build tree (default build/); built or updated first
#   --no-build        use the build tree as it is
#   --data-dir DIR    where the data files are kept
#                     (default BUILD_DIR/bench-data)
#
# For each n the script writes, once, a CSV export with exactly n answered
# scores (bench/gen_responses, cut after the n-th non-empty score, so the
# missing answers before it stay in the file) and the same n scores as a
# plain file, one per line, which the library program and the peers read.
# Timed:
#   library  bench/boot_peer: nps_boot_ci on the counts, without reading
#   CLI      nps-stat summary FILE.csv --ci bca --boot B --format csv,
#            the whole process (start, CSV parsing, interval, output)
#   scipy    scipy.stats.bootstrap((x,), np.mean, method='BCa', ...) alone,
#            with the default batch; if that runs out of memory, again with
#            batch = max(1, 4*10^7 / n) resamples at a time
#   R        boot::boot(x, mean(d[i]), R = B) + boot.ci(type = 'bca') alone;
#            also boot.ci with the exact influence values L = x - mean(x)
# Peer times come from inside the peer process (bench/peers/), so neither
# interpreter start-up nor package loading is counted against the peer.
# A peer that is stopped by --timeout or fails for memory is shown as
# "timeout" or "out of memory" and not repeated.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=1000,10000,100000
boot=10000
repeat=3
repeat_large=1
large_n=100000
mc_seeds=50
timeout_s=600
peer_mem=8192
seed=20240601
level=0.95
with_peers=0
peers=scipy,r
no_build=0
build_dir=build
data_dir=

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "boot_peers.sh: $*" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --with-peers) with_peers=1; shift ;;
    --sizes) sizes=${2:?}; shift 2 ;;
    --boot) boot=${2:?}; shift 2 ;;
    --repeat) repeat=${2:?}; shift 2 ;;
    --peers) peers=${2:?}; shift 2 ;;
    --peer-repeat-large) repeat_large=${2:?}; shift 2 ;;
    --timeout) timeout_s=${2:?}; shift 2 ;;
    --peer-mem) peer_mem=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --build-dir) build_dir=${2:?}; shift 2 ;;
    --no-build) no_build=1; shift ;;
    --data-dir) data_dir=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "boot_peers.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for v in boot repeat repeat_large timeout_s peer_mem seed; do
  [[ ${!v} =~ ^[0-9]+$ && ${!v} -ge 1 ]] || die "--${v//_/-} needs a positive number"
done
[[ ,$peers, =~ ^,((scipy|r),)*,?$|^,none,$ ]] || die "--peers takes scipy, r or none"
want() { [[ ,$peers, == *,$1,* ]]; }
[[ $sizes =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--sizes needs numbers, comma separated"
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do [[ $n -ge 20 ]] || die "each size must be at least 20"; done
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
data_dir=${data_dir:-$build_dir/bench-data}

if [[ $no_build -eq 0 ]]; then
  echo "==> building in $build_dir"
  bash "$root/scripts/build.sh" "$build_dir" -DNPS_BUILD_BENCH=ON >/dev/null
fi
nps="$build_dir/nps-stat"
gen="$build_dir/bench/gen_responses"
lib="$build_dir/bench/boot_peer"
for p in "$nps" "$gen" "$lib"; do
  [[ -x $p ]] || die "$p not built (configure with -DNPS_BUILD_BENCH=ON)"
done

# ---------------------------------------------------------------- peers
python=/usr/bin/python3
have_scipy() { [[ -x $python ]] && "$python" -c 'import numpy, scipy.stats' 2>/dev/null; }
have_r() { command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(boot)' >/dev/null 2>&1; }
if [[ $with_peers -eq 1 ]]; then
  need=()
  want scipy && ! have_scipy && need+=(python3-scipy python3-numpy)
  want r && ! have_r && need+=(r-base-core r-cran-boot)
  if [[ ${#need[@]} -gt 0 ]]; then
    sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    echo "==> installing ${need[*]} with apt-get"
    if command -v apt-get >/dev/null 2>&1; then
      $sudo apt-get update >/dev/null &&
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y \
          --no-install-recommends "${need[@]}" >/dev/null ||
        echo "apt-get install failed: missing peers are skipped" >&2
    else
      echo "apt-get not found: missing peers are skipped" >&2
    fi
  fi
fi
use_scipy=0
use_r=0
if want scipy; then
  have_scipy && use_scipy=1
  [[ $use_scipy -eq 1 ]] || echo "==> scipy not available (--with-peers installs it)"
fi
if want r; then
  have_r && use_r=1
  [[ $use_r -eq 1 ]] || echo "==> R boot not available (--with-peers installs it)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- helpers
# Microseconds since the epoch, without starting a process.
usec() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }

median() {
  printf '%s\n' "$@" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) printf "%.6f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# kv FILE KEY: the value of KEY=... in FILE (last occurrence), or empty.
kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }

# peer_run OUT CMD...: run CMD under the time and memory caps with stdout
# to OUT and stderr to OUT.err; sets p_status (exit status) and p_rss_kb.
peer_run() {
  local out=$1
  shift
  p_status=0
  (
    ulimit -v $((peer_mem * 1024))
    exec /usr/bin/time -f '%M' -o "$out.time" \
      timeout -k 10 "$timeout_s" "$@"
  ) >"$out" 2>"$out.err" || p_status=$?
  p_rss_kb=$(tail -n 1 "$out.time" 2>/dev/null || echo 0)
  [[ $p_rss_kb =~ ^[0-9]+$ ]] || p_rss_kb=0
}

# failure STATUS OUT PREFIX: the table text for a failed peer run.
failure() {
  local st=$1 out=$2 prefix=$3
  if [[ $st -eq 124 ]]; then
    echo timeout
  elif [[ $(kv "$out" "${prefix}status") == oom ]] ||
    grep -q 'MemoryError\|cannot allocate' "$out.err"; then
    echo "out of memory"
  elif [[ $st -gt 128 ]]; then
    echo "killed (signal $((st - 128)))"
  else
    echo "error ($st)"
  fi
}

fmt_ms() { awk -v s="$1" 'BEGIN { printf "%.2f", 1e3 * s }'; }
fmt_s() {
  if [[ $1 =~ ^[0-9.]+$ ]]; then awk -v s="$1" 'BEGIN { printf "%.2f", s }'; else echo "$1"; fi
}
ratio() {
  if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]]; then
    awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf(r >= 100 ? "%.0f" : "%.1f", r) }'
  else
    echo "–"
  fi
}
iv() {
  if [[ -n $1 && -n $2 ]]; then
    awk -v a="$1" -v b="$2" 'BEGIN { printf "[%.3f, %.3f]", a, b }'
  else
    echo "–"
  fi
}

# ---------------------------------------------------------------- data
# make_data N: CSV and score file with exactly N answered scores.
make_data() {
  local n=$1 base="$data_dir/boot-$1-$seed"
  csv="$base.csv"
  scores="$base.scores"
  [[ -s $csv && -s $scores ]] && return 0
  echo "==> generating $csv"
  mkdir -p "$data_dir"
  "$gen" $((n + n / 5 + 100)) "$seed" >"$work/full.csv"
  awk -F, -v n="$n" -v sf="$scores.tmp" '
    NR == 1 { print; next }
    { print; if ($NF != "") { print $NF > sf; if (++k == n) exit } }
    END { if (k != n) exit 1 }' "$work/full.csv" >"$csv.tmp"
  mv "$csv.tmp" "$csv"
  mv "$scores.tmp" "$scores"
}

# ---------------------------------------------------------------- runs
# scipy_run ARGS...: times boot_scipy.py on $scores peer_reps times, stopping
# at a failure; sets s_cell (median seconds or failure text), s_lo, s_hi,
# s_rss (kB).
scipy_run() {
  local times=() i
  s_cell='' s_lo='' s_hi='' s_rss=0
  for ((i = 0; i < peer_reps; i++)); do
    peer_run "$work/scipy" "$python" "$root/bench/peers/boot_scipy.py" \
      "$scores" --boot "$boot" --level "$level" --seed "$seed" "$@"
    ((p_rss_kb > s_rss)) && s_rss=$p_rss_kb
    if [[ $p_status -ne 0 || $(kv "$work/scipy" status) != ok ]]; then
      s_cell=$(failure "$p_status" "$work/scipy" "")
      echo "    scipy${*:+ $*}: $s_cell" >&2
      sed -n '$p' "$work/scipy.err" >&2
      break
    fi
    times+=("$(kv "$work/scipy" seconds)")
    s_lo=$(kv "$work/scipy" bca_lo)
    s_hi=$(kv "$work/scipy" bca_hi)
    scipy_version=$(kv "$work/scipy" version)
  done
  [[ ${#times[@]} -eq 0 ]] || s_cell=$(median "${times[@]}")
  echo "    scipy${*:+ $*}: $s_cell s (runs: ${times[*]:-none}; peak RSS $((s_rss / 1024)) MB)"
}

rows_time=()
rows_iv=()
rows_mem=()
notes=()

for n in "${size_list[@]}"; do
  make_data "$n"
  peer_reps=$repeat
  [[ $n -lt $large_n ]] || peer_reps=$repeat_large
  echo "==> n = $n ($csv)"

  # library
  lib_reps=$((repeat > 15 ? repeat : 15))
  /usr/bin/time -f '%M' -o "$work/lib.time" "$lib" --boot "$boot" \
    --level "$level" --seed "$seed" --repeat "$lib_reps" --spread "$mc_seeds" \
    "$scores" >"$work/lib"
  [[ $(kv "$work/lib" n) -eq $n ]] || die "library read $(kv "$work/lib" n) answers, not $n"
  lib_s=$(kv "$work/lib" boot_median_s)
  lib_rss=$(tail -n 1 "$work/lib.time")
  echo "    library: $(fmt_ms "$lib_s") ms (median of $lib_reps calls, fastest $(fmt_ms "$(kv "$work/lib" boot_min_s)") ms)"

  # CLI: a warm-up run (also measures peak RSS), then timed runs
  cli=("$nps" summary "$csv" --ci bca --boot "$boot" --seed "$seed" --format csv)
  /usr/bin/time -f '%M' -o "$work/cli.time" "${cli[@]}" >"$work/cli" 2>"$work/cli.err" ||
    { cat "$work/cli.err" >&2; die "nps-stat failed"; }
  cli_rss=$(tail -n 1 "$work/cli.time")
  IFS=, read -r _ cli_n _ _ _ _ _ _ _ _ cli_lo cli_hi _ < <(sed -n 2p "$work/cli")
  [[ $cli_n -eq $n ]] || die "nps-stat counted $cli_n answers, not $n"
  times=()
  for ((i = 0; i < repeat; i++)); do
    t0=$(usec)
    "${cli[@]}" >/dev/null 2>&1
    t1=$(usec)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e6 }')")
  done
  cli_s=$(median "${times[@]}")
  echo "    CLI: $(fmt_ms "$cli_s") ms (runs: ${times[*]} s)"

  # scipy: default batch; if that fails for memory, a fixed batch
  scipy_cell="not run"
  scipy_b_cell="–"
  scipy_lo='' scipy_hi='' scipy_rss=– scipy_best=''
  if [[ $use_scipy -eq 1 ]]; then
    scipy_run
    scipy_cell=$s_cell scipy_lo=$s_lo scipy_hi=$s_hi scipy_rss=$((s_rss / 1024))
    scipy_best=$s_cell
    if [[ $s_cell == "out of memory" ]]; then
      batch=$((40000000 / n))
      ((batch >= 1)) || batch=1
      scipy_run --batch "$batch"
      scipy_b_cell="$(fmt_s "$s_cell") (batch=$batch)"
      scipy_lo=$s_lo scipy_hi=$s_hi scipy_rss="$scipy_rss / $((s_rss / 1024))"
      scipy_best=$s_cell
      [[ $s_cell =~ ^[0-9.]+$ ]] && notes+=("n = $n: scipy with the default batch ran out of memory; ratios use batch=$batch.")
    fi
  fi

  # R: boot() + boot.ci(bca) by default and with L given
  r_cell="not run"
  rl_cell="–"
  r_lo='' r_hi='' rl_lo='' rl_hi='' r_rss=–
  if [[ $use_r -eq 1 ]]; then
    t_def=() t_l=()
    mode=all
    r_rss=0
    for ((i = 0; i < peer_reps; i++)); do
      peer_run "$work/r" Rscript "$root/bench/peers/boot_r.R" "$scores" \
        "$boot" "$level" "$seed" "$mode"
      ((p_rss_kb > r_rss)) && r_rss=$p_rss_kb
      r_version=$(kv "$work/r" version)
      bs=$(kv "$work/r" boot_seconds)
      if [[ -z $bs ]]; then
        r_cell=$(failure "$p_status" "$work/r" boot_)
        rl_cell=$r_cell
        break
      fi
      if [[ $(kv "$work/r" ci_l_status) == ok ]]; then
        t_l+=("$(awk -v a="$bs" -v b="$(kv "$work/r" ci_l_seconds)" 'BEGIN { print a + b }')")
        rl_lo=$(kv "$work/r" ci_l_lo) rl_hi=$(kv "$work/r" ci_l_hi)
      fi
      if [[ $mode == all ]]; then
        if [[ $(kv "$work/r" ci_status) == ok ]]; then
          t_def+=("$(awk -v a="$bs" -v b="$(kv "$work/r" ci_seconds)" 'BEGIN { print a + b }')")
          r_lo=$(kv "$work/r" ci_lo) r_hi=$(kv "$work/r" ci_hi)
        else
          r_cell=$(failure "$p_status" "$work/r" ci_)
          echo "    R boot.ci default: $r_cell $(kv "$work/r" ci_message)" >&2
          mode=L # the default path is not repeated after a failure
        fi
      fi
    done
    [[ ${#t_def[@]} -eq 0 ]] || r_cell=$(median "${t_def[@]}")
    [[ ${#t_l[@]} -eq 0 ]] || rl_cell=$(median "${t_l[@]}")
    r_rss=$((r_rss / 1024))
    echo "    R: default $r_cell s (runs: ${t_def[*]:-none}), L given $rl_cell s (runs: ${t_l[*]:-none}); peak RSS $r_rss MB"
  fi

  # R/library from the default boot.ci, else from the one with L given
  r_best=$r_cell
  if [[ ! $r_best =~ ^[0-9.]+$ && $rl_cell =~ ^[0-9.]+$ ]]; then
    r_best=$rl_cell
    notes+=("n = $n: R's default boot.ci gave \"$r_cell\"; R/library uses boot.ci with L = x - mean(x).")
  fi
  rows_time+=("| $n | $(fmt_ms "$lib_s") | $(fmt_ms "$cli_s") | $(fmt_s "$scipy_cell") | $scipy_b_cell | $(fmt_s "$r_cell") | $(fmt_s "$rl_cell") | $(ratio "$scipy_best" "$lib_s") | $(ratio "$scipy_best" "$cli_s") | $(ratio "$r_best" "$lib_s") |")

  # intervals, how far apart they are, and the Monte Carlo sd of each
  # limit measured over $mc_seeds more library seeds
  spread=$(printf '%s\n' "$(kv "$work/lib" bca_lo) $(kv "$work/lib" bca_hi)" \
    "$cli_lo $cli_hi" "$scipy_lo $scipy_hi" "$r_lo $r_hi" "$rl_lo $rl_hi" |
    awk -v sl="$(kv "$work/lib" bca_lo_sd)" -v sh="$(kv "$work/lib" bca_hi_sd)" '
      NF == 2 && k++ == 0 { l0 = l1 = $1; h0 = h1 = $2; next }
      NF == 2 { if ($1 < l0) l0 = $1; if ($1 > l1) l1 = $1
                if ($2 < h0) h0 = $2; if ($2 > h1) h1 = $2 }
      END { printf "%.3f / %.3f | %.3f / %.3f", l1 - l0, h1 - h0, sl, sh }')
  rows_iv+=("| $n | $(kv "$work/lib" estimate | awk '{ printf "%.2f", $1 }') | $(iv "$(kv "$work/lib" bca_lo)" "$(kv "$work/lib" bca_hi)") | $(iv "$cli_lo" "$cli_hi") | $(iv "$scipy_lo" "$scipy_hi") | $(iv "$r_lo" "$r_hi") | $(iv "$rl_lo" "$rl_hi") | $spread |")
  rows_mem+=("| $n | $((lib_rss / 1024)) | $((cli_rss / 1024)) | $scipy_rss | $r_rss |")
done

# ---------------------------------------------------------------- report
echo
echo "95% BCa interval, B = $boot, seed $seed; $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)."
echo "$("$nps" --version 2>/dev/null | head -n 1)${scipy_version:+; $scipy_version}${r_version:+; $r_version}."
echo "Medians: library over max(N, 15) = $((repeat > 15 ? repeat : 15)) calls, CLI over $repeat runs, peers over $repeat runs ($repeat_large at n >= $large_n)."
echo "Peer caps: $timeout_s s, $peer_mem MB of address space per process."
echo "Monte Carlo sd: of the library's limits over seeds $((seed + 1))..$((seed + mc_seeds)); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| n | library (ms) | CLI process (ms) | scipy (s) | scipy, smaller batch (s) | R boot + boot.ci (s) | R, L given (s) | scipy / library | scipy / CLI | R / library |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows_time[@]}"
for note in "${notes[@]+"${notes[@]}"}"; do echo "* $note"; done
echo
echo "Intervals (points):"
echo
echo "| n | NPS | library | CLI | scipy | R | R, L given | largest difference, lower / upper | Monte Carlo sd, lower / upper |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows_iv[@]}"
echo
echo "Peak resident memory (MB; scipy: default batch / smaller batch):"
echo
echo "| n | library program | CLI | scipy | R |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows_mem[@]}"
