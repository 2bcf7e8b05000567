#!/usr/bin/env bash
# The library reproduces the CLI: tests/api/compare_example.c, built on the
# public headers only, must print the difference, interval, p and verdict
# that `nps-stat compare before.csv after.csv` prints for the demo data.
# Usage: compare_example.sh EXAMPLE NPS_STAT EXAMPLES_DIR
set -euo pipefail
example=$1 tool=$2 dir=$3
lib=$("$example" "$dir/before.csv" "$dir/after.csv")
cli=$("$tool" compare "$dir/before.csv" "$dir/after.csv" 2>/dev/null |
  grep '^after is higher than before:')
echo "library: $lib"
echo "cli:     $cli"
# "after is higher than before: +10.9 points, 95% CI [2.2, 20.1], p = 0.019 (...)"
want=$(sed -E 's/^after is higher than before: (.*), (p = [0-9.]+) .*/significant: \1, \2/' <<<"$cli")
if [[ -z "$cli" || "$lib" != "$want" ]]; then
  echo "compare_example: the library printed '$lib', the CLI says '$want'" >&2
  exit 1
fi
