#!/usr/bin/env python3
"""Coherence grid: no verdict of nps-stat contradicts its own interval or p.

For every command that prints a verdict, run it over a grid of small data
sets (3 to 40 answers per group, one-category samples, ties, many tables)
and check, from the `--format json` output, that

    the words ("significant", "higher", "lower", "differ", "up", "down",
    "ahead", "behind", "moved more")
    <=> the printed interval at the matched level excludes 0
    <=> p < alpha (the p the verdict is decided by: adjusted where the
        command adjusts)

and, for one-sided alternatives, that the one-sided bound is the one
compared with 0.  A "borderline" verdict is accepted only where the
numbers it names really disagree.  For a subset of cells the `table`
output is run too and its verdict line is checked against the JSON
numbers (words, interval and p as printed).

Usage:  grid.py NPS_STAT COMMAND [--cells N] [--seed S] [--show K]
COMMAND is one of: compare, compare-by, paired, segments, pilot, trend,
benchmark (or all).

Every JSON field a check reads is named in FIELDS below, in one place, so
that a change of the output format is a change there.  A field that is
missing is a failure of the cell ("missing field"), never a skipped check;
a field that is present and null means "not computed" and is checked as
such (e.g. an untested comparison must have no verdict).

Standard library only.  Exit status 0 when every cell is coherent, 1 when
any cell is not (the first few are printed in detail), 2 on a usage error.
"""

import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

# ---------------------------------------------------------------------------
# Field names: every JSON path the checks read.  Paths are dot-separated.
# ---------------------------------------------------------------------------

FIELDS = {
    "compare": {
        "level": "level",
        "alternative": "alternative",
        "overall": "overall",
        "segments": "segments",
        "segment_comparison": "comparison",
        "sentence": "verdict",            # the verdict line, top level
        # inside a comparison object:
        "tested": "tested",
        "diff": "difference",
        "ci_low": "ci.low",
        "ci_high": "ci.high",
        # the one-sided bound at the run's level, used for --alternative
        # greater (low) and less (high): the matched interval of a
        # one-sided test is [low, +inf) or (-inf, high].
        "ci_one_sided_low": "ci.low",
        "ci_one_sided_high": "ci.high",
        "p": "test.p",
        "p_adjusted": "test.p_adjusted",
        "verdict": "verdict",
        "conflict": "conflict",
        "conflict_with": "with",
        "conflict_p": "p",
        # rows of the test table (overall only):
        "tests": "tests",
        "row_method": "method",
        "row_status": "status",
        "row_ci_low": "ci_low",
        "row_ci_high": "ci_high",
        "row_ci_one_sided_low": "ci_low",
        "row_ci_one_sided_high": "ci_high",
        "row_p": "p",
    },
    "segments": {
        "level": "level",
        "segments": "segments",
        "name": "group",
        "vs_rest": "vs_rest",
        "pairs": "pairs",
        "pair_test": "test",
        "pair_a": "segment",
        "pair_b": "versus",
        "t_diff": "diff",
        "t_ci_low": "ci_low",
        "t_ci_high": "ci_high",
        "t_p_adjusted": "p_adjusted",
        "t_significant": "significant",
        "t_direction": "direction",
        "small_base": "small_base",
        "omnibus": "omnibus",
        "omnibus_significant": "significant",
        "omnibus_p": "p",
        "answer": "answer",
    },
    "pilot": {
        "level": "level",
        "changes": "changes",
        "change_tested": "tested",
        "change_diff": "diff",
        "change_ci_low": "ci.low",
        "change_ci_high": "ci.high",
        "change_p": "p",
        "did": "did",
        "did_estimate": "estimate",
        "did_tested": "tested",
        "wald_p": "wald.p",
        "wald_ci_low": "wald.ci_low",
        "wald_ci_high": "wald.ci_high",
        "boot_p": "bootstrap.p",
        "boot_p_below": "bootstrap.p_below_1_over_b",
        "boot_ci_low": "bootstrap.ci_low",
        "boot_ci_high": "bootstrap.ci_high",
        "boot_b": "bootstrap.replicates",
        "verdict": "verdict",
        "v_tested": "tested",
        "v_significant": "significant",
        "v_borderline": "borderline",
        "v_direction": "direction",
        "v_rejects": "rejects",
        "rejects_keys": ("wald_p", "wald_ci", "bootstrap_p", "bootstrap_ci"),
    },
    "trend": {
        "level": "level",
        "periods": "periods",
        "label": "period",
        "change": "change",
        "c_diff": "diff",
        "c_ci_low": "ci_low",
        "c_ci_high": "ci_high",
        "c_p_adjusted": "p_adjusted",
        "c_significant": "significant",
        "slope": "slope",
        "s_tested": "tested",
        "s_value": "per_period",
        "s_ci_low": "per_period_ci_low",
        "s_ci_high": "per_period_ci_high",
        "s_p": "p",
        "s_significant": "significant",
        "latest": "latest",
        "l_period": "period",
        "l_drop": "drop",
        "l_p": "p",
    },
    "benchmark": {
        "level": "level",
        "sentence": "verdict",
        "parties": "parties",
        "name": "name",
        "ours": "ours",
        "diff": "diff",
        "ci_matched": "diff_ci_matched",   # [low, high]
        "p_adjusted": "p_adjusted",
        "verdict": "verdict",
        "significant": "significant",
        # NPS scale of the JSON numbers: "points" when the document says
        # so in a top-level "scale" member, else fractions (-1..1).
        "scale": "scale",
    },
}

# Verdict words (the library's verdicts as the JSON and the table print them).
COMPARE_VERDICTS = ("significant", "not significant", "borderline")
BENCHMARK_VERDICTS = ("ahead", "behind", "indistinguishable", "borderline")

# A p equal to alpha (within P_TIE) is not below it: a verdict that
# treats it as rejecting is a disagreement (the text shows p = alpha).
AT_ALPHA = "p equals alpha within 1e-9 (mathematically not below it) but "

# Tolerance for "on the boundary": p within this relative distance of
# alpha, or a bound within this distance of 0 (points), counts as either
# side (floating-point ties of intervals built from the p itself).
P_TIE = 1e-9
BOUND_TIE = 1e-9


class Missing(Exception):
    pass


DUPLICATES = []     # duplicate JSON keys seen in the current cell
SEEN = {}           # verdicts seen, by kind: the grid reaches each one


