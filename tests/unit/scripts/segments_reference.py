"""Reference values for tests/unit/test_segments.c.

Run with Debian's python3 (scipy from python3-scipy):
    /usr/bin/python3 tests/unit/scripts/segments_reference.py
Segments A, B, C with counts (promoters, passives, detractors). Each
segment against the rest and every pair get the two-sided Wald z test of
the NPS difference, SE = sqrt(V1/n1 + V2/n2), V = pP + pD - NPS^2; p-values
are Holm-adjusted within each family (as R's p.adjust); the interval of a
difference is Wald's at level 1 - 0.05 p / p_holm.
"""
from math import sqrt
from scipy.stats import norm

seg = {"A": (50, 30, 20), "B": (40, 30, 30), "C": (30, 20, 50)}


def est(c):
    p, a, d = c
    n = p + a + d
    t = (p - d) / n
    return t, (p / n + d / n - t * t) / n


def wald(c1, c2):
    t1, v1 = est(c1)
    t2, v2 = est(c2)
    d, se = t1 - t2, sqrt(v1 + v2)
    return d, se, 2 * norm.sf(abs(d / se))


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    m, run, out = len(ps), 0.0, [0.0] * len(ps)
    for j, i in enumerate(order):
        run = max(run, min(1.0, (m - j) * ps[i]))
        out[i] = run
    return out


def report(name, tests):
    adj = holm([t[2] for t in tests])
    for (label, (d, se, p)), q in zip(zip(name, tests), adj):
        lvl = 1 - 0.05 * p / q if q > p else 0.95
        z = norm.isf((1 - lvl) / 2)
        print(f"{label}: diff {d!r} se {se!r} p {p!r} holm {q!r} "
              f"level {lvl!r} ci [{d - z * se!r}, {d + z * se!r}]")


total = tuple(sum(c[i] for c in seg.values()) for i in range(3))
rest = {k: tuple(total[i] - c[i] for i in range(3)) for k, c in seg.items()}
report(list(seg), [wald(seg[k], rest[k]) for k in seg])
pairs = [("A", "B"), ("A", "C"), ("B", "C")]
report([f"{a}-{b}" for a, b in pairs], [wald(seg[a], seg[b]) for a, b in pairs])


# ---- the studentized permutation test (what nps-stat segments runs) ----
# Exact: group 1's counts given the pooled counts and n1 follow the
# multivariate hypergeometric; each table is scored by its Wald z, and the
# mid-p counts tables with |z| equal to the observed (within a relative
# 1e-9) one half. The interval is test-based (Miettinen 1976): diff +- z_L
# |diff| / z_p at level L = 1 - 0.05 p / p_holm.
from math import comb, inf


def zstat(c1, c2):
    t1, v1 = est(c1)
    t2, v2 = est(c2)
    d, se = t1 - t2, sqrt(v1 + v2)
    if se == 0:
        return 0.0 if d == 0 else (inf if d > 0 else -inf)
    return d / se


def perm_midp(c1, c2):
    P, A, D = (c1[i] + c2[i] for i in range(3))
    n1, n = sum(c1), P + A + D
    zo = abs(zstat(c1, c2))
    more = tie = total = 0.0
    for x in range(0, min(P, n1) + 1):
        for y in range(0, min(A, n1 - x) + 1):
            w = n1 - x - y
            if w > D:
                continue
            pr = comb(P, x) * comb(A, y) * comb(D, w) / comb(n, n1)
            z = abs(zstat((x, y, w), (P - x, A - y, D - w)))
            total += pr
            if z == zo or abs(z - zo) <= 1e-9 * zo:
                tie += pr
            elif z > zo:
                more += pr
    return (more + tie / 2) / total


def report_perm(names, pairs_of_counts):
    res = []
    for c1, c2 in pairs_of_counts:
        t1, _ = est(c1)
        t2, _ = est(c2)
        res.append((t1 - t2, perm_midp(c1, c2)))
    adj = holm([p for _, p in res])
    for name, (d, p), q in zip(names, res, adj):
        lvl = 1 - 0.05 * p / q if q > p else 0.95
        se = abs(d) / norm.isf(p / 2)
        z = norm.isf((1 - lvl) / 2)
        print(f"perm {name}: diff {d!r} p {p!r} holm {q!r} level {lvl!r} "
              f"ci [{d - z * se!r}, {d + z * se!r}]")


report_perm(list(seg), [(seg[k], rest[k]) for k in seg])
report_perm([f"{a}-{b}" for a, b in pairs], [(seg[a], seg[b]) for a, b in pairs])
two = {"A": seg["A"], "B": seg["B"]}
report_perm(["A (two segments)"], [(seg["A"], seg["B"])])


# ---- the omnibus gate (segments.h, nps_segments_answer) ----
# Two data sets where the omnibus test and the each-vs-rest family
# disagree. For each: the Wald W of the NPS (w_i = n_i / V_i) with its
# chi-square p, and every segment against the rest by the exact
# permutation mid-p, Holm-adjusted (p_family).
from scipy.stats import chi2


def omnibus_w(segs):
    th = [est(c)[0] for c in segs]
    w = [1 / est(c)[1] for c in segs]  # n_i / V_i
    tw = sum(wi * ti for wi, ti in zip(w, th)) / sum(w)
    W = sum(wi * (ti - tw) ** 2 for wi, ti in zip(w, th))
    return W, chi2.sf(W, len(segs) - 1)


gates = {
    # one segment out of eight stands out; the omnibus test over 7 df
    # does not reject
    "held back": {f"s{i}": (40, 30, 30) for i in range(1, 8)}
    | {"s8": (54, 30, 16)},
    # two high, two low: the omnibus test rejects, no single segment
    # stands out from the rest
    "overall": {"A": (47, 30, 23), "B": (47, 30, 23), "C": (33, 30, 37),
                "D": (33, 30, 37)},
}
for name, g in gates.items():
    W, p = omnibus_w(list(g.values()))
    print(f"gate {name}: W {W!r} chi-square p {p!r}")
    tot = tuple(sum(c[i] for c in g.values()) for i in range(3))
    names = list(g)
    report_perm([f"{name} {k}" for k in names],
                [(g[k], tuple(tot[i] - g[k][i] for i in range(3)))
                 for k in names])
