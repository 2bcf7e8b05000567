#!/usr/bin/env bash
# Runs the csv-spectrum cases (npm package csv-spectrum, BSD-2-Clause: CSV
# files with the JSON records each must parse to) through the CSV reader.
#
# Usage: csv_spectrum.sh CSV_DUMP PREFIX
#   CSV_DUMP  the csv_dump program (tests/conformance/csv_dump.c)
#   PREFIX    folder the package is installed into (npm --prefix) when it is
#             not there yet, normally <build>/csv-spectrum
#
# The package is fetched with npm once per build folder. Without npm and
# node the test is skipped (exit 77) and says so; when npm cannot fetch the
# package it fails. It never passes without having checked the cases.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dump=$1
prefix=$2
version=2.0.0
pkg="$prefix/node_modules/csv-spectrum"

# Every case of the package but these is checked (name: reason).
declare -A excluded=(
  # The JSON file disagrees with the CSV: the CSV's phone number is
  # 2095257564, the JSON's 1234567890, and the JSON is a single object, not
  # a list of records. The CSV also holds quotes inside unquoted fields
  # (37...37.8"N), which strict RFC 4180 rejects, as the reader does.
  [location_coordinates]="JSON disagrees with its CSV (phone number, not a list)"
)
expected_cases=11

installed_version() {
  [[ -f "$pkg/package.json" ]] &&
    node -e 'process.stdout.write(require(process.argv[1]).version)' \
      "$pkg/package.json" 2>/dev/null
}

if [[ "$(installed_version)" != "$version" ]]; then
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    # Exit 77: ctest counts the test as skipped and scripts/test.sh lists
    # it in its summary; it never passes without checking the cases.
    echo "SKIPPED: conformance/csv-spectrum: npm and node are not on PATH" \
         "(install Node.js and npm to run the csv-spectrum cases)"
    exit 77
  fi
  echo "installing csv-spectrum@$version into $prefix"
  mkdir -p "$prefix"
  if ! npm install --prefix "$prefix" --no-audit --no-fund --no-save \
        --fetch-retries=2 --fetch-timeout=60000 \
        "csv-spectrum@$version" >"$prefix/npm.log" 2>&1; then
    cat "$prefix/npm.log" >&2
    echo "FAIL: npm could not install csv-spectrum@$version (see above);" \
         "the conformance cases were not checked" >&2
    exit 1
  fi
  if [[ "$(installed_version)" != "$version" ]]; then
    echo "FAIL: csv-spectrum@$version is not in $pkg after npm install" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checked=0
failed=0
for csv in "$pkg"/csvs/*.csv; do
  name=$(basename "$csv" .csv)
  json="$pkg/json/$name.json"
  if [[ -n "${excluded[$name]:-}" ]]; then
    echo "excluded $name: ${excluded[$name]}"
    continue
  fi
  if ! key=$(node "$here/spectrum_expect.js" "$json" --first-key) ||
     ! node "$here/spectrum_expect.js" "$json" >"$work/$name.expected"; then
    echo "FAIL $name: cannot read $json" >&2
    failed=$((failed + 1))
    checked=$((checked + 1))
    continue
  fi
  "$dump" "$csv" "$key" >"$work/$name.actual" 2>"$work/$name.err"
  rc=$?
  if [[ $rc -ne 0 ]] || ! cmp -s "$work/$name.expected" "$work/$name.actual"; then
    echo "FAIL $name (csv_dump exit $rc)" >&2
    cat "$work/$name.err" >&2
    diff -u "$work/$name.expected" "$work/$name.actual" >&2
    failed=$((failed + 1))
  else
    echo "ok $name"
  fi
  checked=$((checked + 1))
done

if [[ $checked -ne $expected_cases ]]; then
  echo "FAIL: checked $checked cases, expected $expected_cases" >&2
  exit 1
fi
echo "$((checked - failed)) of $checked csv-spectrum cases parsed as their JSON"
[[ $failed -eq 0 ]]