def seen(kind):
    SEEN[kind] = SEEN.get(kind, 0) + 1


_ABSENT = object()


def get(obj, path, where=""):
    """The value at a dot path; Missing when a key is absent (null is a
    value: None)."""
    cur = obj
    for key in path.split("."):
        if not isinstance(cur, dict) or key not in cur:
            raise Missing("missing field '%s'%s" % (path,
                          (" in " + where) if where else ""))
        cur = cur[key]
    return cur


def num(obj, path, where=""):
    v = get(obj, path, where)
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        raise Missing("field '%s'%s is %r, a number is needed" %
                      (path, (" in " + where) if where else "", v))
    return float(v)


def rejects(p, alpha):
    """True / False, or None on the boundary (either is coherent)."""
    if abs(p - alpha) <= P_TIE * alpha:
        return None
    return p < alpha


def excludes(lo, hi):
    """+1 when the interval lies above 0, -1 below, 0 when it holds 0
    (closed: a bound of exactly 0 holds it); None when a bound is not 0
    but within the tolerance of it (floating-point noise)."""
    if lo is not None and 0 < abs(lo) <= BOUND_TIE:
        return None
    if hi is not None and 0 < abs(hi) <= BOUND_TIE:
        return None
    if lo is not None and lo > 0:
        return 1
    if hi is not None and hi < 0:
        return -1
    return 0


def agree(a, b):
    """Two booleans agree; None (a boundary) agrees with anything."""
    return a is None or b is None or a == b


def sign(x):
    return (x > 0) - (x < 0)


# ---------------------------------------------------------------------------
# Running nps-stat
# ---------------------------------------------------------------------------

