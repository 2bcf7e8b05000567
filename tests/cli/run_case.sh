#!/usr/bin/env bash
# Run one end-to-end CLI case: tests/cli/cases/<name>/ (format in README.md).
# Usage: bash run_case.sh NPS_STAT CASE_DIR DATA_DIR
# Exit 0 when every expectation holds, 1 when one fails (with an explanation
# and a diff on stderr), 2 when the case itself is malformed.
set -uo pipefail
export LC_ALL=C

die_usage() {
  echo "run_case.sh: $*" >&2
  exit 2
}

[[ $# -eq 3 ]] || die_usage "usage: run_case.sh NPS_STAT CASE_DIR DATA_DIR"
prog=$1
[[ -x "$prog" ]] || die_usage "not an executable: $prog"
# The program runs in a temporary directory: make its path absolute.
[[ "$prog" == */* && "$prog" != /* ]] && prog="$PWD/$prog"
[[ -d "$2" ]] || die_usage "no such case directory: $2"
case_dir=$(cd "$2" && pwd)
# tests/data may not exist yet in a fresh clone; the path is still usable.
data_dir=$3
[[ "$data_dir" == /* ]] || data_dir="$PWD/$data_dir"
case_name=${case_dir##*/}

# Control files a case may hold. Other files are the case's own inputs and
# must have an extension (input.csv, chart.gp): a name without a dot that is
# not listed here is most likely a misspelt control file.
known="args stdin exit stdout stdout_contains stderr_contains stderr_absent
absent exists env timeout setup check"
for f in "$case_dir"/*; do
  [[ -e "$f" ]] || continue
  name=${f##*/}
  [[ "$name" == *.* ]] && continue
  if [[ -d "$f" ]]; then
    [[ "$name" == files ]] ||
      die_usage "$case_name: unknown directory '$name' (only 'files')"
    continue
  fi
  [[ " ${known//$'\n'/ } " == *" $name "* ]] ||
    die_usage "$case_name: unknown control file '$name'"
done
[[ -f "$case_dir/exit" ]] || die_usage "$case_name: missing required file 'exit'"

work=$(mktemp -d "${TMPDIR:-/tmp}/nps-case.XXXXXX") ||
  die_usage "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
tmp="$work/tmp"
out="$work/out"
mkdir "$tmp" "$out"

# Replace the placeholders in one string. The replacements are quoted so
# that bash 5.2 does not read '&' in a path as "the matched text".
subst() {
  local s=$1
  s=${s//@DATA@/"$data_dir"}
  s=${s//@TMP@/"$tmp"}
  s=${s//@CASE@/"$case_dir"}
  printf '%s' "$s"
}

# Read a file into an array, one element per line, placeholders replaced.
# A final newline ends the last line; it does not start an empty one.
read_lines() {
  local -n into=$1
  local line
  into=()
  [[ -f "$2" ]] || return 0
  mapfile -t raw <"$2"
  for line in "${raw[@]}"; do
    into+=("$(subst "$line")")
  done
}

read_lines args "$case_dir/args"
read_lines env_lines "$case_dir/env"

expected_exit=$(tr -d ' \t\r\n' <"$case_dir/exit")
[[ "$expected_exit" =~ ^[0-9]+$ ]] ||
  die_usage "$case_name: 'exit' must hold a number, not '$expected_exit'"

limit=120
if [[ -f "$case_dir/timeout" ]]; then
  limit=$(tr -d ' \t\r\n' <"$case_dir/timeout")
  [[ "$limit" =~ ^[0-9]+$ ]] || die_usage "$case_name: bad 'timeout'"
fi

stdin_file=/dev/null
[[ -f "$case_dir/stdin" ]] && stdin_file="$case_dir/stdin"

env_assign=()
for line in "${env_lines[@]}"; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] ||
    die_usage "$case_name: 'env' line is not VAR=VALUE: $line"
  env_assign+=("$line")
done

# The setup script makes inputs that are too large to keep in the
# repository or must be made at run time (a FIFO, a compiled locale).
if [[ -f "$case_dir/setup" ]]; then
  if ! (cd "$tmp" && CASE=$case_dir DATA=$data_dir TMP=$tmp \
    timeout -k 5 "$limit" bash "$case_dir/setup") \
    </dev/null >"$out/setup.log" 2>&1; then
    {
      echo "case $case_name: setup failed"
      cat "$out/setup.log"
    } >&2
    exit 1
  fi
fi

# Run in the case's temporary directory, so that a stray output file lands
# there and is removed with it.
(
  cd "$tmp" || exit 125
  for a in "${env_assign[@]}"; do export "$a"; done
  exec timeout -k 5 "$limit" "$prog" "${args[@]}"
) <"$stdin_file" >"$out/stdout" 2>"$out/stderr"
status=$?

failures=0
report="$out/report"
: >"$report"
fail() {
  failures=$((failures + 1))
  echo "FAIL: $*" >>"$report"
}

if [[ $status -ne $expected_exit ]]; then
  if [[ $status -eq 124 ]]; then
    fail "timed out after ${limit}s (expected exit status $expected_exit)"
  elif [[ $status -gt 128 ]]; then
    fail "killed by signal $((status - 128)) (expected exit status $expected_exit)"
  else
    fail "exit status $status, expected $expected_exit"
  fi
fi

if [[ -f "$case_dir/stdout" ]]; then
  # Keep trailing newlines: they are part of the exact comparison.
  expected=$(cat "$case_dir/stdout"; printf x)
  subst "${expected%x}" >"$out/stdout.expected"
  if ! cmp -s "$out/stdout.expected" "$out/stdout"; then
    fail "stdout differs from the expected output (- expected, + actual):"
    diff -u --label expected --label actual \
      "$out/stdout.expected" "$out/stdout" >>"$report"
  fi
fi

# check_lines FILE STREAM_FILE STREAM_NAME present|absent
check_lines() {
  local want=$3 line
  local -a lines
  read_lines lines "$1"
  for line in "${lines[@]}"; do
    [[ -z "$line" ]] && continue
    if grep -aqF -e "$line" "$2"; then
      [[ $want == absent ]] && fail "$4 contains the forbidden text: $line"
    else
      [[ $want == present ]] && fail "$4 lacks the expected text: $line"
    fi
  done
}
check_lines "$case_dir/stdout_contains" "$out/stdout" present stdout
check_lines "$case_dir/stderr_contains" "$out/stderr" present stderr
check_lines "$case_dir/stderr_absent" "$out/stderr" absent stderr

read_lines absent_paths "$case_dir/absent"
for p in "${absent_paths[@]}"; do
  [[ -z "$p" ]] && continue
  if [[ "$p" == *[*?[]* ]]; then
    # A pattern: no path may match it (left-over temporary files).
    while IFS= read -r m; do
      fail "path exists after the run: $m"
    done < <(compgen -G "$p")
  elif [[ -e "$p" || -L "$p" ]]; then
    fail "path exists after the run: $p"
  fi
done

# Paths that must exist, non-empty, after the run (a rendered image).
read_lines exist_paths "$case_dir/exists"
for p in "${exist_paths[@]}"; do
  [[ -z "$p" ]] && continue
  [[ -s "$p" ]] || fail "missing or empty after the run: $p"
done

# files/NAME: the run must leave @TMP@/NAME with exactly this content
# (after placeholder replacement).
if [[ -d "$case_dir/files" ]]; then
  for f in "$case_dir"/files/*; do
    [[ -f "$f" ]] || continue
    name=${f##*/}
    if [[ ! -f "$tmp/$name" ]]; then
      fail "file not written: @TMP@/$name"
      continue
    fi
    expected=$(cat "$f"; printf x)
    subst "${expected%x}" >"$out/file.expected"
    if ! cmp -s "$out/file.expected" "$tmp/$name"; then
      fail "@TMP@/$name differs from files/$name (- expected, + actual):"
      diff -u --label expected --label actual \
        "$out/file.expected" "$tmp/$name" | head -n 60 >>"$report"
    fi
  done
fi

# The check script: what the other checks cannot say (a file's mode, that
# a symbolic link is still one). It runs like setup, after the program.
if [[ -f "$case_dir/check" ]]; then
  if ! (cd "$tmp" && CASE=$case_dir DATA=$data_dir TMP=$tmp \
    timeout -k 5 "$limit" bash "$case_dir/check") \
    </dev/null >"$out/check.log" 2>&1; then
    fail "the check script failed:"
    cat "$out/check.log" >>"$report"
  fi
fi

show() {
  local label=$1 file=$2 n
  n=$(wc -l <"$file")
  if [[ ! -s "$file" ]]; then
    echo "---- $label: (empty)" >&2
  else
    echo "---- $label ($n lines, first 100):" >&2
    head -n 100 "$file" >&2
    [[ -n $(tail -c 1 "$file") ]] && echo "<no newline at end>" >&2
  fi
}

if [[ $failures -ne 0 ]]; then
  {
    echo "case $case_name: $failures check(s) failed"
    printf 'command:'
    printf ' %q' "$prog" "${args[@]}"
    printf '\n'
    [[ ${#env_assign[@]} -gt 0 ]] && printf 'env: %s\n' "${env_assign[*]}"
    echo "exit status: $status"
    cat "$report"
  } >&2
  show stdout "$out/stdout"
  show stderr "$out/stderr"
  exit 1
fi
echo "case $case_name: ok"
exit 0
