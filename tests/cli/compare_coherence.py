#!/usr/bin/env python3
"""Coherence of `nps-stat compare` (independent samples) over a grid of
small tables: no verdict's words, interval and p disagree.

Usage: compare_coherence.py NPS_STAT

Every pair of tables (P, A, D) with 1..4 answers a sample, in both orders,
is one segment of a --by comparison read as counts; each run is one
--test x --alternative x --adjust x --diff-ci (test, or adjusted-wald for
an interval from another procedure: the default MOVER interval costs
about 30 ms a comparison, so the single comparisons below use it). For
every tested row:

  significant      <=> p (adjusted) < alpha and the interval excludes 0
  not significant  <=> p >= alpha and the interval contains 0
  borderline       only when something shown disagrees, and never "the
                   interval" when the interval is the test's own (--diff-ci
                   test, or a one-sided alternative: the test's bound)

and the interval sits at the level matched to the adjusted p. p is
compared with alpha at 12 significant digits, as compare decides (an exact
p of 1/20 sums to 0.04999999999999999 and must not reject at 5%). One-sided
intervals are bounds: [L, 200] (greater), [-200, U] (less). Then single
comparisons of a sample of pairs check the verdict sentence and every
test's own interval beside its p (the all-tests table). Standard library
only.
"""
import itertools
import json
import os
import subprocess
import sys
import tempfile

ALPHA = 0.05
TESTS = ["permutation", "adjusted-wald", "wald", "bootstrap"]
ALTS = ["two-sided", "greater", "less"]
failures = []


def fail(msg):
    failures.append(msg)
    if len(failures) <= 30:
        print("FAIL:", msg)


def tables(nmax):
    for n in range(1, nmax + 1):
        for p in range(n + 1):
            for a in range(n - p + 1):
                yield (p, a, n - p - a)


def write_counts(path, rows):
    with open(path, "w") as f:
        f.write("seg,score,count\n")
        for seg, (p, a, d) in rows:
            f.write("%s,10,%d\n%s,8,%d\n%s,0,%d\n" % (seg, p, seg, a, seg, d))


def run(exe, args):
    out = subprocess.run([exe] + args, capture_output=True, text=True)
    if out.returncode not in (0,):
        fail("exit %d: %s: %s" % (out.returncode, " ".join(args),
                                   out.stderr.strip()[:200]))
        return None
    return json.loads(out.stdout)


def excludes(ci):
    return ci["low"] > 0 or ci["high"] < 0


def matched_level(p, q):
    return 1 - ALPHA * p / q if p > 0 and q > p else 1 - ALPHA


def check_row(where, c, alt, own_interval):
    if not c["tested"]:
        return
    ci, t, v = c["ci"], c["test"], c["verdict"]
    q = t["p_adjusted"]
    if alt == "greater" and ci["high"] != 200:
        fail("%s: greater bound not [L, 200]: %s" % (where, ci))
    if alt == "less" and ci["low"] != -200:
        fail("%s: less bound not [-200, U]: %s" % (where, ci))
    if ci["sides"] != alt:
        fail("%s: ci sides %s for %s" % (where, ci["sides"], alt))
    want = matched_level(t["p"], q)
    if abs(ci["level"] - want) > 1e-12:
        fail("%s: CI level %r, matched level %r" % (where, ci["level"], want))
    rej, exc = float("%.12g" % q) < ALPHA, excludes(ci)
    if v == "significant" and not (rej and exc):
        fail("%s: significant with p_adj %r, CI %s" % (where, q, ci))
    elif v == "not significant" and (rej or exc):
        fail("%s: not significant with p_adj %r, CI %s" % (where, q, ci))
    elif v == "borderline":
        conf = c["conflict"]
        if conf is None:
            fail("%s: borderline without a conflict" % where)
        elif conf["with"] == "interval" and (own_interval or rej == exc):
            fail("%s: interval conflict with the test's own interval "
                 "(p_adj %r, CI %s)" % (where, q, ci))
    if own_interval and rej != exc:
        fail("%s: own interval and p disagree: p_adj %r, CI %s" %
             (where, q, ci))


