#!/usr/bin/env bash
# Hostile labels through the whole chart path: a CSV whose group names,
# column name and file name try every way into a gnuplot command (backticks,
# system(), pipes, a data line reading EOD, quotes of both kinds, escapes,
# macros, ESC, newlines) goes through `nps-stat summary --plot --render`,
# and gnuplot really runs the script.
#
# Each hostile text would create a file in a marker folder if gnuplot ever
# executed it. The test asserts that the folder stays empty, that gnuplot
# printed nothing (no error, no warning), that gnuplot reads back every label
# exactly as nps-stat cleaned it, and that the SVG draws every one.
# It also checks exit status 5 with the script kept when gnuplot is missing
# or fails.
#
# nps-stat and gnuplot run under LC_ALL=C, where gnuplot would warn about
# any character set trouble; the test's own text handling uses UTF-8.
#
# Usage: bash hostile_labels.sh NPS_STAT      (needs gnuplot 5.4 on PATH)
set -uo pipefail
export LC_ALL=C.UTF-8

prog=$1
[[ "$prog" == /* ]] || prog="$PWD/$prog"
command -v gnuplot >/dev/null || {
  echo "hostile_labels: gnuplot not found (scripts/install-deps.sh installs it)" >&2
  exit 1
}

work=$(mktemp -d /tmp/nps-hostile.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
# A short marker path keeps the hostile labels under the 40-character limit.
m=$(mktemp -d /tmp/npsmXXXX) || exit 1
trap 'rm -rf "$work" "$m"' EXIT
cd "$work" || exit 1

failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

esc=$'\e'
labels=(
  "\`touch $m/backtick\`"
  "it's \"both\" quotes"
  "first"$'\n'"EOD"$'\n'"system(\"touch $m/eod\")"
  "EOD"
  "e"
  "#comment"
  "|touch $m/pipe"
  "<touch $m/lt"
  "system(\"touch $m/system\")"
  "set output \"|touch $m/output\""
  "load \"<touch $m/load\""
  "');system('touch $m/sq');print('"
  "${esc}[31mred${esc}]0;title"$'\a'
  "back\\"
  "oct\\042al \\n"
  "@macro \$rows[1]"
  "%s %d %n"
  "'"
  "cr"$'\r'"x"$'\t'"tab"
  "Привет, мир"
  "$(printf 'long%.0s' {1..30})"
)

# The label as the chart must show it: control characters as nps_plot_label
# replaces them, at most 40 characters (39 and an ellipsis).
clean() {
  local s=$1 out="" i ch
  for ((i = 0; i < ${#s}; i++)); do
    ch=${s:i:1}
    case "$ch" in
      $'\n' | $'\r' | $'\t') out+=" " ;;
      "$esc" | $'\a') out+=$'\xEF\xBF\xBD' ;;
      *) out+=$ch ;;
    esac
  done
  if ((${#out} > 40)); then
    out="${out:0:39}…"
  fi
  printf '%s' "$out"
}

# CSV field: quoted, quotes doubled.
field() {
  local s=${1//\"/\"\"}
  printf '"%s"' "$s"
}

column="seg\`touch $m/column\`'\""
# A file name cannot hold '/': its command would touch a file in the folder
# gnuplot runs in.
csv="in\`touch npsfile\`'\".csv"
{
  printf '%s,score\n' "$(field "$column")"
  for i in "${!labels[@]}"; do
    # two answers per label: n = 2, distinct NPS so rows sort stably
    printf '%s,%d\n%s,%d\n' "$(field "${labels[$i]}")" $((i % 11)) \
      "$(field "${labels[$i]}")" $(((i + 3) % 11))
  done
} >"$csv"

expected="$work/expected.txt"
for s in "${labels[@]}"; do
  printf '%s (n = 2)\n' "$(clean "$s")"
done >"$expected"
printf 'all responses (n = %d)\n' $((2 * ${#labels[@]})) >>"$expected"
LC_ALL=C sort -o "$expected" "$expected"

check_markers() {
  local left
  left=$(ls -A "$m")
  [[ -z "$left" ]] || fail "$1: gnuplot ran a label: created $left"
  [[ -e npsfile ]] && fail "$1: gnuplot ran the file name: created npsfile"
}

# 1. SVG: gnuplot must run clean, and draw every label.
LC_ALL=C "$prog" summary "$work/$csv" --by "$column" --quiet --plot h.gp \
  --render svg >out.txt 2>err.txt
rc=$?
[[ $rc -eq 0 ]] || fail "svg: exit status $rc, expected 0"
[[ -s err.txt ]] && fail "svg: stderr not empty: $(cat err.txt)"
[[ -s h.svg ]] || fail "svg: no h.svg"
check_markers svg
# SVG text with the XML entities undone; each label must be drawn.
sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" \
  -e 's/&amp;/\&/g' h.svg >svg.txt
while IFS= read -r label; do
  grep -qF -- "$label" svg.txt || fail "svg: label not drawn: $label"
done <"$expected"

# 2. gnuplot reads back each label exactly as nps-stat cleaned it.
cat >dump.gp <<'EOF'
load 'h.gp'
set print 'labels.txt'
do for [i=1:|$rows|] { print label(i) }
unset print
EOF
LC_ALL=C gnuplot dump.gp >dump.out 2>&1 || fail "dump: gnuplot failed: $(cat dump.out)"
[[ -s dump.out ]] && fail "dump: gnuplot printed: $(cat dump.out)"
check_markers dump
if ! LC_ALL=C sort labels.txt | cmp -s - "$expected"; then
  fail "labels read by gnuplot differ from the expected ones:"
  LC_ALL=C sort labels.txt | diff "$expected" - >&2
fi
grep -qF "NPS by seg\`touch $m/column\`'\"" svg.txt ||
  fail "svg: the column name is not in the title"
grep -qF "in\`touch npsfile\`'\".csv" svg.txt ||
  fail "svg: the file name is not in the title"

# 2b. Hostile --title and --subtitle, and a hostile --where value (which
# the default subtitle states), in the summary and compare charts: nothing
# runs, gnuplot is silent, and the texts are drawn as cleaned.
titles=(
  "\`touch $m/title\`"$'\n'"EOD"$'\n'"system(\"touch $m/t2\")"
  "');system('touch $m/t3');print('"
  "|touch $m/t4"
)
for t in "${titles[@]}"; do
  for cmd in summary compare; do
    if [[ $cmd == summary ]]; then
      args=(summary "$work/$csv" --by "$column" --where "$column=${labels[0]}")
    else
      args=(compare "$work/$csv" "$work/$csv")
    fi
    rm -f t.svg
    LC_ALL=C "$prog" "${args[@]}" --quiet --plot t.gp --render svg \
      --title "$t" --subtitle "$t" >out.txt 2>err.txt
    rc=$?
    [[ $rc -eq 0 ]] || fail "title ($cmd): exit status $rc, expected 0"
    [[ -s err.txt ]] && fail "title ($cmd): stderr not empty: $(cat err.txt)"
    check_markers "title ($cmd)"
    sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e "s/&apos;/'/g" \
      -e 's/&amp;/\&/g' t.svg >tsvg.txt
    want=${t//$'\n'/ }
    [[ $(grep -cF -- "$want" tsvg.txt) -ge 2 ]] ||
      fail "title ($cmd): title and subtitle not drawn: $want"
  done
done
LC_ALL=C "$prog" summary "$work/$csv" --by "$column" --where "$column=${labels[0]}" \
  --quiet --plot t.gp --render svg >out.txt 2>err.txt || fail "where: failed"
check_markers where
grep -qF -- "= ${labels[0]} only" t.svg || fail "where: the filter is not stated"

# 3. PNG and PDF render clean too.
for fmt in png pdf; do
  rm -f "h.$fmt"
  LC_ALL=C "$prog" summary "$work/$csv" --by "$column" --quiet --plot h.gp \
    --render $fmt >out.txt 2>err.txt
  rc=$?
  [[ $rc -eq 0 ]] || fail "$fmt: exit status $rc, expected 0"
  [[ -s err.txt ]] && fail "$fmt: stderr not empty: $(cat err.txt)"
  [[ -s "h.$fmt" ]] || fail "$fmt: no h.$fmt"
  check_markers $fmt
done

# 4. gnuplot missing or failing: exit 5, the script kept and named.
rm -f h.gp
NPS_STAT_GNUPLOT="$work/no-such-gnuplot" LC_ALL=C "$prog" summary "$work/$csv" \
  --by "$column" --quiet --plot "$work/h.gp" --render png >out.txt 2>err.txt
rc=$?
[[ $rc -eq 5 ]] || fail "missing gnuplot: exit status $rc, expected 5"
[[ -s h.gp ]] || fail "missing gnuplot: the script was not kept"
grep -qF "the script is kept: $work/h.gp" err.txt ||
  fail "missing gnuplot: stderr does not name the script: $(cat err.txt)"
grep -qF "not found" err.txt || fail "missing gnuplot: no 'not found'"
[[ -s out.txt ]] || fail "missing gnuplot: the results were not printed"

rm -f h.gp
NPS_STAT_GNUPLOT=false LC_ALL=C "$prog" summary "$work/$csv" --by "$column" --quiet \
  --plot h.gp --render png >out.txt 2>err.txt
rc=$?
[[ $rc -eq 5 ]] || fail "failing gnuplot: exit status $rc, expected 5"
[[ -s h.gp ]] || fail "failing gnuplot: the script was not kept"
grep -qF "false failed (exit status 1); the script is kept: h.gp" err.txt ||
  fail "failing gnuplot: stderr: $(cat err.txt)"

# A gnuplot that exits 0 without drawing the image is a failure too.
rm -f h.gp h.png
NPS_STAT_GNUPLOT=true LC_ALL=C "$prog" summary "$work/$csv" --by "$column" --quiet \
  --plot h.gp --render png >out.txt 2>err.txt
rc=$?
[[ $rc -eq 5 ]] || fail "silent gnuplot: exit status $rc, expected 5"
grep -qF "true wrote no ./h.png" err.txt ||
  fail "silent gnuplot: stderr: $(cat err.txt)"
check_markers final

if ((failures)); then
  echo "hostile_labels: $failures check(s) failed" >&2
  exit 1
fi
echo "hostile_labels: ok (${#labels[@]} hostile labels, svg png pdf)"
