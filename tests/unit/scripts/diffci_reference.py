"""Reference values for tests/unit/test_diffci.c.

Run with Debian's python3 (numpy and scipy from python3-scipy):
    /usr/bin/python3 tests/unit/scripts/diffci_reference.py
Written from the formulas in docs/methods.md, not from the C code:
 * the Jeffreys interval of one NPS: equal-tailed quantiles of
   theta = pP - pD under Dirichlet(P + 1/2, A + 1/2, D + 1/2), its CDF by
   scipy.integrate.quad over S = pP + pD ~ Beta(a1 + a3, a2) of the
   regularized incomplete beta of U = pP / S ~ Beta(a1, a3), checked
   against 4e6 numpy Dirichlet draws;
 * the Tango score interval: {theta : |theta_hat - theta| <= z sqrt(V(theta)/n)}
   with the restricted MLE of pD, limits by scipy.optimize.brentq;
 * MOVER: L = d - sqrt((t1-l1)^2 + (u2-t2)^2), U = d + sqrt((u1-t1)^2 +
   (t2-l2)^2), each one-sample interval widened to contain t;
 * bootstrap-t: the exact bootstrap distribution of t* = (d* - d)/se*
   by enumerating every pair of multinomial replicates (se* = 0: +-inf by
   the sign of d* - d, 0 when d* = d), its alpha/2 and 1 - alpha/2
   quantiles, and how far the cumulative probability is from the edges of
   the atom holding each quantile (where that margin is wide, B = 200000
   Monte Carlo replicates, standard error about 0.00035 in probability,
   land on the same atom); and the limits from the exact quantiles at
   alpha/2 +- 0.002 and 1 - alpha/2 +- 0.002, a range that B = 200000
   replicates stay within (0.002 is about 6 standard errors).
"""
from math import sqrt, lgamma, log, exp, inf, copysign
import numpy as np
from scipy import integrate, optimize, special, stats

Z = stats.norm.ppf(0.975)


def bayes(P, A, D, level=0.95, a=0.5):
    a1, a2, a3 = P + a, A + a, D + a

    def cdf(t):
        fS = stats.beta(a1 + a3, a2)
        lo = abs(t)
        g = lambda s: fS.pdf(s) * special.betainc(a1, a3, min(1.0, max(0.0, (s + t) / (2 * s))))
        m, sd = fS.mean(), fS.std()
        pts = [x for x in (m - 6 * sd, m, m + 6 * sd) if lo < x < 1]
        v, _ = integrate.quad(g, lo, 1, points=pts or None, limit=500, epsabs=1e-14, epsrel=1e-12)
        return (fS.cdf(t) if t > 0 else 0.0) + v

    q = (1 - level) / 2
    f = lambda t, qq: cdf(t) - qq
    return (optimize.brentq(f, -1 + 1e-12, 1 - 1e-12, args=(q,), xtol=1e-14),
            optimize.brentq(f, -1 + 1e-12, 1 - 1e-12, args=(1 - q,), xtol=1e-14))


def bayes_mc(P, A, D, level=0.95, draws=4_000_000):
    r = np.random.default_rng(1).dirichlet([P + .5, A + .5, D + .5], draws)
    th = r[:, 0] - r[:, 2]
    q = (1 - level) / 2
    return np.quantile(th, q), np.quantile(th, 1 - q)


def score(P, A, D, level=0.95):
    n = P + A + D
    pp, pd = P / n, D / n
    th = pp - pd
    z = stats.norm.ppf(1 - (1 - level) / 2)

    def v(t):
        B = (2 - pp + pd) * t - (pp + pd)
        C = -pd * t * (1 - t)
        x = (-B + sqrt(B * B - 8 * C)) / 4
        x = min(max(x, max(0.0, -t)), (1 - t) / 2)
        return 2 * x + t * (1 - t)

    g = lambda t, s: (th - t) - s * z * sqrt(max(v(t), 0) / n)
    # brackets stop 1e-12 short of theta_hat, where g has the limit's sign
    # even when V(theta_hat) = 0 (one-category samples)
    lo = optimize.brentq(g, -1.0, th - 1e-12, args=(1,), xtol=1e-15) if th > -1 else -1.0
    hi = optimize.brentq(g, th + 1e-12, 1.0, args=(-1,), xtol=1e-15) if th < 1 else 1.0
    return lo, hi


