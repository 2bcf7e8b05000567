#!/usr/bin/env bash
# Runs one libFuzzer harness of an NPS_FUZZ=ON build (docs/fuzzing.md).
# Usage: tests/fuzz/run.sh BUILD_DIR HARNESS [SECONDS] [libFuzzer flags...]
#   HARNESS  csvin, csvfast, score, counts, competitors or dates; SECONDS
#            defaults to 600
# New inputs go to BUILD_DIR/fuzz-work/HARNESS (the checked-in seeds in
# tests/fuzz/corpus/HARNESS are only read); crashes to BUILD_DIR/fuzz-work/.
# The log is BUILD_DIR/fuzz-work/HARNESS.log.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "$1" && pwd)
harness=$2
seconds=${3:-600}
shift $(($# < 3 ? $# : 3))

exe="$build/tests/fuzz/fuzz_$harness"
if [[ ! -x "$exe" ]]; then
  echo "run.sh: $exe missing: configure with CC=clang -DNPS_FUZZ=ON and" \
       "build the target fuzz" >&2
  exit 2
fi
work="$build/fuzz-work"
mkdir -p "$work/$harness"
dict=()
[[ $harness != score && $harness != dates ]] && dict=(-dict="$here/csv.dict")
cd "$work"
status=0
nice -n 10 "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 \
  -print_final_stats=1 "${dict[@]}" "$@" \
  "$work/$harness" "$here/corpus/$harness" >"$work/$harness.log" 2>&1 ||
  status=$?
grep -E '^(#[0-9]+ +(INITED|DONE)|stat::|==[0-9]+==|SUMMARY|.*(runtime error|check failed))' \
  "$work/$harness.log" || true
echo "run.sh: fuzz_$harness exit status $status (log: $work/$harness.log)"
exit "$status"
