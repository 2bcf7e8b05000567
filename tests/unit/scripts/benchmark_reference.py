#!/usr/bin/env python3
"""Reference values for tests/unit/test_benchmark.c, from the formulas of
docs/methods.md ("Benchmark against competitors") in pure Python (math
only), independently of the C code.

Run: python3 tests/unit/scripts/benchmark_reference.py
"""
import math

Z95 = 1.959963984540054  # standard normal 0.975 quantile


def q(z):  # upper normal tail
    return 0.5 * math.erfc(z / math.sqrt(2))


def est(p, a, d):
    n = p + a + d
    t = (p - d) / n
    return n, t, p / n + d / n - t * t


# Worst-case variance: brute force over pD on a fine grid for theta = 0.3.
theta = 0.3
best = max(
    (theta + pd) + pd - theta ** 2
    for pd in (i / 100000 * (1 - theta) / 2 for i in range(100001))
    if theta + 2 * pd <= 1 + 1e-12)
print("worst var theta 0.3: grid max %.12f, 1 - theta^2 %.12f" %
      (best, 1 - theta ** 2))

# Ours 50/30/20 (n 100) against NPS 10 with n 400 (conservative).
n, t, v = est(50, 30, 20)
vc = 1 - 0.1 ** 2
se = math.sqrt(v / n + vc / 400)
diff = t - 0.1
p = 2 * q(abs(diff) / se)
print("conservative: se %.15g p %.15g ci [%.15g, %.15g] comp se %.15g" %
      (se, p, diff - Z95 * se, diff + Z95 * se, math.sqrt(vc / 400)))

# Ours 50/30/20 against a fixed NPS 10: adjusted Wald of ours.
P, A, D = 50.75, 31.5, 20.75
m = P + A + D
c = (P - D) / m
va = P / m + D / m - c * c
sa = math.sqrt(va / m)
pf = 2 * q(abs(c - 0.1) / sa)
print("fixed: centre %.15g se %.15g p %.15g ci [%.15g, %.15g]" %
      (c, sa, pf, c - Z95 * sa - 0.1, c + Z95 * sa - 0.1))

# Holm across three conservative competitors: NPS 10 / n 400, NPS 25 / n
# 300, NPS 40 / n 200.
ps = []
for nps, nc in ((0.10, 400), (0.25, 300), (0.40, 200)):
    s = math.sqrt(v / n + (1 - nps ** 2) / nc)
    ps.append(2 * q(abs(t - nps) / s))
order = sorted(range(3), key=lambda i: ps[i])
adj = [0.0] * 3
run = 0.0
for rank, i in enumerate(order):
    run = max(run, min(1.0, (3 - rank) * ps[i]))
    adj[i] = run
print("holm raw", ["%.15g" % x for x in ps])
print("holm adj", ["%.15g" % x for x in adj])


# Exact permutation mid-p, studentized (Wald z), ours (6,2,2) vs (2,3,5).
def wald_z(g1, g2):
    n1, t1, v1 = est(*g1)
    n2, t2, v2 = est(*g2)
    se = math.sqrt(v1 / n1 + v2 / n2)
    d = t1 - t2
    if se == 0:
        return 0.0 if d == 0 else math.copysign(math.inf, d)
    return d / se


def perm_midp(g1, g2):
    pool = [g1[i] + g2[i] for i in range(3)]
    n1 = sum(g1)
    N = sum(pool)
    zo = abs(wald_z(g1, g2))
    tot = math.comb(N, n1)
    more = ties = 0.0
    for p1 in range(0, min(pool[0], n1) + 1):
        for a1 in range(0, min(pool[1], n1 - p1) + 1):
            d1 = n1 - p1 - a1
            if d1 > pool[2]:
                continue
            w = (math.comb(pool[0], p1) * math.comb(pool[1], a1) *
                 math.comb(pool[2], d1)) / tot
            h1 = (p1, a1, d1)
            h2 = (pool[0] - p1, pool[1] - a1, pool[2] - d1)
            if sum(h2) == 0:
                continue
            z = abs(wald_z(h1, h2))
            if math.isinf(z) and math.isinf(zo) or abs(z - zo) <= 1e-9 * max(
                    zo, 1e-300):
                ties += w
            elif z > zo:
                more += w
    return more + ties / 2


print("full permutation mid-p (6,2,2) vs (2,3,5): %.15g" %
      perm_midp((6, 2, 2), (2, 3, 5)))
