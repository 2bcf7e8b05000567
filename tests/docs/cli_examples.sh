#!/usr/bin/env bash
# Runs the nps-stat examples of docs/cli.md (or README.md). Every line of a code block
# that starts with "nps-stat COMMAND" (or "$ nps-stat COMMAND", lines ending
# in "\" joined) is run, as written, in an empty folder holding its input
# files, found by name in docs/examples/ or tests/data/ (or at the path it
# names, from the repository root); it must exit 0 (0 or 1 with --fail-if,
# whose 1 is the condition met), unless it names a column that none of
# its input files has (an example for another file: skipped). After a "$ nps-stat ..." line, the lines
# up to the block's end or the next "$ " line are its output (standard
# error, then standard output); a "..." line stands for any lines. The
# examples that cannot run here are listed with the reason.
# Usage: cli_examples.sh CLI_MD NPS_STAT REPO_ROOT
set -euo pipefail
md=$1 tool=$2 root=$3
name=$(basename "$md")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
commands="summary compare segments trend pilot plan benchmark sql report"
ran=0 skipped=0 failed=0 seq=0

# Does the file $1 (the program's output) hold the lines of $2 in order,
# a "..." line matching any lines, the first and last lines anchored
# unless they are "..."?
matches() {
  awk -v want="$2" '
    BEGIN { nw = 0; while ((getline l < want) > 0) w[++nw] = l }
    { o[++no] = $0 }
    END {
      i = 1; j = 1
      while (i <= nw) {
        if (w[i] == "...") {
          if (i == nw) exit 0
          # the next shown line, at or after j
          while (j <= no && o[j] != w[i + 1]) j++
          if (j > no) { print "  not found: " w[i + 1]; exit 1 }
          i++
          continue
        }
        if (j > no || o[j] != w[i]) {
          print "  expected: " w[i]; print "  got:      " (j <= no ? o[j] : "(end)")
          exit 1
        }
        i++; j++
      }
      if (j <= no) { print "  more output after: " w[nw]; exit 1 }
    }' "$1"
}

# Is $1 a column name (exactly) in the header of one of the inputs just
# linked into $work?
column_in_inputs() {
  local f
  for f in "$work"/*.csv "$work"/*/*/*.csv; do
    [[ -e "$f" ]] || continue
    if head -n 1 "$f" | tr -d '\r' | tr ',;\t' '\n' | grep -qxF -- "$1"; then
      return 0
    fi
  done
  return 1
}

skip() {
  echo "SKIPPED: $1"
  echo "    ($2)"
  skipped=$((skipped + 1))
}

# run LINE SHOWN_FILE (SHOWN_FILE empty: no output shown)
run() {
  local line=$1 shown=$2
  local -a args
  # shellcheck disable=SC2016 # the characters themselves
  if [[ "$line" == *'$('* || "$line" == *'`'* || "$line" == *'|'* ]]; then
    skip "$line" "a shell construct, not one command"
    return
  fi
  # Split like the shell (quotes, backslashes) without running anything.
  mapfile -d '' -t args < <(printf '%s\n' "$line" | xargs printf '%s\0')
  local cmd=${args[1]:-}
  if [[ " $commands " != *" $cmd "* ]]; then
    skip "$line" "not a command with arguments (a synopsis)"
    return
  fi
  seq=$((seq + 1))
  local work=$tmp/run$seq
  mkdir -p "$work"
  local a missing="" prev=""
  for a in "${args[@]:2}"; do
    if [[ "$a" == *.csv && "$prev" != --output ]]; then
      local src=""
      if [[ "$a" == */* ]]; then
        [[ -f "$root/$a" ]] && src=$root/$a
      elif [[ -f "$root/docs/examples/$a" ]]; then
        src=$root/docs/examples/$a
      elif [[ -f "$root/tests/data/$a" ]]; then
        src=$root/tests/data/$a
      fi
      if [[ -z "$src" ]]; then
        missing+="${missing:+, }$a"
      else
        mkdir -p "$work/$(dirname "$a")"
        ln -sf "$src" "$work/$a"
      fi
    fi
    if [[ "$a" == --render ]] && ! command -v gnuplot >/dev/null; then
      missing+="${missing:+, }gnuplot (for --render)"
    fi
    prev=$a
  done
  if [[ -n "$missing" ]]; then
    skip "$line" "not in docs/examples or tests/data: $missing"
    return
  fi
  local rc=0
  (cd "$work" && "$tool" "${args[@]:1}" >out 2>err) || rc=$?
  local ok=0
  [[ $rc == 0 ]] && ok=1
  [[ $rc == 1 && " ${args[*]} " == *" --fail-if "* ]] && ok=1
  # An example written for another file of the same name: a column it names
  # is not in the header of any of its inputs.
  local col
  col=$(sed -n "s/^nps-stat: .*: no column '\([^']*\)'.*/\1/p" "$work/err" |
    head -n 1)
  if [[ $rc == 3 && -n "$col" ]] && ! column_in_inputs "$col"; then
    skip "$line" "its input has no column '$col': the example is for another file"
    return
  fi
  if [[ $ok != 1 ]]; then
    echo "FAILED: $line"
    echo "    (exit $rc)"
    sed 's/^/    /' "$work/err"
    failed=$((failed + 1))
    return
  fi
  if [[ -n "$shown" ]]; then
    cat "$work/err" "$work/out" >"$work/all"
    if ! matches "$work/all" "$shown" >"$work/why"; then
      echo "FAILED: $line"
      echo "    (prints other than $name shows)"
      sed 's/^/  /' "$work/why"
      failed=$((failed + 1))
      return
    fi
    echo "ok: $line (exit $rc, output as shown)"
  else
    echo "ok: $line (exit $rc)"
  fi
  ran=$((ran + 1))
}

# The code blocks' lines, continuation lines joined, as records
# "B<TAB>block number<TAB>line".
awk '
  /^```/ { inb = !inb; n++; next }
  inb {
    line = (cont != "") ? cont " " $0 : $0
    if (line ~ /\\$/) { sub(/[ \t]*\\$/, "", line); cont = line; next }
    cont = ""
    print n "\t" line
  }' "$md" >"$tmp/lines"

# Each example with the output shown after it, if any.
prev_block="" line="" shown=""
flush() {
  if [[ -n "$line" ]]; then
    run "$line" "$shown"
  fi
  line="" shown=""
}
while IFS=$'\t' read -r block text; do
  [[ "$block" != "$prev_block" ]] && flush
  prev_block=$block
  if [[ "$text" == '$ nps-stat '* ]]; then
    flush
    line=${text#'$ '}
    seq=$((seq + 1))
    shown=$tmp/shown$seq
    : >"$shown"
  elif [[ "$text" == 'nps-stat '* ]]; then
    flush
    line=$text
  elif [[ -n "$shown" ]]; then
    printf '%s\n' "$text" >>"$shown"
  fi
done <"$tmp/lines"
flush

echo "cli_examples: $ran ran, $skipped skipped, $failed failed"
[[ $failed == 0 && $ran -gt 0 ]]
