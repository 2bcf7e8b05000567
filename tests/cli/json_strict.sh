#!/usr/bin/env bash
# Every JSON document nps-stat writes parses with a strict parser (Python's
# json module after a strict UTF-8 decode), even when file names, column
# names and labels hold bytes that are not UTF-8, controls, U+2028 or
# quotes. Usage: json_strict.sh <path-to-nps-stat>
set -u
bin=$1
py=$(command -v python3 || true)
if [ -z "$py" ]; then
  echo "SKIPPED: no python3"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
name=$(printf 'f\xffx.csv')
score=$(printf 'sc\xffore')
# group labels: a quote and a backslash, ESC, U+2028, U+202E, C1 NEL
printf 'grp,%s\n"q""\\",9\n"q""\\",3\n\x1b[31m,10\n\x1b[31m,6\n' "$score" >"$name"
printf 'a\xe2\x80\xa8b,0\na\xe2\x80\xa8b,9\n\xe2\x80\xaeab,8\n\xe2\x80\xaeab,7\n' >>"$name"
printf '\xc2\x85,9\n\xc2\x85,2\n' >>"$name"
cp "$name" "$(printf 'g\xfe.csv')"
check() {
  "$bin" "$@" --score "$score" --ci wald --format json --quiet >out.json
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "FAIL: exit $rc: nps-stat $*"
    return 1
  fi
  if ! "$py" -c 'import json,sys
json.loads(sys.stdin.buffer.read().decode("utf-8", "strict"))' <out.json; then
    echo "FAIL: not strict JSON: nps-stat $*"
    return 1
  fi
  echo "ok: nps-stat $1 --format json"
}
fail=0
check summary "$name" --by grp || fail=1
check segments "$name" --by grp || fail=1
check compare "$name" "$(printf 'g\xfe.csv')" --by grp || fail=1
exit $fail
