#!/usr/bin/env bash
# The numbers of the report are the numbers of the commands: the page made
# for the demo data (--by channel --date date; after.csv --compare-with
# before.csv) is parsed, and its headline, segment, trend and comparison
# rows compared with what `summary`, `segments`, `trend` and `compare
# --format csv` print for the same data, rounded the way the page
# rounds (points with one decimal). Also the provenance counts against the
# summary's n and missing.
# Usage: values.sh NPS_STAT REPO_ROOT
set -uo pipefail
prog=$1 root=$2
[[ "$prog" == /* ]] || prog="$PWD/$prog"
command -v python3 >/dev/null || { echo "SKIPPED: python3 not installed"; exit 77; }
work=$(mktemp -d /tmp/nps-values.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
cd "$root" || exit 1
data=docs/examples/responses.csv
export NPS_STAT_GNUPLOT=/nonexistent/gnuplot # tables only: faster
"$prog" report "$data" --by channel --date date -o "$work/r.html" --quiet || exit 1
"$prog" summary "$data" --format csv >"$work/summary.csv" 2>/dev/null || exit 1
"$prog" segments "$data" --by channel --format csv >"$work/segments.csv" 2>/dev/null || exit 1
"$prog" trend "$data" --date date --format csv >"$work/trend.csv" 2>/dev/null || exit 1
"$prog" report docs/examples/after.csv --compare-with docs/examples/before.csv \
  -o "$work/c.html" --quiet || exit 1
"$prog" compare docs/examples/before.csv docs/examples/after.csv --format csv \
  >"$work/compare.csv" 2>/dev/null || exit 1
python3 - "$work" <<'PY'
import csv, html, re, sys
w = sys.argv[1]
page = open(f"{w}/r.html", encoding="utf-8").read()
fails = 0
def check(what, got, want):
    global fails
    if got != want:
        print(f"FAIL: {what}: page {got!r}, command {want!r}")
        fails += 1
def pts(x):
    return "n/a" if x == "" else f"{float(x):.1f}".replace("-0.0", "0.0")
def ci(lo, hi):
    return f"[{pts(lo)}, {pts(hi)}]"
def section(name):
    m = re.search(rf'<section id="{name}">(.*?)</section>', page, re.S)
    return m.group(1) if m else ""
def rows(text):
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", text, re.S):
        cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if cells:
            out.append(cells)
    return out

s = next(csv.DictReader(open(f"{w}/summary.csv")))
head = rows(section("headline"))[0]
check("headline n", head[1], s["n"])
check("headline NPS", head[5], pts(s["nps"]))
check("headline CI", head[6], ci(s["ci_low"], s["ci_high"]))
check("headline missing", head[7], s["missing"])
prov = section("provenance")
m = re.search(r"<dt>answers counted</dt><dd>(\d+)</dd>", prov)
check("answers counted", m and m.group(1), s["n"])
m = re.search(r"<dt>missing answers</dt><dd>(\d+)</dd>", prov)
check("missing answers", m and m.group(1), s["missing"])

seg = {r[0]: r for r in rows(section("segments"))}
n_seg = 0
for r in csv.DictReader(open(f"{w}/segments.csv")):
    if r["row"] != "segment":
        continue
    n_seg += 1
    got = seg.get(r["segment"])
    if not got:
        print(f"FAIL: segment {r['segment']} missing"); fails += 1; continue
    check(f"{r['segment']} n", got[1], r["n"])
    check(f"{r['segment']} NPS", got[5], pts(r["nps"]))
    check(f"{r['segment']} CI", got[6], ci(r["ci_low"], r["ci_high"]))
    check(f"{r['segment']} diff CI", got[8], ci(r["diff_ci_low"], r["diff_ci_high"]))
check("segments shown", len(seg) - 1, n_seg)

tr = {r[0]: r for r in rows(section("trend"))}
n_per = 0
for r in csv.DictReader(open(f"{w}/trend.csv")):
    n_per += 1
    got = tr.get(r["period"])
    if not got:
        print(f"FAIL: period {r['period']} missing"); fails += 1; continue
    check(f"{r['period']} n", got[1], r["n"])
    check(f"{r['period']} NPS", got[2], pts(r["nps"]))
    check(f"{r['period']} CI", got[3], ci(r["ci_low"], r["ci_high"]))
check("periods shown", len(tr), n_per)
page = open(f"{w}/c.html", encoding="utf-8").read()
c = next(csv.DictReader(open(f"{w}/compare.csv")))
cmp = rows(section("compare"))
check("compared n", cmp[0][2], c["n_a"])
check("compared NPS", cmp[0][6], pts(c["nps_a"]))
check("compared CI", cmp[0][7], ci(c["ci_low_a"], c["ci_high_a"]))
check("this n", cmp[1][2], c["n_b"])
check("this NPS", cmp[1][6], pts(c["nps_b"]))
check("this CI", cmp[1][7], ci(c["ci_low_b"], c["ci_high_b"]))
d = f"{float(c['difference']):+.1f}"
check("difference", cmp[2][1], d)
check("difference CI", cmp[2][2], ci(c["diff_ci_low"], c["diff_ci_high"]))
check("p", cmp[2][4], f"{float(c['p']):.3f}")
print("report/values: ok" if not fails else f"{fails} check(s) failed")
sys.exit(1 if fails else 0)
PY