def grid(exe, tmp):
    tabs = list(tables(4))
    pairs = list(itertools.product(tabs, tabs))
    a_rows = [("s%04d" % i, x) for i, (x, _) in enumerate(pairs)]
    b_rows = [("s%04d" % i, y) for i, (_, y) in enumerate(pairs)]
    fa, fb = os.path.join(tmp, "a.csv"), os.path.join(tmp, "b.csv")
    write_counts(fa, a_rows)
    write_counts(fb, b_rows)
    rows = 0
    for test, alt, adjust, dci in itertools.product(
            TESTS, ALTS, ["none", "holm"], ["adjusted-wald", "test"]):
        if dci != "test" and alt != "two-sided":
            continue  # one-sided: the interval is the test's bound anyway
        args = ["compare", fa, fb, "--input", "counts", "--by", "seg",
                "--min-n", "1", "--boot", "1000", "--ci", "adjusted-wald",
                "--test", test,
                "--alternative", alt, "--adjust", adjust, "--diff-ci", dci,
                "--format", "json"]
        res = run(exe, args)
        if res is None:
            continue
        own = dci == "test" or alt != "two-sided"
        for s in res["segments"]:
            where = "%s %s %s %s %s" % (test, alt, adjust, dci,
                                        s["group"]["seg"])
            check_row(where, s["comparison"], alt, own)
            rows += 1
        check_row("%s %s %s %s overall" % (test, alt, adjust, dci),
                  res["overall"], alt, own)
    return rows


def fmt_ci(lo, hi):
    f = lambda x: "%.1f" % (x + 0.0)
    return "[%s, %s]" % (f(round(lo, 1) + 0.0), f(round(hi, 1) + 0.0))


def singles(exe, tmp):
    """Verdict words and every test's own interval, on single pairs."""
    tabs = [t for t in tables(6) if sum(t) in (3, 5, 6)]
    pairs = list(itertools.product(tabs, tabs))[::97]
    n = 0
    for (x, y), test, alt in itertools.product(pairs, TESTS, ALTS):
        fa, fb = os.path.join(tmp, "x.csv"), os.path.join(tmp, "y.csv")
        for path, (p, a, d) in ((fa, x), (fb, y)):
            with open(path, "w") as f:
                f.write("score,count\n10,%d\n8,%d\n0,%d\n" % (p, a, d))
        res = run(exe, ["compare", fa, fb, "--input", "counts", "--boot",
                        "1000", "--ci", "adjusted-wald", "--test", test,
                        "--alternative", alt,
                        "--format", "json"])
        if res is None:
            continue
        n += 1
        where = "%s vs %s %s %s" % (x, y, test, alt)
        o = res["overall"]
        check_row(where, o, alt, alt != "two-sided")
        text, v = res["verdict"], o["verdict"]
        word = ("borderline" if text.startswith("borderline")
                else "not significant" if (" not significantly " in text or
                                           text.startswith("no significant"))
                else "significant")
        if o["tested"] and word != v:
            fail("%s: words '%s' for verdict %s" % (where, text, v))
        if o["tested"] and o["ci"]["low"] is not None:
            shown = fmt_ci(o["ci"]["low"], o["ci"]["high"])
            if shown not in text:
                fail("%s: interval %s not in '%s'" % (where, shown, text))
        for t in res["tests"]:
            if t["status"] != "ok" or t["ci_low"] is None or t["p"] is None:
                continue
            ci = {"low": t["ci_low"], "high": t["ci_high"]}
            if t["method"] in ("wald", "adjusted-wald", "bootstrap") and \
                    excludes(ci) != (float("%.12g" % t["p"]) < ALPHA):
                fail("%s: %s row CI %s with p %r" % (where, t["method"], ci,
                                                       t["p"]))
    return n


def main():
    exe = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        rows = grid(exe, tmp)
        n = singles(exe, tmp)
    print("checked %d segment rows and %d single comparisons; %d failures" %
          (rows, n, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
