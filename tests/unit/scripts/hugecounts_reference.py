"""Reference values for huge counts (standard library only): the normal
limits used from 2^53 answers (Bayesian interval) and by the permutation
test's draws, for tests/unit/test_interval.c, tests/unit/test_test2.c and
the CLI cases compare_counts_1e12, compare_counts_9e18,
summary_bayes_1e16 and summary_bayes_1e18.

Run:
    /usr/bin/python3 tests/unit/scripts/hugecounts_reference.py

Jeffreys posterior Dirichlet(P + 1/2, A + 1/2, D + 1/2) = (a1, a2, a3),
a0 = n + 3/2, theta = pP - pD: mean (a1 - a3) / a0, variance
(a1 (a2 + a3) + a3 (a1 + a2) + 2 a1 a3) / (a0^2 (a0 + 1)); the normal
limit is mean -+ z sd, z = Phi^-1(0.975). The plug-in limit NPS -+ z
sqrt(V / n), V = pP + pD - NPS^2, is printed beside it (they differ by
O(1/n)). Two samples: Wald z = Delta / sqrt(V1/n1 + V0/n0), p = erfc(|z| /
sqrt 2); the permutation distribution of Delta has variance S^2 (1/n1 +
1/n0), S^2 = N/(N - 1) V_pooled, and its normal-limit p is that of Delta
/ sqrt(S^2 (1/n1 + 1/n0)). The MOVER interval from two symmetric
intervals is Delta -+ sqrt(h1^2 + h0^2), h the half-widths.
Exact rationals (Fraction) up to the final square root.
"""
from fractions import Fraction as F
from math import erfc, sqrt
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)


def bayes(p, a, d):
    a1, a2, a3 = F(2 * p + 1, 2), F(2 * a + 1, 2), F(2 * d + 1, 2)
    a0 = a1 + a2 + a3
    mean = (a1 - a3) / a0
    var = (a1 * (a2 + a3) + a3 * (a1 + a2) + 2 * a1 * a3) / (a0 * a0 * (a0 + 1))
    sd = sqrt(var)
    return float(mean), sd


def plugin(p, a, d):
    n = p + a + d
    t = F(p - d, n)
    v = F(p + d, n) - t * t
    return t, v, n


def show_bayes(name, c):
    m, sd = bayes(*c)
    t, v, n = plugin(*c)
    h = Z * sqrt(v / n)
    print(f"{name} {c}: posterior mean {m!r} sd {sd!r}")
    print(f"  normal limit [{m - Z * sd!r}, {m + Z * sd!r}]"
          f"  points [{100 * (m - Z * sd)!r}, {100 * (m + Z * sd)!r}]")
    print(f"  NPS -+ z sqrt(V/n) [{float(t) - h!r}, {float(t) + h!r}]")
    return m, sd


def show_compare(name, c1, c0):
    t1, v1, n1 = plugin(*c1)
    t0, v0, n0 = plugin(*c0)
    d = t1 - t0
    se = sqrt(v1 / n1 + v0 / n0)
    z = float(d) / se
    pool = tuple(x + y for x, y in zip(c1, c0))
    tp, vp, N = plugin(*pool)
    s2 = vp * F(N, N - 1)
    zp = float(d) / sqrt(s2 * (F(1, n1) + F(1, n0)))
    print(f"{name}: Delta {float(d)!r} ({100 * float(d)!r} points)")
    print(f"  Wald se {se!r} z {z!r} p {erfc(abs(z) / sqrt(2))!r}")
    print(f"  permutation normal limit z {zp!r} p {erfc(abs(zp) / sqrt(2))!r}")
    m1, sd1 = bayes(*c1)
    m0, sd0 = bayes(*c0)
    hw = sqrt((Z * sd1) ** 2 + (Z * sd0) ** 2)
    print(f"  MOVER (normal-limit Jeffreys) points "
          f"[{100 * (float(d) - hw)!r}, {100 * (float(d) + hw)!r}]")
    show_bayes("  sample 1", c1)
    show_bayes("  sample 0", c0)


show_bayes("bayes_1e16", (5 * 10**15, 25 * 10**14, 25 * 10**14))
show_bayes("bayes_1e18", (6 * 10**17, 3 * 10**17, 1 * 10**17))
show_compare("compare_1e12",
             (500001500000, 249999000000, 249999500000),
             (500000000000, 250000000000, 250000000000))
show_compare("compare_9e18",
             (4500000003000000000, 2249999998000000000, 2249999999000000000),
             (4500000000000000000, 2250000000000000000, 2250000000000000000))
