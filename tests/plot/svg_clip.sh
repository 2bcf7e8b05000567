#!/usr/bin/env bash
# Every gallery chart (plots/gallery.txt) drawn to SVG by gnuplot at its
# own size and at a small one (--size 640x400), in each theme (--theme
# light, dark, print): no text may stick out of the image (svg_clip.py
# estimates each text's extent from its anchor, font size and length).
# A missing gnuplot or python3 fails the test rather than skipping it.
#
# Usage: bash svg_clip.sh NPS_STAT      (needs gnuplot 5.4 and python3)
set -uo pipefail
export LC_ALL=C

prog=$1
[[ "$prog" == /* ]] || prog="$PWD/$prog"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
for tool in gnuplot python3; do
  command -v $tool >/dev/null || {
    echo "svg_clip: $tool not found" >&2
    exit 1
  }
done

work=$(mktemp -d /tmp/nps-svgclip.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$root" || exit 1

status=0
for run in default/light 640x400/light default/dark 640x400/dark \
  default/print 640x400/print; do
  size=${run%/*} theme=${run#*/}
  out="$work/$size-$theme"
  mkdir -p "$out"
  extra=(--quiet --render svg --theme "$theme")
  [[ $size != default ]] && extra+=(--size "$size")
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] && continue
    read -r -a args <<<"${line//@OUT@/$out}"
    if ! "$prog" "${args[@]}" "${extra[@]}" >/dev/null 2>"$work/stderr" ||
      [[ -s "$work/stderr" ]]; then
      echo "svg_clip: failed ($size, $theme): nps-stat $line" >&2
      cat "$work/stderr" >&2
      status=1
    fi
  done <plots/gallery.txt
  n=$(ls "$out"/*.svg 2>/dev/null | wc -l)
  if [[ $n -eq 0 ]]; then
    echo "svg_clip: no SVG drawn ($size, $theme)" >&2
    status=1
    continue
  fi
  python3 "$here/svg_clip.py" "$out"/*.svg || status=1
  # gnuplot's default text colour is black (fill="black" in its SVG): on
  # the dark background every text must have the theme's colour instead.
  if [[ $theme == dark ]] &&
    black=$(grep -l -e 'fill="black"' -e 'fill="rgb(0,0,0)"' "$out"/*.svg); then
    echo "svg_clip: black on the dark theme ($size): $black" >&2
    status=1
  fi
  echo "svg_clip: $n charts at size $size, theme $theme checked"
done
exit $status
