#!/usr/bin/env bash
# Runs a command of nps-stat-allocfail (failalloc.c) once for each k, with
# the k-th allocation failing, until a run no longer reaches k.
#
# Usage: run_alloc.sh EXE ARGS...
#
# Each run happens in a fresh empty folder. A run with a failed allocation
# must end either
#   * with exit status 4, "out of memory" (or the system's "Cannot
#     allocate memory") on stderr, no sanitizer report, and nothing
#     half-written: every file left in its folder is one the run without
#     a failure writes, with the same contents (no temporary file), or
#   * recovered: exit status 0, no sanitizer report, and stdout and every
#     file written identical to the run without a failure.
# Anything else (a crash, a leak reported by LeakSanitizer, another status
# or message, a different result) fails the test; every such k is listed.
set -uo pipefail

exe=$(realpath "$1")
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run K: the command in a fresh $work/run with allocation call K failing
# (0: none); sets status and calls (allocation calls made, -1 if unknown).
run() {
  rm -rf "$work/run" "$work/count"
  mkdir "$work/run"
  (cd "$work/run" &&
    NPS_ALLOC_FAIL_AT=$1 NPS_ALLOC_COUNT_FILE="$work/count" \
      "$exe" "${args[@]}" >"$work/stdout" 2>"$work/stderr")
  status=$?
  calls=$(cat "$work/count" 2>/dev/null || echo -1)
}

# The files a run left in its folder, with checksums of their contents.
files() {
  (cd "$work/run" && find . -type f -exec md5sum {} + | sort)
}

sanitizer_report() {
  grep -qE 'Sanitizer|runtime error' "$work/stderr"
}

args=("$@")
run 0
if [[ $status -ne 0 || $calls -le 0 ]] || sanitizer_report; then
  echo "FAIL: the run without an allocation failure: exit $status," \
       "$calls allocation calls" >&2
  cat "$work/stderr" >&2
  exit 1
fi
total=$calls
cp "$work/stdout" "$work/ref.stdout"
files >"$work/ref.files"

oom=0
recovered=()
bad=()
k=1
while :; do
  run "$k"
  if [[ $calls -ge 0 && $calls -lt $k ]]; then
    break # call k never happened: every allocation was tried
  fi
  if [[ $status -eq 4 ]] && ! sanitizer_report &&
     grep -qE 'out of memory|Cannot allocate memory' "$work/stderr" &&
     [[ -z "$(files | comm -23 - "$work/ref.files")" ]]; then
    oom=$((oom + 1))
  elif [[ $status -eq 0 ]] && ! sanitizer_report &&
       cmp -s "$work/stdout" "$work/ref.stdout" &&
       [[ "$(files)" == "$(cat "$work/ref.files")" ]]; then
    recovered+=("$k")
  else
    bad+=("$k")
    echo "FAIL: allocation $k failing: exit $status, files left:" \
         "$(files | wc -l), stderr:" >&2
    head -c 3000 "$work/stderr" >&2
    echo "--- where allocation $k is made:" >&2
    NPS_ALLOC_BACKTRACE=1 run "$k"
    grep -A12 '^failalloc:' "$work/stderr" | grep -v 'failalloc\.c' >&2
  fi
  if [[ $k -gt $((10 * total + 1000)) ]]; then
    echo "FAIL: still reaching allocation $k after $total in the" \
         "plain run" >&2
    exit 1
  fi
  k=$((k + 1))
done

echo "$((k - 1)) allocation calls (plain run: $total): $oom ended" \
     "with 'out of memory' (exit 4), ${#recovered[@]} recovered with the" \
     "same result${recovered[*]:+ (k = ${recovered[*]})}, ${#bad[@]}" \
     "failed${bad[*]:+ (k = ${bad[*]})}"
[[ ${#bad[@]} -eq 0 ]]
