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
#   --long S          a peer whose timed calls took longer than S seconds
#                     is not run again for that n: one run that takes
#                     minutes is enough, and five would take an hour
#                     (default 60)
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
# Every time is reported twice: wall clock, and CPU time (user + system)
# of the same runs, which other jobs on a shared machine disturb less.
# A peer that is stopped by --timeout or fails for memory is shown as
# "timeout" or "out of memory" and not repeated.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sizes=1000,10000,100000
boot=10000
repeat=3
long_s=60
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
    --long) long_s=${2:?}; shift 2 ;;
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
for v in boot repeat long_s timeout_s peer_mem seed; do
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
# Each timed tool gives a wall-clock and a CPU time per run; a "cell" is the
# median of the runs, or the text of a failure.
sum2() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f\n", a + b }'; }

# scipy_run ARGS...: times boot_scipy.py on $scores up to $repeat times,
# stopping after a failure or a long run; sets s_wall, s_cpu (median seconds or failure text), s_lo,
# s_hi, s_rss (kB).
scipy_run() {
  local wall=() cpu=() i
  s_wall='' s_cpu='' s_lo='' s_hi='' s_rss=0
  for ((i = 0; i < repeat; i++)); do
    peer_run "$work/scipy" "$python" "$root/bench/peers/boot_scipy.py" \
      "$scores" --boot "$boot" --level "$level" --seed "$seed" "$@"
    ((p_rss_kb > s_rss)) && s_rss=$p_rss_kb
    if [[ $p_status -ne 0 || $(kv "$work/scipy" status) != ok ]]; then
      s_wall=$(failure "$p_status" "$work/scipy" "")
      s_cpu=$s_wall
      echo "    scipy${*:+ $*}: $s_wall $(sed -n '$p' "$work/scipy.err")" >&2
      break
    fi
    wall+=("$(kv "$work/scipy" seconds)")
    cpu+=("$(kv "$work/scipy" cpu_seconds)")
    s_lo=$(kv "$work/scipy" bca_lo)
    s_hi=$(kv "$work/scipy" bca_hi)
    scipy_version=$(kv "$work/scipy" version)
    awk -v t="${wall[-1]}" -v s="$long_s" 'BEGIN { exit !(t <= s) }' || break
  done
  if [[ ${#wall[@]} -gt 0 ]]; then
    s_wall=$(median "${wall[@]}")
    s_cpu=$(median "${cpu[@]}")
  fi
  echo "    scipy${*:+ $*}: wall ${wall[*]:-none} s, CPU ${cpu[*]:-none} s; peak RSS $((s_rss / 1024)) MB"
}

# r_run: times boot_r.R on $scores up to $repeat times, stopping after a
# run whose timed calls took longer than --long; the default boot.ci is
# not run again after it failed once (then only boot.ci with L counts). Sets r_wall, r_cpu (default),
# rl_wall, rl_cpu (L given), r_lo, r_hi, rl_lo, rl_hi, r_rss (kB).
r_run() {
  local wd=() cd=() wl=() cl=() i mode=all bw bc long
  r_wall="not run" r_cpu="not run" rl_wall="not run" rl_cpu="not run"
  r_lo='' r_hi='' rl_lo='' rl_hi='' r_rss=0
  for ((i = 0; i < repeat; i++)); do
    peer_run "$work/r" Rscript "$root/bench/peers/boot_r.R" "$scores" \
      "$boot" "$level" "$seed" "$mode"
    ((p_rss_kb > r_rss)) && r_rss=$p_rss_kb
    r_version=$(kv "$work/r" version)
    bw=$(kv "$work/r" boot_seconds)
    bc=$(kv "$work/r" boot_cpu_seconds)
    if [[ -z $bw ]]; then
      r_wall=$(failure "$p_status" "$work/r" boot_)
      r_cpu=$r_wall rl_wall=$r_wall rl_cpu=$r_wall
      echo "    R boot(): $r_wall: $(sed -n '$p' "$work/r.err")" >&2
      break
    fi
    if [[ $(kv "$work/r" ci_l_status) == ok ]]; then
      wl+=("$(sum2 "$bw" "$(kv "$work/r" ci_l_seconds)")")
      cl+=("$(sum2 "$bc" "$(kv "$work/r" ci_l_cpu_seconds)")")
      rl_lo=$(kv "$work/r" ci_l_lo) rl_hi=$(kv "$work/r" ci_l_hi)
    fi
    # long: the variant still to be repeated took longer than --long
    long=${wl[-1]:-0}
    if [[ $mode == all ]]; then
      if [[ $(kv "$work/r" ci_status) == ok ]]; then
        wd+=("$(sum2 "$bw" "$(kv "$work/r" ci_seconds)")")
        cd+=("$(sum2 "$bc" "$(kv "$work/r" ci_cpu_seconds)")")
        r_lo=$(kv "$work/r" ci_lo) r_hi=$(kv "$work/r" ci_hi)
        long=${wd[-1]}
      else
        r_wall=$(failure "$p_status" "$work/r" ci_)
        r_cpu=$r_wall
        echo "    R boot.ci default: $r_wall $(kv "$work/r" ci_message)" >&2
        mode=L
      fi
    fi
    awk -v t="$long" -v s="$long_s" 'BEGIN { exit !(t <= s) }' || break
  done
  if [[ ${#wd[@]} -gt 0 ]]; then
    r_wall=$(median "${wd[@]}") r_cpu=$(median "${cd[@]}")
  fi
  if [[ ${#wl[@]} -gt 0 ]]; then
    rl_wall=$(median "${wl[@]}") rl_cpu=$(median "${cl[@]}")
  fi
  echo "    R default: wall ${wd[*]:-none} s, CPU ${cd[*]:-none} s"
  echo "    R, L given: wall ${wl[*]:-none} s, CPU ${cl[*]:-none} s; peak RSS $((r_rss / 1024)) MB"
}

# first_number A B: A if it is a number, else B.
first_number() { if [[ $1 =~ ^[0-9.]+$ ]]; then echo "$1"; else echo "$2"; fi; }

rows_wall=()
rows_cpu=()
rows_iv=()
rows_mem=()
notes=()

for n in "${size_list[@]}"; do
  make_data "$n"
  echo "==> n = $n ($csv)"

  # library
  lib_reps=$((repeat > 15 ? repeat : 15))
  /usr/bin/time -f '%M' -o "$work/lib.time" "$lib" --boot "$boot" \
    --level "$level" --seed "$seed" --repeat "$lib_reps" --spread "$mc_seeds" \
    "$scores" >"$work/lib"
  [[ $(kv "$work/lib" n) -eq $n ]] || die "library read $(kv "$work/lib" n) answers, not $n"
  lib_wall=$(kv "$work/lib" boot_median_s)
  lib_cpu=$(kv "$work/lib" boot_cpu_median_s)
  lib_rss=$(tail -n 1 "$work/lib.time")
  echo "    library: median of $lib_reps calls: wall $(fmt_ms "$lib_wall") ms (fastest $(fmt_ms "$(kv "$work/lib" boot_min_s)")), CPU $(fmt_ms "$lib_cpu") ms"

  # CLI: a warm-up run (also measures peak RSS), then timed runs; bash's
  # time keyword gives wall, user and system time in milliseconds
  cli=("$nps" summary "$csv" --ci bca --boot "$boot" --seed "$seed" --format csv)
  /usr/bin/time -f '%M' -o "$work/cli.time" "${cli[@]}" >"$work/cli" 2>"$work/cli.err" ||
    { cat "$work/cli.err" >&2; die "nps-stat failed"; }
  cli_rss=$(tail -n 1 "$work/cli.time")
  IFS=, read -r _ cli_n _ _ _ _ _ _ _ _ cli_lo cli_hi _ < <(sed -n 2p "$work/cli")
  [[ $cli_n -eq $n ]] || die "nps-stat counted $cli_n answers, not $n"
  wall=() cpu=()
  for ((i = 0; i < repeat; i++)); do
    TIMEFORMAT='%3R %3U %3S'
    { time "${cli[@]}" >/dev/null 2>&1; } 2>"$work/cli.t"
    read -r w u k <"$work/cli.t"
    wall+=("$w")
    cpu+=("$(sum2 "$u" "$k")")
  done
  cli_wall=$(median "${wall[@]}")
  cli_cpu=$(median "${cpu[@]}")
  echo "    CLI: wall ${wall[*]} s, CPU ${cpu[*]} s"

  # scipy: default batch; if that fails for memory, a fixed batch
  sc_wall="not run" sc_cpu="not run" scb_wall="–" scb_cpu="–"
  sc_lo='' sc_hi='' sc_rss=–
  if [[ $use_scipy -eq 1 ]]; then
    scipy_run
    sc_wall=$s_wall sc_cpu=$s_cpu sc_lo=$s_lo sc_hi=$s_hi sc_rss=$((s_rss / 1024))
    if [[ $s_wall == "out of memory" ]]; then
      batch=$((40000000 / n))
      ((batch >= 1)) || batch=1
      scipy_run --batch "$batch"
      scb_wall="$(fmt_s "$s_wall") (batch=$batch)"
      scb_cpu="$(fmt_s "$s_cpu") (batch=$batch)"
      sc_lo=$s_lo sc_hi=$s_hi sc_rss="$sc_rss / $((s_rss / 1024))"
      [[ $s_wall =~ ^[0-9.]+$ ]] &&
        notes+=("n = $n: scipy with the default batch ran out of memory; the scipy ratios use batch=$batch.")
    fi
  fi
  sc_best_wall=$(first_number "$sc_wall" "$s_wall")
  sc_best_cpu=$(first_number "$sc_cpu" "$s_cpu")

  # R: boot() + boot.ci(bca), by default and with L given
  r_wall="not run" r_cpu="not run" rl_wall="–" rl_cpu="–" r_lo='' r_hi=''
  rl_lo='' rl_hi='' r_rss=0
  [[ $use_r -eq 0 ]] || r_run
  if [[ ! $r_wall =~ ^[0-9.]+$ && $rl_wall =~ ^[0-9.]+$ ]]; then
    notes+=("n = $n: R's default boot.ci gave \"$r_wall\"; R / library uses boot.ci with L = x - mean(x).")
  fi
  r_best_wall=$(first_number "$r_wall" "$rl_wall")
  r_best_cpu=$(first_number "$r_cpu" "$rl_cpu")

  rows_wall+=("| $n | $(fmt_ms "$lib_wall") | $(fmt_ms "$cli_wall") | $(fmt_s "$sc_wall") | $scb_wall | $(fmt_s "$r_wall") | $(fmt_s "$rl_wall") | $(ratio "$sc_best_wall" "$lib_wall") | $(ratio "$sc_best_wall" "$cli_wall") | $(ratio "$r_best_wall" "$lib_wall") |")
  rows_cpu+=("| $n | $(fmt_ms "$lib_cpu") | $(fmt_ms "$cli_cpu") | $(fmt_s "$sc_cpu") | $scb_cpu | $(fmt_s "$r_cpu") | $(fmt_s "$rl_cpu") | $(ratio "$sc_best_cpu" "$lib_cpu") | $(ratio "$sc_best_cpu" "$cli_cpu") | $(ratio "$r_best_cpu" "$lib_cpu") |")

  # intervals, how far apart they are, and mean and sd of each limit over
  # $mc_seeds more library seeds (the Monte Carlo error of one limit)
  spread=$(printf '%s\n' "$(kv "$work/lib" bca_lo) $(kv "$work/lib" bca_hi)" \
    "$cli_lo $cli_hi" "$sc_lo $sc_hi" "$r_lo $r_hi" "$rl_lo $rl_hi" |
    awk -v ml="$(kv "$work/lib" bca_lo_mean)" -v mh="$(kv "$work/lib" bca_hi_mean)" \
      -v sl="$(kv "$work/lib" bca_lo_sd)" -v sh="$(kv "$work/lib" bca_hi_sd)" '
      NF == 2 && k++ == 0 { l0 = l1 = $1; h0 = h1 = $2; next }
      NF == 2 { if ($1 < l0) l0 = $1; if ($1 > l1) l1 = $1
                if ($2 < h0) h0 = $2; if ($2 > h1) h1 = $2 }
      END { printf "%.3f / %.3f | %.3f ± %.3f; %.3f ± %.3f", l1 - l0, h1 - h0, ml, sl, mh, sh }')
  rows_iv+=("| $n | $(kv "$work/lib" estimate | awk '{ printf "%.2f", $1 }') | $(iv "$(kv "$work/lib" bca_lo)" "$(kv "$work/lib" bca_hi)") | $(iv "$cli_lo" "$cli_hi") | $(iv "$sc_lo" "$sc_hi") | $(iv "$r_lo" "$r_hi") | $(iv "$rl_lo" "$rl_hi") | $spread |")
  r_mb=–
  [[ $use_r -eq 0 ]] || r_mb=$((r_rss / 1024))
  rows_mem+=("| $n | $((lib_rss / 1024)) | $((cli_rss / 1024)) | $sc_rss | $r_mb |")
done

# ---------------------------------------------------------------- report
header="| n | library (ms) | CLI process (ms) | scipy (s) | scipy, smaller batch (s) | R boot + boot.ci (s) | R, L given (s) | scipy / library | scipy / CLI | R / library |"
rule="|---|---|---|---|---|---|---|---|---|---|"
echo
echo "95% BCa interval, B = $boot, seed $seed; $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)."
echo "$("$nps" --version 2>/dev/null | head -n 1)${scipy_version:+; $scipy_version}${r_version:+; $r_version}."
echo "Medians: library over $((repeat > 15 ? repeat : 15)) calls, CLI over $repeat runs, peers over $repeat runs, or 1 when one took over $long_s s."
echo "Peer caps: $timeout_s s, $peer_mem MB of address space per process. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "Wall-clock time:"
echo
echo "$header"
echo "$rule"
printf '%s\n' "${rows_wall[@]}"
echo
echo "CPU time (user + system) of the same runs:"
echo
echo "$header"
echo "$rule"
printf '%s\n' "${rows_cpu[@]}"
echo
for note in "${notes[@]+"${notes[@]}"}"; do echo "* $note"; done
[[ ${#notes[@]} -eq 0 ]] || echo
echo "Intervals (points); the last column is the mean ± sd of the library's limits over seeds $((seed + 1))..$((seed + mc_seeds)):"
echo
echo "| n | NPS | library | CLI | scipy | R | R, L given | largest difference, lower / upper | library over $mc_seeds seeds, lower; upper |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows_iv[@]}"
echo
echo "Peak resident memory (MB; scipy: default batch / smaller batch):"
echo
echo "| n | library program | CLI | scipy | R |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows_mem[@]}"
