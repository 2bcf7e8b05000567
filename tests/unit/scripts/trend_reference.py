#!/usr/bin/env python3
"""Reference values for tests/unit/test_trend.c (Python standard library).

Run: /usr/bin/python3 tests/unit/scripts/trend_reference.py

Periods are months 2025-01..2025-06 with category counts (P, A, D); March
is empty (a gap). Per period NPS = (P - D)/n, V = pP + pD - NPS^2. Change
of period k from k-1 (both non-empty): Wald z, SE = sqrt(V1/n1 + V2/n2),
p = erfc(|z|/sqrt 2), Holm across the tested changes. Slope: weighted least
squares of NPS on x = k/12 years, w = n/V, SE = 1/sqrt(sum w (x-xbar)^2).
Control limits: pooled NPS of all (or the first `baseline`) periods
+- 3 sqrt(V_pool / n_t).
"""
import math
from statistics import NormalDist

periods = [(40, 30, 30), (50, 30, 20), (0, 0, 0), (30, 40, 30),
           (60, 25, 15), (70, 20, 10)]


def est(c):
    p, a, d = c
    n = p + a + d
    t = (p - d) / n
    return n, t, p / n + d / n - t * t


def holm(ps):
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    adj, run = [0.0] * m, 0.0
    for j, i in enumerate(order):
        run = max(run, min(1.0, (m - j) * ps[i]))
        adj[i] = run
    return adj


changes = []
for k in range(1, len(periods)):
    if sum(periods[k]) and sum(periods[k - 1]):
        n1, t1, v1 = est(periods[k])
        n0, t0, v0 = est(periods[k - 1])
        se = math.sqrt(v1 / n1 + v0 / n0)
        z = (t1 - t0) / se
        changes.append((k, t1 - t0, se, math.erfc(abs(z) / math.sqrt(2))))
adj = holm([c[3] for c in changes])
for (k, d, se, p), q in zip(changes, adj):
    lvl = 1 - 0.05 * p / q if q > p else 0.95
    z = NormalDist().inv_cdf(0.5 + lvl / 2)
    print(f"change {k}: diff {d:.17g} se {se:.17g} p {p:.17g} "
          f"p_adj {q:.17g} ci [{d - z * se:.17g}, {d + z * se:.17g}]")

sw = swx = swy = 0.0
rows = []
for k, c in enumerate(periods):
    if sum(c):
        n, t, v = est(c)
        rows.append((k / 12.0, t, n / v))
xbar = sum(w * x for x, _, w in rows) / sum(w for *_, w in rows)
ybar = sum(w * y for _, y, w in rows) / sum(w for *_, w in rows)
sxx = sum(w * (x - xbar) ** 2 for x, _, w in rows)
sxy = sum(w * (x - xbar) * (y - ybar) for x, y, w in rows)
b, se = sxy / sxx, 1 / math.sqrt(sxx)
print(f"slope {b:.17g} se {se:.17g} p {math.erfc(abs(b / se) / math.sqrt(2)):.17g}")

for baseline in (0, 2):
    pool = [sum(c[i] for c in (periods[:baseline] if baseline else periods))
            for i in range(3)]
    n, t, v = est(pool)
    print(f"baseline {baseline}: center {t:.17g} var {v:.17g}")
    for k, c in enumerate(periods):
        if sum(c):
            h = 3 * math.sqrt(v / sum(c))
            _, tk, _ = est(c)
            flag = 1 if tk > t + h else -1 if tk < t - h else 0
            print(f"  {k}: [{t - h:.17g}, {t + h:.17g}] flag {flag}")
