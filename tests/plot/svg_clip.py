#!/usr/bin/env python3
"""Checks that no text of a gnuplot SVG lies outside its view box.

gnuplot's svg terminal writes each text as
  <g transform="translate(X,Y) [rotate(A)]" ... font-size="F" ...
     text-anchor="start|middle|end"> <text>...</text> </g>
The width of a text is estimated as 0.6 * F per character; the ends of
its baseline (from the anchor, along the rotation) and the top of the
letters must lie inside [0, W] x [0, H]. Prints one line per text that
does not; exits 1 when any does.

Usage: svg_clip.py FILE.svg...
"""
import html
import math
import re
import sys

SVG = re.compile(r'<svg[^>]*viewBox="0 0 ([\d.]+) ([\d.]+)"', re.S)
TEXT = re.compile(
    r'<g transform="translate\(([-\d.]+),([-\d.]+)\)(?:\s*rotate\(([-\d.]+)\))?"'
    r'([^>]*)>\s*<text[^>]*>(.*?)</text>', re.S)
SLACK = 1.0  # px: rounding in gnuplot's coordinates


def attr(attrs, name, default):
    m = re.search(name + r'="([^"]*)"', attrs)
    return m.group(1) if m else default


def check(path):
    data = open(path, encoding="utf-8").read()
    m = SVG.search(data)
    if not m:
        print(f"{path}: no viewBox")
        return 1
    w, h = float(m.group(1)), float(m.group(2))
    bad = 0
    for t in TEXT.finditer(data):
        x, y = float(t.group(1)), float(t.group(2))
        angle = math.radians(float(t.group(3) or 0))
        attrs = t.group(4)
        size = float(attr(attrs, "font-size", "12"))
        anchor = attr(attrs, "text-anchor", "start")
        text = html.unescape(re.sub(r"<[^>]*>", "", t.group(5))).strip()
        if not text:
            continue
        width = 0.6 * size * len(text)
        start = {"start": 0.0, "middle": -width / 2, "end": -width}[anchor]
        dx, dy = math.cos(angle), math.sin(angle)
        # the baseline's ends, and the top of the letters above the anchor
        # (perpendicular to the baseline, 0.75 of the size)
        ux, uy = dy * 0.75 * size, -dx * 0.75 * size
        points = [(x + dx * start, y + dy * start),
                  (x + dx * (start + width), y + dy * (start + width)),
                  (x + dx * start + ux, y + dy * start + uy)]
        for px, py in points:
            if not (-SLACK <= px <= w + SLACK and -SLACK <= py <= h + SLACK):
                print(f"{path}: text {text!r} ({anchor}, {size:g}px at "
                      f"{x:g},{y:g}) reaches {px:.0f},{py:.0f} outside "
                      f"{w:g}x{h:g}")
                bad = 1
                break
    return bad


if __name__ == "__main__":
    sys.exit(max([check(p) for p in sys.argv[1:]] or [0]))
