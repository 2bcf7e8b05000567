#!/usr/bin/env bash
# The numbers of the report are the numbers of the commands: the page made
# for the demo data (--by channel --date date; after.csv --compare-with
# before.csv) is parsed, and its headline, segment, trend and comparison
# rows compared with what `summary`, `segments`, `trend` and `compare
# --format csv` print for the same data, rounded the way the page
# rounds (points with one decimal). Also the provenance counts against the
# summary's n and missing; the trend's segment rows (--by with --date)
# against `trend --by --format json`; the arm comparison (--arm) against
# `compare --arm --format csv`; the competitors section (--competitors)
# against `benchmark --format csv`.
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
"$prog" report "$data" --by channel --date date --competitors \
  docs/examples/competitors.csv -o "$work/r.html" --quiet || exit 1
"$prog" summary "$data" --format csv >"$work/summary.csv" 2>/dev/null || exit 1
"$prog" segments "$data" --by channel --format csv >"$work/segments.csv" 2>/dev/null || exit 1
"$prog" trend "$data" --date date --format csv >"$work/trend.csv" 2>/dev/null || exit 1
"$prog" trend "$data" --date date --by channel --format json \
  >"$work/trend.json" 2>/dev/null || exit 1
"$prog" benchmark "$data" --competitors docs/examples/competitors.csv \
  --format csv >"$work/bench.csv" 2>/dev/null || exit 1
"$prog" report docs/examples/pilot.csv --arm arm --arms control,pilot \
  --where wave=after -o "$work/a.html" --quiet || exit 1
"$prog" compare docs/examples/pilot.csv --arm arm --arms control,pilot \
  --where wave=after --format csv >"$work/arm.csv" 2>/dev/null || exit 1
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
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", text, re.S):
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

trend_rows = rows(section("trend"))
tr = {r[0]: r for r in trend_rows if len(r) == 7}
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

# trend segments: segment, n, n latest, NPS latest, CI, slope per period,
# its CI, p
import json
tj = json.load(open(f"{w}/trend.json"))
ts = {r[0]: r for r in trend_rows if len(r) == 9}
check("trend segments shown", len(ts), len(tj["segments"]))
for q in tj["segments"]:
    name = q["group"]["channel"]
    got = ts.get(name)
    if not got:
        print(f"FAIL: trend segment {name} missing"); fails += 1; continue
    last = q["periods"][-1]
    check(f"trend {name} n", got[1], str(q["responses"]))
    check(f"trend {name} n latest", got[2], str(last["n"]))
    check(f"trend {name} NPS latest", got[3], pts(last["nps"] if last["n"] else ""))
    sl = q["slope"]
    if sl["tested"]:
        check(f"trend {name} slope", got[5], f"{sl['per_period']:+.1f}")
        check(f"trend {name} slope CI", got[6],
              ci(sl["per_period_ci_low"], sl["per_period_ci_high"]))

# competitors: party, n, NPS, CI, us - them, its CI (level), p adj, kind,
# verdict
bench = {r[0]: r for r in rows(section("benchmark"))}
words = {"ahead": "we are ahead", "behind": "we are behind",
         "indistinguishable": "no difference", "borderline": "borderline",
         "not-comparable": "not comparable"}
n_b = 0
for r in csv.DictReader(open(f"{w}/bench.csv")):
    n_b += 1
    got = bench.get(r["party"])
    if not got:
        print(f"FAIL: party {r['party']} missing"); fails += 1; continue
    check(f"{r['party']} n", got[1], r["n"] or "n/a")
    check(f"{r['party']} NPS", got[2], pts(r["nps"]))
    if r["ours"] == "1":
        continue
    check(f"{r['party']} us - them", got[4], f"{float(r['diff']):+.1f}")
    want = (ci(r["diff_matched_lo"], r["diff_matched_hi"])
            + f" ({100 * float(r['level_matched']):.1f}%)")
    check(f"{r['party']} matched CI", got[5], want)
    check(f"{r['party']} kind", got[7], r["kind"])
    check(f"{r['party']} verdict", got[8], words[r["verdict"]])
check("parties shown", len(bench), n_b)

# the arm comparison
page = open(f"{w}/a.html", encoding="utf-8").read()
c = next(csv.DictReader(open(f"{w}/arm.csv")))
arm = rows(section("compare"))
for i, s_ in ((0, "a"), (1, "b")):
    check(f"arm {s_} name", arm[i][1], c[f"label_{s_}"])
    check(f"arm {s_} n", arm[i][2], c[f"n_{s_}"])
    check(f"arm {s_} NPS", arm[i][6], pts(c[f"nps_{s_}"]))
    check(f"arm {s_} CI", arm[i][7], ci(c[f"ci_low_{s_}"], c[f"ci_high_{s_}"]))
check("arm difference", arm[2][1], f"{float(c['difference']):+.1f}")
check("arm difference CI", arm[2][2], ci(c["diff_ci_low"], c["diff_ci_high"]))
check("arm p", arm[2][4], f"{float(c['p']):.3f}")

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
