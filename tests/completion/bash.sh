#!/usr/bin/env bash
# The bash completion (completions/nps-stat.bash) in a bash of its own:
# COMP_WORDS and COMP_CWORD set as bash sets them, _nps_stat called, and
# COMPREPLY checked for a command, an option, option values and column
# names from a test CSV, one of them a command substitution that must be
# offered quoted and never run, and from a file read with the --delimiter
# and --skip-rows given.
# Usage: bash.sh NPS_STAT COMPLETION_SCRIPT
set -uo pipefail
nps=$1 script=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$(cd "$(dirname "$nps")" && pwd)/$(basename "$nps")" "$tmp/bin/nps-stat"
printf 'respondent_id,Channel Name,score,x$(touch %s/ran)y\n1,web,9,a\n' \
  "$tmp" >"$tmp/answers.csv"
# a Qualtrics-like export with '|' (never sniffed) and two more header rows
printf 'Q1|Region Name\nHow likely, 0-10?|Where?\n{x}|y\n9|north\n' \
  >"$tmp/extra.txt"
cd "$tmp" || exit 1

PATH=$tmp/bin:$PATH bash -c '
  source "$1" || exit 1
  fail=0
  # expect WORD... -- EXPECTED: COMPREPLY for the words, the last one being
  # completed, must hold EXPECTED.
  expect() {
    local words=() want
    while [[ $1 != -- ]]; do words+=("$1"); shift; done
    want=$2
    COMP_WORDS=("${words[@]}")
    COMP_CWORD=$((${#words[@]} - 1))
    COMP_LINE="${words[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _nps_stat nps-stat "${words[-1]}" "${words[-2]}"
    local r
    for r in "${COMPREPLY[@]}"; do
      [[ $r == "$want" ]] && { echo "ok: ${words[*]} -> $want"; return; }
    done
    echo "FAIL: ${words[*]}: wanted [$want], got [${COMPREPLY[*]}]"
    fail=1
  }
  expect nps-stat seg -- segments
  expect nps-stat help com -- compare
  expect nps-stat summary --plot-b -- --plot-boot
  expect nps-stat compare --adjust-f -- --adjust-for
  expect nps-stat summary --format j -- json
  expect nps-stat trend answers.csv --period mo -- month
  expect nps-stat summary answers.csv --by Ch -- "Channel\ Name"
  expect nps-stat summary answers.csv --by respondent_id,Ch -- "respondent_id,Channel\ Name"
  expect nps-stat summary answers.csv --where sc -- "score="
  expect nps-stat segments --min-n 5 answers.csv --score s -- score
  expect nps-stat pilot answers.csv --period resp -- respondent_id
  expect nps-stat plan --shift pa -- passives
  expect nps-stat plan --sh -- --shift
  # the --delimiter and --skip-rows given reach the header read
  expect nps-stat summary extra.txt --delimiter "|" --skip-rows 2 --by Reg -- "Region\ Name"
  # the name quoted for the shell, as printf %q quotes it
  expect nps-stat summary answers.csv --by x -- "$(printf %q "x\$(touch $PWD/ran)y")"
  exit $fail
' completion-test "$script"
rc=$?
if [[ -e $tmp/ran ]]; then
  echo "FAIL: a column name was run as a command"
  rc=1
fi
exit $rc
