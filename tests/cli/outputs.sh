#!/usr/bin/env bash
# Output files under a kill and with standard error closed: what a CLI case
# (tests/cli/README.md) cannot run.
#
# Usage: outputs.sh NPS_STAT TEST
#   signal TERM|INT|HUP  nps-stat is killed while its --output temporary file
#                        exists: the temporary file is removed, the old
#                        result behind a symbolic link stays whole, and the
#                        exit status is the signal's.
#   render-stderr-closed --render with standard error closed (2>&-): a
#                        working gnuplot draws the chart (exit 0); a failing
#                        one gives exit 5 and keeps the script.
#
# The kill is deterministic: --plot names a FIFO that nobody reads, so
# nps-stat, having created the --output temporary file, blocks opening the
# chart script until the signal comes (the outputs are opened only after
# the analysis, one after the other).
set -uo pipefail

exe=$(realpath "$1")
test=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

# A small input; its result is that of tests/cli/cases/bad33_output_written_whole.
printf 'group,score\na,10\na,9\na,8\na,3\nb,9\nb,7\nb,0\nb,0\nb,10\n' >in.csv

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# Waits (up to 30 s) until a path matches the pattern.
wait_for() {
  local i
  for ((i = 0; i < 600; i++)); do
    compgen -G "$1" >/dev/null && return 0
    sleep 0.05
  done
  return 1
}

case $test in
signal)
  sig=${3:-TERM}
  # Job control: a background job then keeps SIGINT (a shell without it
  # starts background commands with SIGINT ignored); env resets a signal
  # that this test was started ignoring (nohup), which nps-stat would keep.
  set -m
  mkdir data
  printf 'old result\n' >data/target.csv
  ln -s data/target.csv link.csv
  mkfifo chart.gp
  reset=()
  env --default-signal=HUP true 2>/dev/null &&
    reset=(env --default-signal=HUP,INT,TERM) # coreutils 8.31 or later
  "${reset[@]}" "$exe" summary in.csv --output link.csv --plot chart.gp \
    2>stderr.txt &
  pid=$!
  if ! wait_for 'data/.nps-*'; then
    fail "no temporary file data/.nps-* appeared within 30 s"
    kill -KILL "$pid" 2>/dev/null
  fi
  kill "-$sig" "$pid"
  for ((i = 0; i < 200; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    fail "still running 10 s after SIG$sig"
    kill -KILL "$pid"
  fi
  wait "$pid" 2>/dev/null # no job-control notice
  status=$?
  want=$((128 + $(kill -l "$sig")))
  [[ $status -eq $want ]] ||
    fail "exit status $status, expected $want (killed by SIG$sig)"
  left=$(compgen -G 'data/.nps-*'; compgen -G '.nps-*')
  [[ -z $left ]] || fail "temporary files left: $left"
  [[ -L link.csv ]] || fail "link.csv is no longer a symbolic link"
  [[ $(cat data/target.csv) == 'old result' ]] ||
    fail "data/target.csv changed: $(head -c 200 data/target.csv)"
  ;;
render-stderr-closed)
  # Stand-ins for gnuplot, run in the script's folder: one draws the image
  # (and talks on its standard output, as gnuplot may), one fails.
  printf '#!/bin/sh\necho drawing\nprintf PNG >chart.png\n' >draw.sh
  printf '#!/bin/sh\necho "no such font"\nexit 1\n' >broken.sh
  chmod +x draw.sh broken.sh
  NPS_STAT_GNUPLOT=$tmp/draw.sh "$exe" summary in.csv --output out.txt \
    --plot chart.gp --render png >stdout.txt 2>&-
  status=$?
  [[ $status -eq 0 ]] || fail "working gnuplot, 2>&-: exit status $status, expected 0"
  [[ -s chart.png ]] || fail "working gnuplot, 2>&-: no chart.png"
  [[ -s out.txt ]] || fail "working gnuplot, 2>&-: no out.txt"
  [[ ! -s stdout.txt ]] || fail "working gnuplot, 2>&-: stdout not empty: $(cat stdout.txt)"
  rm -f chart.png chart.gp out.txt
  NPS_STAT_GNUPLOT=$tmp/broken.sh "$exe" summary in.csv --output out.txt \
    --plot chart.gp --render png >stdout.txt 2>&-
  status=$?
  [[ $status -eq 5 ]] || fail "failing gnuplot, 2>&-: exit status $status, expected 5"
  [[ -s chart.gp ]] || fail "failing gnuplot, 2>&-: the script was not kept"
  [[ -s out.txt ]] || fail "failing gnuplot, 2>&-: no out.txt"
  [[ ! -e chart.png ]] || fail "failing gnuplot, 2>&-: a chart.png appeared"
  ;;
*)
  echo "usage: outputs.sh NPS_STAT signal TERM|INT|HUP | render-stderr-closed" >&2
  exit 2
  ;;
esac

if [[ $failures -ne 0 ]]; then
  [[ -s stderr.txt ]] && { echo "---- stderr of nps-stat:" >&2; cat stderr.txt >&2; }
  exit 1
fi
echo "outputs $test ${3:-}: ok"