def mover(g1, g2, one):
    t1 = (g1[0] - g1[2]) / sum(g1)
    t2 = (g2[0] - g2[2]) / sum(g2)
    l1, u1 = one(*g1)
    l2, u2 = one(*g2)
    l1, u1 = min(l1, t1), max(u1, t1)
    l2, u2 = min(l2, t2), max(u2, t2)
    d = t1 - t2
    return d - sqrt((t1 - l1) ** 2 + (u2 - t2) ** 2), d + sqrt((u1 - t1) ** 2 + (t2 - l2) ** 2)


def outcomes(c):
    n = sum(c)
    pr = [x / n for x in c]
    out = []
    for p in range(n + 1):
        for a in range(n - p + 1):
            d = n - p - a
            lw = lgamma(n + 1) - lgamma(p + 1) - lgamma(a + 1) - lgamma(d + 1)
            ok = True
            for k, q in zip((p, a, d), pr):
                if k > 0 and q == 0:
                    ok = False
                elif k > 0:
                    lw += k * log(q)
            if ok:
                out.append(((p, a, d), exp(lw)))
    return out


def wvar(c):
    n = sum(c)
    p, d = c[0] / n, c[2] / n
    return (p + d - (p - d) ** 2) / n


def boot_t(g1, g2, level=0.95):
    n1, n2 = sum(g1), sum(g2)
    d = (g1[0] - g1[2]) / n1 - (g2[0] - g2[2]) / n2
    s = (g1[0] - g1[2]) * n2 - (g2[0] - g2[2]) * n1
    se = sqrt(wvar(g1) + wvar(g2))
    atoms = {}
    o2 = outcomes(g2)
    for c1, w1 in outcomes(g1):
        for c2, w2 in o2:
            dev = (c1[0] - c1[2]) * n2 - (c2[0] - c2[2]) * n1 - s
            sv = sqrt(wvar(c1) + wvar(c2))
            t = dev / (n1 * n2) / sv if sv > 0 else (0.0 if dev == 0 else copysign(inf, dev))
            t = round(t, 12) if abs(t) < inf else t
            atoms[t] = atoms.get(t, 0.0) + w1 * w2
    ts = sorted(atoms)
    cum = np.cumsum([atoms[t] for t in ts])
    def quant(q):
        return ts[int(np.searchsorted(cum, q))]

    lim = lambda t: -copysign(2.0, t) if abs(t) == inf else d - t * se
    a2 = (1 - level) / 2
    rng_lo = (lim(quant(1 - a2 + .002)), lim(quant(1 - a2 - .002)))
    rng_hi = (lim(quant(a2 + .002)), lim(quant(a2 - .002)))
    res = []
    for q in ((1 - level) / 2, 1 - (1 - level) / 2):
        i = int(np.searchsorted(cum, q))
        below = cum[i - 1] if i > 0 else 0.0
        res.append((ts[i], q - below, cum[i] - q))
    (thi, m1, m2), = [res[1]]
    (tlo, m3, m4), = [res[0]]
    return lim(thi), lim(tlo), d, se, thi, tlo, min(m1, m2, m3, m4), rng_lo, rng_hi


if __name__ == "__main__":
    for c in ((50, 30, 20), (40, 30, 30), (6, 2, 2), (10, 0, 0), (30, 40, 30), (2, 16, 2)):
        print("bayes", c, repr(bayes(*c)), "mc", bayes_mc(*c), "score", repr(score(*c)))
    pairs = (((50, 30, 20), (40, 30, 30)), ((6, 2, 2), (30, 40, 30)),
             ((10, 0, 0), (6, 2, 2)), ((30, 40, 30), (2, 16, 2)))
    for g1, g2 in pairs:
        print("mover-bayes", g1, g2, repr(mover(g1, g2, bayes)))
        print("mover-score", g1, g2, repr(mover(g1, g2, score)))
    for g1, g2 in (((12, 5, 3), (6, 8, 6)), ((19, 1, 0), (20, 0, 0)), ((9, 6, 5), (25, 50, 25))):
        print("boot-t", g1, g2, [repr(x) for x in boot_t(g1, g2)])
