#!/usr/bin/env bash
# The chart gallery (plots/README.md): run every line of plots/gallery.txt.
#
#   bash plots/gallery.sh render NPS_STAT   write plots/*.gp and draw
#                                           plots/*.png (needs gnuplot)
#   bash plots/gallery.sh check NPS_STAT    write the scripts to a temporary
#                                           folder and compare them byte for
#                                           byte with the committed ones
#
# `cmake --build build --target gallery` runs the first; ctest runs the
# second as plot/gallery_scripts.
set -uo pipefail
export LC_ALL=C

mode=${1:-}
prog=${2:-}
[[ "$mode" == render || "$mode" == check ]] && [[ -n "$prog" ]] || {
  echo "usage: gallery.sh render|check NPS_STAT" >&2
  exit 2
}
[[ "$prog" == /* ]] || prog="$PWD/$prog"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2

if [[ $mode == render ]]; then
  out=plots
else
  out=$(mktemp -d "${TMPDIR:-/tmp}/nps-gallery.XXXXXX") || exit 2
  trap 'rm -rf "$out"' EXIT
fi

status=0
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  read -r -a args <<<"${line//@OUT@/$out}"
  extra=(--quiet)
  [[ $mode == render ]] && extra+=(--render png)
  if ! "$prog" "${args[@]}" "${extra[@]}" >/dev/null 2>"$out/.stderr"; then
    echo "gallery: failed: nps-stat $line" >&2
    cat "$out/.stderr" >&2
    status=1
  elif [[ -s "$out/.stderr" ]]; then
    # gnuplot warnings count as failures: the charts must draw clean.
    echo "gallery: messages from: nps-stat $line" >&2
    cat "$out/.stderr" >&2
    status=1
  fi
done <plots/gallery.txt
rm -f "$out/.stderr"

if [[ $mode == check ]]; then
  for f in "$out"/*.gp plots/*.gp; do
    name=${f##*/}
    if [[ ! -f "plots/$name" ]]; then
      echo "gallery: plots/$name is missing (run the gallery target)" >&2
      status=1
    elif [[ ! -f "$out/$name" ]]; then
      echo "gallery: plots/$name is not in plots/gallery.txt" >&2
      status=1
    elif ! cmp -s "$out/$name" "plots/$name"; then
      echo "gallery: plots/$name differs from what nps-stat writes now" \
        "(run the gallery target):" >&2
      diff -u "plots/$name" "$out/$name" | head -40 >&2
      status=1
    fi
  done
fi
[[ $status -eq 0 ]] && echo "gallery: $mode ok"
exit $status
