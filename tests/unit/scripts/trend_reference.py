#!/usr/bin/env python3
"""Reference values for tests/unit/test_trend.c (Python standard library).

Run: /usr/bin/python3 tests/unit/scripts/trend_reference.py

Periods are months 2025-01..2025-06 with category counts (P, A, D); March
is empty (a gap). Per period NPS = (P - D)/n, V = pP + pD - NPS^2. Change
of period k from k-1 (both non-empty): Wald z, SE = sqrt(V1/n1 + V2/n2),
p = erfc(|z|/sqrt 2), Holm across the tested changes. Slope: weighted least
squares of NPS on x = k (periods from the first), w = n/V,
SE = 1/sqrt(sum w (x-xbar)^2), checked against numpy's least squares on
rows scaled by sqrt(w); the change over the span is the slope times
(last - first fitted k); per year (12 periods a year) only for the twelve
months of the second series.
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


def slope(series, name):
    rows = []
    for k, c in enumerate(series):
        if sum(c):
            n, t, v = est(c)
            rows.append((float(k), t, n / v))
    xbar = sum(w * x for x, _, w in rows) / sum(w for *_, w in rows)
    ybar = sum(w * y for _, y, w in rows) / sum(w for *_, w in rows)
    sxx = sum(w * (x - xbar) ** 2 for x, _, w in rows)
    sxy = sum(w * (x - xbar) * (y - ybar) for x, y, w in rows)
    b, se = sxy / sxx, 1 / math.sqrt(sxx)
    try:  # the same fit by a library, where numpy is installed
        import numpy as np
        sw = np.sqrt([w for *_, w in rows])
        a = np.column_stack([sw, sw * np.array([x for x, *_ in rows])])
        coef = np.linalg.lstsq(a, sw * np.array([y for _, y, _ in rows]),
                               rcond=None)[0]
        assert abs(coef[1] - b) < 1e-12, (coef, b)
    except ImportError:
        pass
    span = rows[-1][0] - rows[0][0]
    z = NormalDist().inv_cdf(0.975)
    print(f"slope {name}: per period {b:.17g} se {se:.17g} "
          f"p {math.erfc(abs(b / se) / math.sqrt(2)):.17g} span {span:g} "
          f"change {b * span:.17g} ci [{(b - z * se) * span:.17g}, "
          f"{(b + z * se) * span:.17g}]"
          + (f" per year {12 * b:.17g}" if span + 1 >= 12 else ""))


slope(periods, "reference months")
year = [(40 + k, 30, 30 - k) for k in range(12)]
slope(year, "twelve months (40+k, 30, 30-k)")

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


# Partial periods (trend.h): G = the 90th percentile (inverse empirical
# distribution) of the gaps between consecutive distinct answer days; a
# month is partial when the days before its first answer or after its last
# number 2G or more; covered = the month less those days.
import datetime


def days(a, b, weekdays_only=False):
    d, out = datetime.date.fromisoformat(a), []
    while d <= datetime.date.fromisoformat(b):
        if not weekdays_only or d.weekday() < 5:
            out.append(d)
        d += datetime.timedelta(days=1)
    return out


def partial(ds, name):
    ds = sorted(set(ds))
    gaps = sorted((b - a).days for a, b in zip(ds, ds[1:]))
    g = gaps[math.ceil(0.9 * len(gaps)) - 1]
    print(f"partial {name}: G {g}")
    for m in sorted({(d.year, d.month) for d in ds}):
        first = datetime.date(m[0], m[1], 1)
        nxt = datetime.date(m[0] + m[1] // 12, m[1] % 12 + 1, 1)
        last = nxt - datetime.timedelta(days=1)
        inm = [d for d in ds if first <= d <= last]
        head, tail = (inm[0] - first).days, (last - inm[-1]).days
        frm = inm[0] if head >= 2 * g else first
        to = inm[-1] if tail >= 2 * g else last
        print(f"  {m[0]}-{m[1]:02d}: days {(last - first).days + 1} "
              f"covered {(to - frm).days + 1} partial {int(frm != first or to != last)}")


partial(days("2025-01-10", "2025-03-20"), "daily 2025-01-10..2025-03-20")
partial(days("2025-02-03", "2025-03-28", True), "weekdays 2025-02-03..03-28")
partial(days("2025-02-03", "2025-03-21", True), "weekdays 2025-02-03..03-21")
