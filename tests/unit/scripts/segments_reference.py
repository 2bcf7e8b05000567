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
