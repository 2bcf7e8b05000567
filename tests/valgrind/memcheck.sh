#!/usr/bin/env bash
# Every CLI case (tests/cli/cases) run under valgrind's memcheck: a case
# fails when memcheck reports an error or a definite leak (the program then
# exits 99, which no case expects). An optional target of a build without
# sanitizers: `cmake --build build --target memcheck`.
#
# Usage: memcheck.sh NPS_STAT CASES_DIR DATA_DIR [JOBS]
# Cases that feed the program tens of megabytes (their names are listed in
# `heavy` below) take minutes under valgrind and are left out; the
# sanitizer build runs them on every test run.
set -uo pipefail
prog=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cases=$2 data=$3 jobs=${4:-2}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v valgrind >/dev/null || {
  echo "memcheck: valgrind is not installed (apt-get install valgrind)" >&2
  exit 2
}
heavy=' bad23_field_endless bad23_field_exactly_1mib bad23_field_over_1mib
bad24_rows_streamed parallel_parts parallel_one_thread parallel_multiline_cuts
parallel_error_line parallel_skip_invalid_line '
export NPS_MEMCHECK_PROG=$prog
list=()
for dir in "$cases"/*/; do
  name=$(basename "$dir")
  [[ "$heavy" == *[[:space:]]"$name"[[:space:]]* ]] && continue
  list+=("$dir")
done
log=$(mktemp -d "${TMPDIR:-/tmp}/nps-memcheck.XXXXXX")
trap 'rm -rf "$log"' EXIT
printf '%s\n' "${list[@]}" |
  xargs -P "$jobs" -I{} bash -c \
    'n=$(basename "{}"); bash "$0/../cli/run_case.sh" "$0/valgrind_prog.sh" "{}" "$1" \
       >"$2/$n.log" 2>&1 && echo ok >"$2/$n.status" || echo FAIL >"$2/$n.status"' \
    "$here" "$data" "$log"
failed=0
for s in "$log"/*.status; do
  if [[ $(cat "$s") != ok ]]; then
    failed=$((failed + 1))
    n=$(basename "$s" .status)
    echo "memcheck: FAIL $n" >&2
    head -40 "$log/$n.log" >&2
  fi
done
echo "memcheck: ${#list[@]} cases under valgrind, $failed failed" \
     "(left out as too large for valgrind: $(wc -w <<<"$heavy"))"
[[ $failed -eq 0 ]]
