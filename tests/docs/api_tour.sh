#!/usr/bin/env bash
# The program of docs/api.md: its code block is docs/examples/api_tour.c
# byte for byte; it compiles against the built library; on the demo data it
# prints tests/docs/api_tour.expected (which docs/api.md shows); and every
# number it prints is the one `nps-stat summary --by` and `nps-stat compare
# --arm --arms` print for the same data, so the tour and the tool agree.
# Usage: api_tour.sh API_MD EXAMPLE_C EXPECTED INCLUDE_DIR LIBRARY CC NPS_STAT
#                    CSV COLUMN A B "LIBS..."
# (CSV relative to the repository root, where the programs run, as the
# output shows its name.)
set -euo pipefail
md=$1 src=$2 expected=$3 include=$4 lib=$5 cc=$6 tool=$7
csv=$8 column=$9 arm_a=${10} arm_b=${11} libs=${12}
cd "$(dirname "$md")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() {
  echo "api_tour: $*" >&2
  fail=1
}

# Every fenced block of docs/api.md, the fence lines dropped, in its own
# file: $tmp/block.N.LANG.
awk -v dir="$tmp" '
  /^```/ && !open { open = 1; n++; lang = substr($0, 4); if (lang == "") lang = "none"; f = dir "/block." n "." lang; printf "" > f; next }
  /^```$/ && open { open = 0; close(f); next }
  open { print > f }' "$md"

# 1. The program shown is the program kept.
shown=""
for f in "$tmp"/block.*.c; do
  [[ -e "$f" ]] || continue
  if head -n 1 "$f" | grep -q '^/\* api_tour\.c - '; then
    shown=$f
  fi
done
if [[ -z "$shown" ]]; then
  problem "no C block starting '/* api_tour.c - ' in $md"
elif ! cmp -s "$shown" "$src"; then
  problem "the program in $md differs from $src:"
  diff -u "$src" "$shown" >&2 || true
fi

# 2. It compiles without a warning and prints what is expected.
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$include" "$src" "$lib" \
  -Wl,-rpath,"$(dirname "$lib")" $libs -o "$tmp/api_tour"
"$tmp/api_tour" "$csv" "$column" "$arm_a" "$arm_b" >"$tmp/out"
cat "$tmp/out"
if ! cmp -s "$expected" "$tmp/out"; then
  problem "output differs from $expected:"
  diff -u "$expected" "$tmp/out" >&2 || true
fi
# docs/api.md shows that output in a block of its own.
found=0
for f in "$tmp"/block.*; do
  cmp -s "$f" "$expected" && found=1
done
[[ $found = 1 ]] || problem "$md does not show $expected in a block"

# 3. The tool prints the same numbers.
want() {
  grep -qxF -- "$1" "$tmp/out" || problem "the tool says '$1'; the tour does not"
}
# "app  880  53.1%  27.2%  19.8%  33.3  [28.0, 38.4]  20": key n shares NPS CI
"$tool" summary "$csv" --by "$column" 2>/dev/null >"$tmp/summary"
method=$(sed -n 's/^interval: \(.*\), 95% level$/\1/p' "$tmp/summary")
[[ -n "$method" ]] || problem "no interval line in nps-stat summary's output"
rows=0
while read -r key n _ _ _ nps lo hi _; do
  want "$key: n = $n, NPS $nps, 95% CI $lo $hi ($method)"
  rows=$((rows + 1))
done < <(sed -n "/^$column /,/^all /p" "$tmp/summary" | sed 1d)
[[ $rows -ge 2 ]] || problem "no rows in nps-stat summary's output"

"$tool" compare "$csv" --arm "$column" --arms "$arm_a,$arm_b" \
  >"$tmp/compare" 2>"$tmp/compare.err"
while read -r key n _ _ _ nps lo hi _; do
  want "$key: n = $n, NPS $nps, 95% CI $lo $hi"
done < <(grep -E "^($arm_a|$arm_b) +[0-9]" "$tmp/compare")
other=$(sed -n 's/.*left out \([0-9]*\) answers in other arms.*/\1/p' \
  "$tmp/compare.err")
want "$arm_b vs $arm_a (${other:-0} answers in other values left out)"
# "difference: -9.0 points, 95% CI [-17.5, -0.5], p = 0.039"
diff_line=$(sed -n 's/^difference: \([^(]*\), \(p = [0-9.]*\)$/\1 (@), \2/p' \
  "$tmp/compare")
how=$(sed -n 's/^interval of the difference: //p' "$tmp/compare")
test=$(sed -n 's/^difference: .* (points); test: \([^,]*\), .*/\1/p' \
  "$tmp/compare")
verdict=$(tail -n 1 "$tmp/compare")
case $verdict in
"$arm_b is higher than $arm_a: "*) word="significantly higher" ;;
"$arm_b is lower than $arm_a: "*) word="significantly lower" ;;
"no significant difference between "*) word="no significant difference" ;;
borderline:*) word=borderline ;;
*) word="not tested" ;;
esac
[[ -n "$diff_line" && -n "$how" && -n "$test" ]] ||
  problem "no difference, interval or test line in nps-stat compare's output"
want "$arm_b - $arm_a: ${diff_line/@/$how} ($test): $word"

if [[ $fail != 0 ]]; then
  echo "--- nps-stat summary:" >&2
  cat "$tmp/summary" >&2
  echo "--- nps-stat compare:" >&2
  cat "$tmp/compare" >&2
  exit 1
fi
echo "api_tour: the program, its output and nps-stat agree"
