#!/usr/bin/env bash
# Every manual page made from docs/cli.md (cmake/docs.cmake) exists, one
# per command and nps-stat(1), and renders without a warning, through groff
# with every warning on and through man -l as a reader sees it.
# Usage: man_render.sh MAN_DIR NPS_STAT
set -uo pipefail
dir=$1 nps=$2
if ! command -v groff >/dev/null; then
  echo "SKIPPED: docs/man_render: groff is not installed (scripts/install-deps.sh)"
  exit 77
fi
fail=0
pages=(nps-stat)
for cmd in $("$nps" --complete commands); do pages+=("nps-stat-$cmd"); done
for page in "${pages[@]}"; do
  f=$dir/$page.1
  if [[ ! -s $f ]]; then
    echo "FAIL: $f is missing"; fail=1; continue
  fi
  out=$(groff -man -Tutf8 -ww -z "$f" 2>&1)
  [[ -z $out ]] || { echo "FAIL: groff warns on $page.1:"; echo "$out"; fail=1; }
  if command -v man >/dev/null; then
    out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l -Tutf8 "$f" 2>&1 >/dev/null)
    [[ -z $out ]] || { echo "FAIL: man -l warns on $page.1:"; echo "$out"; fail=1; }
    text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$f" 2>/dev/null)
    grep -q '^NAME' <<<"$text" && grep -q '^SYNOPSIS' <<<"$text" ||
      { echo "FAIL: $page.1 has no NAME or SYNOPSIS"; fail=1; }
  fi
done
[[ $fail == 0 ]] && echo "${#pages[@]} pages render without warnings"
exit $fail
