#!/usr/bin/env bash
# Compiles the C example of README.md against the built library, runs it,
# and checks what it prints (a Jeffreys interval for 412/250/338; the
# limits agree with 4 million Dirichlet draws in numpy: [2.04, 12.72]).
# Usage: readme_example.sh README.md INCLUDE_DIR LIBRARY CC "LIBS..."
set -euo pipefail
readme=$1 include=$2 lib=$3 cc=$4 libs=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n '/^```c$/,/^```$/p' "$readme" | sed '1d;$d' > "$tmp/example.c"
if [[ ! -s "$tmp/example.c" ]]; then
  echo "readme_example: no C example found in $readme" >&2
  exit 1
fi
# shellcheck disable=SC2086
# (the rpath finds a shared build of the library; a static one ignores it)
"$cc" -std=c11 -Wall -Wextra -Werror -I"$include" "$tmp/example.c" "$lib" \
  -Wl,-rpath,"$(dirname "$lib")" $libs -o "$tmp/example"
out=$("$tmp/example")
echo "$out"
want='NPS 7.4, 95% CI [2.0, 12.7], n = 1000, Bayesian, Jeffreys Dirichlet prior'
if [[ "$out" != "$want" ]]; then
  echo "readme_example: expected: $want" >&2
  exit 1
fi