class Runner:
    def __init__(self, exe, workdir):
        self.exe = exe
        self.dir = workdir
        self.runs = 0

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def status(self, args):
        """The exit status alone (a --fail-if gate): 0 or 1, else a
        failed run."""
        cmd = [self.exe] + args + ["--quiet", "--output", "/dev/null"]
        self.runs += 1
        r = subprocess.run(cmd, cwd=self.dir, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        if r.returncode not in (0, 1):
            raise RuntimeError("exit %d: %s\n%s" % (
                r.returncode, " ".join(cmd), r.stderr.strip()))
        return r.returncode

    def run(self, args, fmt="json"):
        cmd = [self.exe] + args + ["--format", fmt, "--quiet"]
        self.runs += 1
        r = subprocess.run(cmd, cwd=self.dir, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        if r.returncode != 0:
            raise RuntimeError("exit %d: %s\n%s" % (
                r.returncode, " ".join(cmd), r.stderr.strip()))
        if fmt == "json":
            dups = []

            def pairs(kv):
                # a key twice in one object: keep the first, report it
                out = {}
                for k, v in kv:
                    if k in out:
                        dups.append(k)
                    else:
                        out[k] = v
                return out
            try:
                doc = json.loads(r.stdout, object_pairs_hook=pairs)
            except ValueError as e:
                raise RuntimeError("not JSON (%s): %s" % (e, " ".join(cmd)))
            if dups:
                # reported by check_cell; the checks go on with the first
                DUPLICATES.append("JSON object with a key twice: %s (%s)" %
                                  (", ".join(sorted(set(dups))), cmd[1]))
            return doc
        return r.stdout


# ---------------------------------------------------------------------------
# Data generators (fixed seed)
# ---------------------------------------------------------------------------

# Category truths (promoters, passives, detractors): one-category samples,
# skewed ones, flat ones.
TRUTHS = [
    (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0),
    (0.9, 0.08, 0.02), (0.02, 0.08, 0.9), (0.5, 0.0, 0.5),
    (0.34, 0.33, 0.33), (0.5, 0.3, 0.2), (0.2, 0.3, 0.5),
    (0.6, 0.4, 0.0), (0.0, 0.4, 0.6), (0.45, 0.1, 0.45),
]
SIZES = [3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40]


def draw_counts(rng, n, truth=None):
    if truth is None:
        truth = rng.choice(TRUTHS)
    c = [0, 0, 0]
    for _ in range(n):
        u = rng.random()
        c[0 if u < truth[0] else 1 if u < truth[0] + truth[1] else 2] += 1
    return c


def pair_counts(rng):
    """Two samples: often the same truth (near the null, where p is near
    alpha), sometimes tied exactly, sometimes different truths."""
    n1, n2 = rng.choice(SIZES), rng.choice(SIZES)
    r = rng.random()
    if r < 0.1:
        a = draw_counts(rng, n1)
        return a, list(a)
    if r < 0.55:
        t = rng.choice(TRUTHS)
        return draw_counts(rng, n1, t), draw_counts(rng, n2, t)
    return draw_counts(rng, n1), draw_counts(rng, n2)


def trinomial_file(groups, header):
    """groups: list of (key tuple, counts)."""
    lines = [",".join(header + ["promoters", "passives", "detractors"])]
    for key, c in groups:
        lines.append(",".join(list(key) + [str(x) for x in c]))
    return "\n".join(lines) + "\n"


def score_for(cat, rng):
    return rng.choice([(9, 10), (7, 8), (0, 1, 2, 3, 4, 5, 6)][cat])


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

class Tally:
    def __init__(self, name):
        self.name = name
        self.cells = 0
        self.checks = 0
        self.tables = 0
        self.bad = []          # (cell description, [problems])
        self.kinds = {}

    def cell(self, desc, problems, checks):
        self.cells += 1
        self.checks += checks
        if problems:
            self.bad.append((desc, problems))
            for p in problems:
                k = p.split(":")[0]
                self.kinds[k] = self.kinds.get(k, 0) + 1


def check_cell(tally, desc, fn):
    probs = []
    n = [0]
    del DUPLICATES[:]

    def need(cond, msg):
        n[0] += 1
        if not cond:
            probs.append(msg)

    try:
        fn(need)
    except Missing as e:
        probs.append("missing field: %s" % e)
    except RuntimeError as e:
        probs.append("run failed: %s" % e)
    for d in sorted(set(DUPLICATES)):
        probs.append("duplicate JSON key: %s" % d)
    del DUPLICATES[:]
    tally.cell(desc, probs, n[0])


# ---------------------------------------------------------------------------
# Table output helpers
# ---------------------------------------------------------------------------

def fmt_points(x):
    """The table's one-decimal points (cli_points); x in points."""
    if abs(x) < 0.05:
        return "0.0"
    return "%.1f" % x


def fmt_ci(lo, hi):
    return "[%s, %s]" % (fmt_points(lo), fmt_points(hi))


def fmt_p(p):
    return "p < 0.001" if p < 0.001 else "p = %.3f" % p


def last_line_with(text, needle):
    lines = [l for l in text.splitlines() if needle in l]
    return lines[-1] if lines else None


# ---------------------------------------------------------------------------
# compare (independent, --by, paired)
# ---------------------------------------------------------------------------

def compare_matched(need, c, alt, F, where, row=False):
    """The direction the matched interval excludes 0 on (+1, -1, 0, None).
    Two-sided: the printed interval; greater/less: the one-sided bound.
    A missing one-sided bound is reported (a failure of the cell) and the
    cell's other checks still run (None: no interval to compare)."""
    k = "row_" if row else ""
    if alt == "two-sided":
        return excludes(num(c, F[k + "ci_low"], where),
                        num(c, F[k + "ci_high"], where))
    key = F[k + ("ci_one_sided_low" if alt == "greater"
                 else "ci_one_sided_high")]
    try:
        b = num(c, key, where)
    except Missing as e:
        need(False, "missing field: %s (the one-sided bound of "
             "--alternative %s)" % (e, alt))
        return None
    if alt == "greater":
        e = excludes(b, None)
        return e if e != -1 else 0
    e = excludes(None, b)
    return e if e != 1 else 0


def check_comparison(need, c, alpha, alt, F, where, segment, tests=None):
    """One comparison object of compare (overall or a segment)."""
    tested = get(c, F["tested"], where)
    verdict = get(c, F["verdict"], where)
    seen("%s %s" % ("segment" if segment else "overall",
                    verdict if tested else "untested"))
    if not tested:
        need(verdict is None,
             "untested has a verdict: %s: verdict %r" % (where, verdict))
        return None
    p = num(c, F["p_adjusted"] if segment else F["p"], where)
    diff = num(c, F["diff"], where)
    rej = rejects(p, alpha)
    ex = compare_matched(need, c, alt, F, where)
    ex_rej = None if ex is None else ex != 0
    info = "%s: p%s = %.6g, alpha = %g, interval excludes 0: %s, diff %+.4g" % (
        where, "_adj" if segment else "", p, alpha,
        {1: "above", -1: "below", 0: "no", None: "on the bound"}[ex], diff)
    need(verdict in COMPARE_VERDICTS,
         "unknown verdict: %s: %r" % (where, verdict))
    if verdict == "significant":
        need(rej is not False, "significant but p >= alpha: " + info)
        need(rej is not None, AT_ALPHA + "called significant: " + info)
        need(ex_rej is not False,
             "significant but interval holds 0: " + info)
        need(ex is None or ex == 0 or ex == sign(diff),
             "significant, interval on the other side of 0 from the "
             "difference: " + info)
        if alt != "two-sided":
            need(sign(diff) == (1 if alt == "greater" else -1),
                 "significant against the alternative's direction: " + info)
    elif verdict == "not significant":
        need(rej is not True, "not significant but p < alpha: " + info)
        need(ex_rej is not True,
             "not significant but interval excludes 0: " + info)
    elif verdict == "borderline":
        conflict = get(c, F["conflict"], where)
        need(conflict is not None, "borderline without a conflict: " + info)
        if conflict is not None:
            w = get(conflict, F["conflict_with"], where + ".conflict")
            if w == "interval":
                need(not agree(rej, ex_rej) or ex_rej is None,
                     "borderline (interval) but p and interval agree: "
                     + info)
                need(not (rej is None and ex_rej is False),
                     AT_ALPHA + "taken as below it (borderline against "
                     "an interval holding 0): " + info)
            elif w == "test":
                q = num(conflict, F["conflict_p"], where + ".conflict")
                rq = rejects(q, alpha)
                need(not agree(rej, rq) or (rej is None) != (rq is None),
                     "borderline (test, p = %.6g) but both p agree: %s"
                     % (q, info))
                need(not (rej is None and rq is False) and
                     not (rq is None and rej is False),
                     AT_ALPHA + "taken as below it (borderline against "
                     "a test with p = %.17g): %s" % (q, info))
            else:
                need(False, "borderline: unknown conflict %r: %s" % (w, info))
    return verdict, diff, p, ex


def check_rows(need, doc, alpha, alt, F):
    for row in get(doc, F["tests"]):
        m = get(row, F["row_method"], "tests[]")
        where = "tests[%s]" % m
        if get(row, F["row_status"], where) != "ok":
            continue
        lo = get(row, F["row_ci_low"], where)
        hi = get(row, F["row_ci_high"], where)
        if lo is None and hi is None:
            continue        # no interval printed for this test (explicit)
        p = num(row, F["row_p"], where)
        ex = compare_matched(need, row, alt, F, where, row=True)
        rej = rejects(p, alpha)
        need(agree(rej, None if ex is None else ex != 0),
             "test row p and interval disagree: %s: p = %.6g, alpha = %g, "
             "interval [%.4g, %.4g]%s" % (
                 where, p, alpha, lo, hi,
                 "" if alt == "two-sided" else " (one-sided bound used)"))


def check_compare_sentence(need, sentence, verdict, where):
    s = sentence or ""
    has_dir = (" is higher than " in s) or (" is lower than " in s)
    if verdict == "significant":
        need(has_dir and "borderline" not in s,
             "words: significant verdict without 'higher'/'lower': %s: %r"
             % (where, s))
    elif verdict == "not significant":
        need(not has_dir and (s.startswith("no significant difference") or
                              " is not significantly " in s),
             "words: not significant, line says otherwise: %s: %r"
             % (where, s))
    elif verdict == "borderline":
        need(s.startswith("borderline") and not has_dir,
             "words: borderline, line says otherwise: %s: %r" % (where, s))
    else:
        need(not has_dir and "significant" not in s.replace(
            "no significant", ""),
             "words: untested, line has a verdict: %s: %r" % (where, s))


def check_compare_table(need, text, doc, F, where):
    """The table's verdict line: the JSON sentence, with the JSON numbers."""
    sentence = get(doc, F["sentence"])
    line = text.rstrip("\n").splitlines()[-1] if text.strip() else ""
    need(line == sentence,
         "table: verdict line is not the JSON verdict: %s: %r vs %r"
         % (where, line, sentence))
    o = get(doc, F["overall"])
    if not get(o, F["tested"]):
        return
    lo, hi = num(o, F["ci_low"]), num(o, F["ci_high"])
    p = num(o, F["p"])
    need(fmt_ci(lo, hi) in line,
         "table: verdict line interval is not the JSON's %s: %s: %r"
         % (fmt_ci(lo, hi), where, line))
    need(fmt_p(p) in line,
         "table: verdict line p is not the JSON's %s: %s: %r"
         % (fmt_p(p), where, line))


def args_str(args):
    return "nps-stat " + " ".join(args)


def run_compare(r, rng, cells, tally):
    F = FIELDS["compare"]
    tests = ["permutation", "adjusted-wald", "wald", "bootstrap"]
    alts = ["two-sided", "greater", "less"]
    diffcis = ["mover-bayes", "mover-score", "wald", "adjusted-wald",
               "test", "percentile", "bca"]
    i = 0
    while i < cells:
        a, b = pair_counts(rng)
        fa = r.write("a.csv", trinomial_file([((), a)], []))
        fb = r.write("b.csv", trinomial_file([((), b)], []))
        level = rng.choice([0.95, 0.95, 0.9, 0.99])
        # every test and alternative on each pair of samples
        for test in tests:
            for alt in alts:
                dci = "mover-bayes" if rng.random() < 0.6 else \
                    rng.choice(diffcis)
                args = ["compare", "a.csv", "b.csv", "--input", "counts",
                        "--test", test, "--alternative", alt, "--level",
                        str(level), "--diff-ci", dci, "--boot", "2000"]
                desc = "%s   (a = %s, b = %s)" % (args_str(args), a, b)
                table = rng.random() < 0.1

                def fn(need, args=args, alt=alt, desc=desc, table=table):
                    doc = r.run(args)
                    alpha = 1 - num(doc, F["level"])
                    o = get(doc, F["overall"])
                    res = check_comparison(need, o, alpha, alt, F,
                                           "overall", False)
                    check_compare_sentence(need, get(doc, F["sentence"]),
                                           res[0] if res else None,
                                           "overall")
                    if res:
                        check_rows(need, doc, alpha, alt, F)
                    if table:
                        tally.tables += 1
                        check_compare_table(need, r.run(args, "table"), doc,
                                            F, "table")
                check_cell(tally, desc, fn)
                i += 1
        del fa, fb


def run_compare_by(r, rng, cells, tally):
    F = FIELDS["compare"]
    for _ in range(cells):
        k = rng.randint(2, 6)
        ga, gb = [], []
        for j in range(k):
            a, b = pair_counts(rng)
            ga.append((("s%d" % j,), a))
            gb.append((("s%d" % j,), b))
        r.write("a.csv", trinomial_file(ga, ["seg"]))
        r.write("b.csv", trinomial_file(gb, ["seg"]))
        test = rng.choice(["permutation", "permutation", "adjusted-wald",
                           "wald", "bootstrap"])
        adj = rng.choice(["holm", "bh", "bonferroni", "none"])
        alt = rng.choice(["two-sided", "two-sided", "greater", "less"])
        args = ["compare", "a.csv", "b.csv", "--input", "counts", "--by",
                "seg", "--test", test, "--adjust", adj, "--alternative", alt,
                "--boot", "2000"]
        desc = "%s   (a = %s; b = %s)" % (args_str(args),
                                          [c for _, c in ga],
                                          [c for _, c in gb])
        table = rng.random() < 0.15

        def fn(need, args=args, alt=alt, table=table):
            doc = r.run(args)
            alpha = 1 - num(doc, F["level"])
            n_sig = 0
            for s in get(doc, F["segments"]):
                name = json.dumps(get(s, "group"))
                c = get(s, F["segment_comparison"], "segment " + name)
                res = check_comparison(need, c, alpha, alt, F,
                                       "segment " + name, True)
                n_sig += bool(res and res[0] == "significant")
            o = get(doc, F["overall"])
            res = check_comparison(need, o, alpha, alt, F, "overall", False)
            check_compare_sentence(need, get(doc, F["sentence"]),
                                   res[0] if res else None, "overall")
            if table:
                tally.tables += 1
                text = r.run(args, "table")
                m = re.search(r"segments with a significant difference "
                              r"\([^)]*\): (\d+) of (\d+)", text)
                need(m is not None, "table: no segment count line")
                if m:
                    need(int(m.group(1)) == n_sig,
                         "table: %s significant segments, JSON has %d"
                         % (m.group(1), n_sig))
        check_cell(tally, desc, fn)


def run_paired(r, rng, cells, tally):
    F = FIELDS["compare"]
    for _ in range(cells):
        n = rng.choice(SIZES)
        mode = rng.random()
        ta, tb = rng.choice(TRUTHS), rng.choice(TRUTHS)
        ra, rb = ["id,score"], ["id,score"]
        for i in range(n):
            ca = draw_counts(rng, 1, ta).index(1)
            if mode < 0.15:
                cb = ca                       # nobody moves
            elif mode < 0.5:
                cb = draw_counts(rng, 1, ta).index(1)   # exchangeable
            else:
                cb = draw_counts(rng, 1, tb).index(1)
            ra.append("%d,%d" % (i, score_for(ca, rng)))
            rb.append("%d,%d" % (i, score_for(cb, rng)))
        r.write("a.csv", "\n".join(ra) + "\n")
        r.write("b.csv", "\n".join(rb) + "\n")
        test = rng.choice(["sign-flip", "sign-flip", "paired"])
        alt = rng.choice(["two-sided", "two-sided", "greater", "less"])
        level = rng.choice([0.95, 0.95, 0.9])
        args = ["compare", "a.csv", "b.csv", "--paired", "--id", "id",
                "--test", test, "--alternative", alt, "--level", str(level)]
        desc = "%s   (a = %s; b = %s)" % (
            args_str(args), " ".join(x.split(",")[1] for x in ra[1:]),
            " ".join(x.split(",")[1] for x in rb[1:]))
        table = rng.random() < 0.15

        def fn(need, args=args, alt=alt, table=table):
            doc = r.run(args)
            alpha = 1 - num(doc, F["level"])
            o = get(doc, F["overall"])
            res = check_comparison(need, o, alpha, alt, F, "overall", False)
            check_compare_sentence(need, get(doc, F["sentence"]),
                                   res[0] if res else None, "overall")
            if res:
                check_rows(need, doc, alpha, alt, F)
            if table:
                tally.tables += 1
                check_compare_table(need, r.run(args, "table"), doc, F,
                                    "table")
        check_cell(tally, desc, fn)


# ---------------------------------------------------------------------------
# segments
# ---------------------------------------------------------------------------

def check_seg_test(need, t, alpha, F, where):
    """A vs-rest or pairwise test object with a matched interval."""
    p = num(t, F["t_p_adjusted"], where)
    sig = get(t, F["t_significant"], where)
    d = get(t, F["t_direction"], where)
    diff = num(t, F["t_diff"], where)
    ex = excludes(num(t, F["t_ci_low"], where), num(t, F["t_ci_high"], where))
    info = "%s: p_adj = %.6g, alpha = %g, significant = %s, interval " \
        "[%.4g, %.4g], diff %+.4g" % (where, p, alpha, sig, get(
            t, F["t_ci_low"]), get(t, F["t_ci_high"]), diff)
    need(agree(rejects(p, alpha), sig),
         "significant flag disagrees with p: " + info)
    need(not (sig and rejects(p, alpha) is None),
         AT_ALPHA + "significant: " + info)
    need(agree(None if ex is None else ex != 0, sig),
         "significant flag disagrees with interval: " + info)
    if sig:
        need(d == sign(diff) and (ex is None or ex == d),
             "direction disagrees with difference or interval: " + info)
    return sig, d


def run_segments(r, rng, cells, tally):
    F = FIELDS["segments"]
    for _ in range(cells):
        k = rng.randint(2, 7)
        t = rng.choice(TRUTHS)
        groups = []
        for j in range(k):
            n = rng.choice(SIZES)
            groups.append((("g%d" % j,), draw_counts(
                rng, n, t if rng.random() < 0.6 else None)))
        r.write("s.csv", trinomial_file(groups, ["seg"]))
        adj = rng.choice(["holm", "bh", "bonferroni", "none"])
        minn = rng.choice(["2", "3", "5", "30"])
        args = ["segments", "s.csv", "--input", "counts", "--by", "seg",
                "--adjust", adj, "--min-n", minn, "--boot", "2000"]
        if rng.random() < 0.5:
            args.append("--pairwise")
        desc = "%s   (%s)" % (args_str(args), [c for _, c in groups])
        table = rng.random() < 0.15

        def fn(need, args=args, table=table):
            doc = r.run(args)
            alpha = 1 - num(doc, F["level"])
            any_sig = False
            sig_by_dir = {1: set(), -1: set(), 0: set()}
            for s in get(doc, F["segments"]):
                name = get(s, F["name"])
                label = "/".join(str(v) for v in name.values()) \
                    if isinstance(name, dict) else str(name)
                vr = get(s, F["vs_rest"], "segment " + label)
                if vr is None:
                    need(get(s, F["small_base"]) is True,
                         "segment %s: no vs-rest test but not a small base"
                         % label)
                    continue
                sig, d = check_seg_test(need, vr, alpha, F,
                                        "vs rest " + label)
                seen("vs rest %s" % ("significant" if sig else
                                     "not significant"))
                any_sig |= bool(sig)
                sig_by_dir[d if sig else 0].add(label)
            if "--pairwise" in args:
                for pr in get(doc, F["pairs"]):
                    w = "pair %s-%s" % (get(pr, F["pair_a"]),
                                        get(pr, F["pair_b"]))
                    check_seg_test(need, get(pr, F["pair_test"], w), alpha,
                                   F, w)
            om = get(doc, F["omnibus"])
            osig = get(om, F["omnibus_significant"], "omnibus")
            op = get(om, F["omnibus_p"], "omnibus")
            if op is None:
                # untested (fewer than two segments tested): no claim
                need(not osig, "omnibus: significant without a p")
                need(get(doc, F["answer"]) == "not-compared",
                     "omnibus untested but answer = %s"
                     % get(doc, F["answer"]))
            else:
                op = num(om, F["omnibus_p"], "omnibus")
                need(agree(rejects(op, alpha), osig),
                     "omnibus: significant = %s but p = %.6g (alpha %g)"
                     % (osig, op, alpha))
                # One answer: the omnibus test gates the segment claims,
                # so no segment stands out unless the omnibus rejects.
                ans = get(doc, F["answer"])
                want = ("no-evidence" if not osig else
                        "differ" if any_sig else "differ-overall")
                need(ans == want,
                     "one answer: omnibus significant = %s, some segment vs "
                     "rest significant = %s, but answer = %s (want %s)"
                     % (osig, any_sig, ans, want))
            if table:
                tally.tables += 1
                text = r.run(args, "table")
                for d, head in ((1, "above the rest: "),
                                (-1, "below the rest: ")):
                    line = last_line_with(text, head)
                    if line is None:
                        need(not sig_by_dir[d], "table: no '%s' line"
                             % head.strip())
                        continue
                    shown = set(x.strip() for x in line.split(head, 1)[1]
                                .split(",") if x.strip() not in ("", "-",
                                                                 "none"))
                    need(shown == sig_by_dir[d],
                         "table: %s%s, JSON: %s" % (head, sorted(shown),
                                                    sorted(sig_by_dir[d])))
                if op is not None:
                    line = last_line_with(text, "Do the segments differ?")
                    need(line is not None, "table: no omnibus line")
                    if line is not None:
                        osig = get(om, F["omnibus_significant"])
                        need(("Yes" in line) == bool(osig),
                             "table: omnibus words %r, JSON significant %s"
                             % (line, osig))
        check_cell(tally, desc, fn)


# ---------------------------------------------------------------------------
# pilot (difference in differences)
# ---------------------------------------------------------------------------

def run_pilot(r, rng, cells, tally):
    F = FIELDS["pilot"]
    for _ in range(cells):
        t = rng.choice(TRUTHS)
        groups = []
        for arm in ("control", "pilot"):
            for per in ("before", "after"):
                n = rng.choice(SIZES)
                truth = t if rng.random() < 0.6 else None
                groups.append(((arm, per), draw_counts(rng, n, truth)))
        r.write("p.csv", trinomial_file(groups, ["arm", "wave"]))
        minn = rng.choice(["2", "3", "3", "10", "30"])
        level = rng.choice([0.95, 0.95, 0.9])
        boot = rng.choice(["200", "2000", "2000", "10000"])
        args = ["pilot", "p.csv", "--input", "counts", "--arm", "arm",
                "--period", "wave", "--arms", "control,pilot", "--periods",
                "before,after", "--min-n", minn, "--level", str(level),
                "--boot", boot]
        desc = "%s   (cb, ca, pb, pa = %s)" % (args_str(args),
                                              [c for _, c in groups])
        table = rng.random() < 0.2
        gate = rng.random() < 0.1

        def fn(need, args=args, table=table, gate=gate):
            doc = r.run(args)
            alpha = 1 - num(doc, F["level"])
            for ch in get(doc, F["changes"]):
                w = "change %s" % get(ch, "arm")
                if not get(ch, F["change_tested"], w):
                    continue
                p = num(ch, F["change_p"], w)
                ex = excludes(num(ch, F["change_ci_low"], w),
                              num(ch, F["change_ci_high"], w))
                need(agree(rejects(p, alpha), None if ex is None
                           else ex != 0),
                     "%s: p = %.6g (alpha %g) and interval [%.4g, %.4g] "
                     "disagree" % (w, p, alpha, num(ch, F["change_ci_low"]),
                        num(ch, F["change_ci_high"])))
            did = get(doc, F["did"])
            v = get(doc, F["verdict"])
            tested = get(v, F["v_tested"], "verdict")
            need(tested == get(did, F["did_tested"], "did"),
                 "verdict tested %s, did tested %s" % (
                     tested, get(did, F["did_tested"])))
            sentence = None
            if table:
                tally.tables += 1
                text = r.run(args, "table")
                sentence = next((l for l in text.splitlines()
                                 if l.startswith(("pilot moved",
                                                  "no significant",
                                                  "borderline",
                                                  "no verdict"))), None)
                need(sentence is not None, "table: no verdict line")
            if not tested:
                seen("untested")
                need(not get(v, F["v_significant"]) and
                     not get(v, F["v_borderline"]),
                     "untested DiD with a verdict")
                if sentence is not None:
                    need(sentence.startswith("no verdict"),
                         "table: untested DiD, line %r" % sentence)
                return
            est = num(did, F["did_estimate"], "did")
            wp = num(did, F["wald_p"], "did")
            wlo, whi = num(did, F["wald_ci_low"]), num(did, F["wald_ci_high"])
            bp = num(did, F["boot_p"], "did")
            below = get(did, F["boot_p_below"], "did")
            blo, bhi = num(did, F["boot_ci_low"]), num(did, F["boot_ci_high"])
            rej_now = {
                "wald_p": rejects(wp, alpha),
                "wald_ci": None if excludes(wlo, whi) is None
                else excludes(wlo, whi) != 0,
                "bootstrap_p": True if below else rejects(bp, alpha),
                "bootstrap_ci": None if excludes(blo, bhi) is None
                else excludes(blo, bhi) != 0,
            }
            dirs = [x for x in (excludes(wlo, whi), excludes(blo, bhi))
                    if x]
            # each procedure's printed row: its p and its interval
            for a, b, what in (("wald_p", "wald_ci", "Wald z"),
                               ("bootstrap_p", "bootstrap_ci",
                                "bootstrap")):
                need(agree(rej_now[a], rej_now[b]),
                     "DiD %s row: p and interval disagree: DiD %+.4g, "
                     "Wald p = %.6g [%.4g, %.4g], bootstrap p = %.6g%s "
                     "[%.4g, %.4g], alpha %g" % (
                         what, est, wp, wlo, whi, bp,
                         " (< 1/B)" if below else "", blo, bhi, alpha))
            rj = get(v, F["v_rejects"], "verdict")
            info = ("DiD %+.4g, Wald p = %.6g [%.4g, %.4g], bootstrap p = "
                    "%.6g%s [%.4g, %.4g], alpha %g" % (
                        est, wp, wlo, whi, bp, " (< 1/B)" if below else "",
                        blo, bhi, alpha))
            for key in F["rejects_keys"]:
                flag = get(rj, key, "verdict.rejects")
                need(agree(rej_now[key], flag),
                     "rejects.%s = %s but the number says %s: %s"
                     % (key, flag, rej_now[key], info))
            sig = get(v, F["v_significant"])
            bord = get(v, F["v_borderline"])
            seen("significant" if sig else "borderline" if bord
                 else "not significant")
            flags = [rej_now[k] for k in F["rejects_keys"]]
            if sig:
                need(all(f is not False for f in flags),
                     "significant but a procedure does not reject: " + info)
                need(rej_now["wald_p"] is not None and
                     rej_now["bootstrap_p"] is not None,
                     AT_ALPHA + "significant: " + info)
                direc = get(v, F["v_direction"])
                need(direc == sign(est) and all(d == direc for d in dirs),
                     "significant: direction %s vs DiD and intervals: %s"
                     % (direc, info))
                need(not bord, "significant and borderline: " + info)
            elif bord:
                need(any(f is not False for f in flags) and
                     any(f is not True for f in flags),
                     "borderline but the procedures agree: " + info)
            else:
                need(all(f is not True for f in flags),
                     "not significant but a procedure rejects: " + info)
            if gate:
                direc = get(v, F["v_direction"])
                for cond, fires in (("significant", bool(sig)),
                                    ("drop", bool(sig) and direc < 0)):
                    code = r.status(args + ["--fail-if", cond])
                    need(code == (1 if fires else 0),
                         "--fail-if %s: exit %d, verdict significant %s, "
                         "direction %s: %s" % (cond, code, sig, direc, info))
            if sentence is not None and bord:
                names = {"wald_p": "the Wald p",
                         "wald_ci": "the Wald interval",
                         "bootstrap_p": "the bootstrap p",
                         "bootstrap_ci": "the bootstrap interval"}
                m = re.search(r": ([^:;]*) reject no difference; ([^;]*) "
                              r"do not;", sentence)
                need(m is not None, "table: borderline line without the "
                     "procedures: %r" % sentence)
                if m:
                    said = set(x.strip() for x in m.group(1).split(","))
                    want = set(names[k] for k in F["rejects_keys"]
                               if get(rj, k))
                    need(said == want,
                         "table: borderline names %s as rejecting, JSON %s"
                         % (sorted(said), sorted(want)))
            if sentence is not None:
                word = ("pilot moved" if sig else "borderline" if bord
                        else "no significant")
                need(sentence.startswith(word),
                     "table: verdict %s, line %r" % (word, sentence))
                if sig:
                    need(("more than" in sentence) == (est > 0),
                         "table: direction words %r, DiD %+.4g"
                         % (sentence, est))
                need(fmt_ci(wlo, whi) in sentence and fmt_p(wp) in sentence,
                     "table: line %r, JSON Wald %s %s"
                     % (sentence, fmt_ci(wlo, whi), fmt_p(wp)))
        check_cell(tally, desc, fn)


# ---------------------------------------------------------------------------
# trend
# ---------------------------------------------------------------------------

def run_trend(r, rng, cells, tally):
    F = FIELDS["trend"]
    for _ in range(cells):
        k = rng.randint(2, 8)
        t = rng.choice(TRUTHS)
        groups = []
        for j in range(k):
            if 0 < j < k - 1 and rng.random() < 0.1:
                continue                              # a gap
            n = rng.choice(SIZES)
            groups.append((("2025-%02d" % (j + 1),), draw_counts(
                rng, n, t if rng.random() < 0.6 else None)))
        r.write("t.csv", trinomial_file(groups, ["month"]))
        adj = rng.choice(["holm", "bh", "bonferroni", "none"])
        minn = rng.choice(["2", "3", "5", "30"])
        level = rng.choice([0.95, 0.95, 0.9])
        args = ["trend", "t.csv", "--input", "counts", "--date", "month",
                "--adjust", adj, "--min-n", minn, "--level", str(level)]
        desc = "%s   (%s)" % (args_str(args),
                              ["%s:%s" % (g[0], c) for g, c in groups])
        table = rng.random() < 0.2

        def fn(need, args=args, table=table):
            doc = r.run(args)
            alpha = 1 - num(doc, F["level"])
            last = None
            for per in get(doc, F["periods"]):
                lab = get(per, F["label"])
                ch = get(per, F["change"], "period " + lab)
                last = (lab, ch)
                if ch is None:
                    continue
                w = "change " + lab
                p = num(ch, F["c_p_adjusted"], w)
                sig = get(ch, F["c_significant"], w)
                seen("change %s" % ("significant" if sig
                                    else "not significant"))
                lo, hi = num(ch, F["c_ci_low"], w), num(ch, F["c_ci_high"], w)
                ex = excludes(lo, hi)
                info = "%s: p_adj = %.6g, alpha %g, significant %s, " \
                    "interval [%.4g, %.4g]" % (w, p, alpha, sig, lo, hi)
                need(agree(rejects(p, alpha), sig),
                     "change: significant flag disagrees with p: " + info)
                need(not (sig and rejects(p, alpha) is None),
                     AT_ALPHA + "significant: " + info)
                need(agree(None if ex is None else ex != 0, sig),
                     "change: significant flag disagrees with interval: "
                     + info)
            sl = get(doc, F["slope"])
            if get(sl, F["s_tested"], "slope"):
                p = num(sl, F["s_p"], "slope")
                sig = get(sl, F["s_significant"], "slope")
                lo, hi = num(sl, F["s_ci_low"]), num(sl, F["s_ci_high"])
                ex = excludes(lo, hi)
                b = num(sl, F["s_value"])
                info = "slope %+.4g: p = %.6g, alpha %g, significant %s, " \
                    "interval [%.4g, %.4g]" % (b, p, alpha, sig, lo, hi)
                need(agree(rejects(p, alpha), sig),
                     "slope: significant flag disagrees with p: " + info)
                need(agree(None if ex is None else ex != 0, sig),
                     "slope: significant flag disagrees with interval: "
                     + info)
            lt = get(doc, F["latest"])
            lch = last[1] if last else None
            if lt is not None and get(lt, F["l_drop"], "latest"):
                need(lch is not None and num(lch, F["c_diff"]) < 0,
                     "latest: a drop without a fall")
            # the table also wherever the latest change's own p and its
            # adjusted p fall on either side of alpha
            if lt is not None and lch is not None:
                own = get(lt, F["l_p"], "latest")
                adj = num(lch, F["c_p_adjusted"])
                if own is not None and (own < alpha) != (adj < alpha):
                    table = True
            if table:
                tally.tables += 1
                text = r.run(args, "table")
                line = last_line_with(text, "Latest: ")
                need(line is not None, "table: no Latest line")
                if lch is not None and line is not None:
                    row_sig = get(lch, F["c_significant"])
                    fall = num(lch, F["c_diff"]) < 0
                    says_drop = "significant drop" in line
                    need(says_drop == bool(row_sig and fall),
                         "latest words follow the adjusted p: line %r, but "
                         "the change row has p_adj = %.6g (significant %s)"
                         % (line, num(lch, F["c_p_adjusted"]), row_sig))
                if get(sl, F["s_tested"]):
                    line = last_line_with(text, "Trend: ")
                    sig = get(sl, F["s_significant"])
                    b = num(sl, F["s_value"])
                    want = ("no clear trend" if not sig else
                            "rising" if b > 0 else "falling")
                    need(line is not None and want in line,
                         "table: trend line %r, JSON says %s" % (line, want))
        check_cell(tally, desc, fn)


# ---------------------------------------------------------------------------
# benchmark
# ---------------------------------------------------------------------------

def run_benchmark(r, rng, cells, tally):
    F = FIELDS["benchmark"]
    for _ in range(cells):
        n = rng.choice(SIZES)
        ours = draw_counts(rng, n)
        r.write("us.csv", trinomial_file([((), ours)], []))
        k = rng.randint(1, 6)
        rows = ["name,nps,n,promoters,passives,detractors"]
        for j in range(k):
            kind = rng.choice(["full", "full", "conservative", "fixed"])
            c = draw_counts(rng, rng.choice(SIZES))
            m = sum(c)
            nps = round(100.0 * (c[0] - c[2]) / m)
            if kind == "full":
                rows.append("C%d,,,%d,%d,%d" % (j, c[0], c[1], c[2]))
            elif kind == "conservative":
                rows.append("C%d,%d,%d,,," % (j, nps, m))
            else:
                rows.append("C%d,%d,,,," % (j, nps))
        r.write("comp.csv", "\n".join(rows) + "\n")
        adj = rng.choice(["holm", "bh", "bonferroni", "none"])
        level = rng.choice([0.95, 0.95, 0.9])
        args = ["benchmark", "us.csv", "--input", "counts", "--competitors",
                "comp.csv", "--shares", "counts", "--adjust", adj,
                "--level", str(level), "--boot", "500"]
        desc = "%s   (us = %s; %s)" % (args_str(args), ours, rows[1:])
        table = rng.random() < 0.2

        def fn(need, args=args, table=table):
            doc = r.run(args)
            alpha = 1 - num(doc, F["level"])
            groups = {"ahead": set(), "behind": set(),
                      "indistinguishable": set(), "borderline": set()}
            for pt in get(doc, F["parties"]):
                name = get(pt, F["name"])
                if get(pt, F["ours"], name):
                    continue
                p = num(pt, F["p_adjusted"], name)
                diff = num(pt, F["diff"], name)
                ci = get(pt, F["ci_matched"], name)
                if not isinstance(ci, list) or len(ci) != 2:
                    raise Missing("field '%s' of %s is %r" % (
                        F["ci_matched"], name, ci))
                ex = excludes(ci[0], ci[1])
                v = get(pt, F["verdict"], name)
                sig = get(pt, F["significant"], name)
                rej = rejects(p, alpha)
                ex_rej = None if ex is None else ex != 0
                info = "%s: diff %+.4g, p_adj = %.6g, alpha %g, matched " \
                    "interval [%.4g, %.4g], verdict %s" % (
                        name, diff, p, alpha, ci[0], ci[1], v)
                need(v in BENCHMARK_VERDICTS, "unknown verdict: " + info)
                groups.setdefault(v, set()).add(name)
                seen(v)
                if v in ("ahead", "behind"):
                    d = 1 if v == "ahead" else -1
                    need(rej is not False, v + " but p >= alpha: " + info)
                    need(rej is not None, AT_ALPHA + v + ": " + info)
                    need(ex_rej is not False,
                         v + " but the interval holds 0: " + info)
                    need(sign(diff) == d and ex in (None, d),
                         v + " against the sign of the difference: " + info)
                    need(sig is True, v + " but significant = %s: %s"
                         % (sig, info))
                elif v == "indistinguishable":
                    need(rej is not True,
                         "indistinguishable but p < alpha: " + info)
                    need(ex_rej is not True,
                         "indistinguishable but the interval excludes 0: "
                         + info)
                    need(not sig, "indistinguishable but significant: "
                         + info)
                elif v == "borderline":
                    need(not agree(rej, ex_rej),
                         "borderline but p and interval agree: " + info)
            s = get(doc, F["sentence"])
            for v, names in groups.items():
                head = {"ahead": "ahead of ", "behind": "behind ",
                        "indistinguishable": "indistinguishable from ",
                        "borderline": "borderline "}[v]
                for nm in names:
                    m = re.search(re.escape(head) + r"([^;]*?)(?:, (?:ahead"
                                  r"|behind|indistinguishable|borderline)"
                                  r"|$|;)", s)
                    need(m is not None and re.search(
                        r"\b%s\b" % re.escape(nm), m.group(1)) is not None,
                         "sentence %r does not put %s under '%s'"
                         % (s, nm, v))
            if table:
                tally.tables += 1
                text = r.run(args, "table")
                line = last_line_with(text, s)
                need(line is not None,
                     "table: the verdict sentence %r is not printed" % s)
                words = {"ahead": "we are ahead", "behind": "we are behind",
                         "indistinguishable": "no difference",
                         "borderline": "borderline"}
                for v, names in groups.items():
                    for nm in names:
                        row = next((l for l in text.splitlines()
                                    if l[3:].split(" ")[0] == nm), None)
                        need(row is not None and row.rstrip().endswith(
                            words[v]), "table: row of %s %r, JSON %s"
                             % (nm, row, v))
        check_cell(tally, desc, fn)


# ---------------------------------------------------------------------------

# Cells per command: each 7-20 s on the development machine when it is
# not loaded (a cell is one run of nps-stat, two or more with the table
# and gate checks).
COMMANDS = {
    "compare": (run_compare, 480),
    "compare-by": (run_compare_by, 220),
    "paired": (run_paired, 600),
    "segments": (run_segments, 400),
    "pilot": (run_pilot, 600),
    "trend": (run_trend, 500),
    "benchmark": (run_benchmark, 320),
}


def report(t, show):
    print("coherence/%s: %d cells, %d checks, %d table outputs checked, "
          "%d cells with disagreements" % (t.name, t.cells, t.checks,
                                           t.tables, len(t.bad)))
    print("  verdicts seen: " + ", ".join(
        "%s %d" % kv for kv in sorted(SEEN.items())))
    SEEN.clear()
    for k, v in sorted(t.kinds.items(), key=lambda kv: -kv[1]):
        print("  %5d x %s" % (v, k))
    for desc, probs in t.bad[:show]:
        print("- " + desc)
        for p in probs[:4]:
            print("    " + p)
        if len(probs) > 4:
            print("    ... and %d more" % (len(probs) - 4))


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    exe = os.path.abspath(argv[1])
    which = argv[2]
    opts = {"--cells": None, "--seed": "20250607", "--show": "5"}
    rest = argv[3:]
    while rest:
        if rest[0] not in opts or len(rest) < 2:
            sys.stderr.write("grid.py: unknown option %s\n" % rest[0])
            return 2
        opts[rest[0]] = rest[1]
        rest = rest[2:]
    names = list(COMMANDS) if which == "all" else [which]
    for nm in names:
        if nm not in COMMANDS:
            sys.stderr.write("grid.py: unknown command %s\n" % nm)
            return 2
    failed = False
    for nm in names:
        fn, cells = COMMANDS[nm]
        if opts["--cells"]:
            cells = int(opts["--cells"])
        rng = random.Random("%s:%s" % (opts["--seed"], nm))
        with tempfile.TemporaryDirectory(prefix="nps-coherence-") as d:
            r = Runner(exe, d)
            t = Tally(nm)
            fn(r, rng, cells, t)
        report(t, int(opts["--show"]))
        failed |= bool(t.bad)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
