#!/usr/bin/env bash
# README command 2: install dependencies, then build and test twice:
#   build/       optimised build with -Werror, `ctest`
#   build-asan/  AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer)
# and run the demo command once as a smoke test. Every stage runs even when
# an earlier one failed; the exit status is non-zero if any stage failed.
# The last line is "N passed, N failed", summed over both ctest runs.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

jobs=$(nproc 2>/dev/null || echo 2)
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

passed=0
failed=0
problems=()
skipped=()

# Add the counts from one ctest log to the totals. ctest closes with
# "NN% tests passed, F tests failed out of T"; no such line means no test ran.
# A test that exits 77 (a tool it needs is missing) is skipped, not passed:
# it is listed with its reason (its "SKIPPED: ..." line) in the summary.
count_ctest() {
  local log=$1 dir=$2 suite=$3 line f t name reason
  line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' \
           "$log" | tail -n 1)
  if [[ -z "$line" ]]; then
    return 1
  fi
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  t=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/' <<<"$line")
  local s=0
  while read -r name; do
    [[ -z "$name" ]] && continue
    s=$((s + 1))
    reason=$(cd "$dir" && ctest -R "^${name}\$" -V 2>&1 |
               grep -o 'SKIPPED: .*' | head -n 1)
    skipped+=("[$suite] ${reason:-SKIPPED: $name}")
  done < <(sed -nE 's/^[[:space:]]*[0-9]+ - (.*) \(Skipped\)$/\1/p' "$log")
  passed=$((passed + t - f - s))
  failed=$((failed + f))
}

# run_suite NAME BUILD_DIR [cmake args...]
run_suite() {
  local name=$1 dir=$2 log="$logdir/$1.log"
  shift 2
  echo "==> [$name] build in $dir"
  if ! bash scripts/build.sh "$dir" "$@"; then
    problems+=("$name: build failed")
    return
  fi
  echo "==> [$name] ctest"
  (cd "$dir" && ctest --output-on-failure -j "$jobs") 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  if ! count_ctest "$log" "$dir" "$name"; then
    problems+=("$name: ctest ran no test")
  fi
  if [[ $rc -ne 0 ]]; then
    problems+=("$name: ctest exited with status $rc")
  fi
}

echo "==> install dependencies"
if ! bash scripts/install-deps.sh; then
  echo "test: dependency installation failed" >&2
  echo "0 passed, 0 failed"
  exit 1
fi

run_suite release build

# LeakSanitizer works in this environment (checked with a deliberately leaking
# program), so leaks fail the tests. Where ptrace is denied (some containers),
# run with ASAN_OPTIONS=detect_leaks=0 exported beforehand to override.
# Optimised (-O2 -g) so the tests stay quick; -Werror off because GCC's
# warning passes give spurious results under the sanitizers and at other
# optimisation levels: the release build above is the warning gate.
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
  run_suite asan build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNPS_SANITIZE=ON -DNPS_BUILD_BENCH=OFF -DNPS_WERROR=OFF

echo "==> demo smoke test: bash scripts/demo.sh"
demo_out="$logdir/demo.out"
bash scripts/demo.sh >"$demo_out"
demo_rc=$?
cat "$demo_out"
if [[ $demo_rc -ne 0 ]]; then
  problems+=("demo: exited with status $demo_rc")
elif [[ ! -s "$demo_out" ]]; then
  problems+=("demo: printed nothing")
fi

echo
for p in "${skipped[@]}"; do
  echo "$p"
done
for p in "${problems[@]}"; do
  echo "FAILED: $p"
done
if [[ ${#skipped[@]} -ne 0 ]]; then
  echo "${#skipped[@]} test run(s) skipped: a tool they need is missing (see above)"
fi
echo "$passed passed, $failed failed"
if [[ ${#problems[@]} -ne 0 || $failed -ne 0 ]]; then
  exit 1
fi
exit 0
