"""Reference values for tests/unit/test_plan.c, computed independently of
the C library in pure Python (math, statistics.NormalDist for quantiles).

    python3 tests/unit/scripts/plan_reference.py

Formulas (docs/methods.md, "Planning"): V = pP + pD - (pP - pD)^2;
n1 = (z_{1-a/s} + z_{power})^2 T / d^2 with T = V1 + V2 / r (independent)
or V1 + V2 - 2 rho sqrt(V1 V2) (paired); d = (z + z) sqrt(V1/n1 + V2/n2);
n = z_{1-a/2}^2 V / E^2. The shift moves min(pD, d/2) from detractors to
promoters, then the rest from passives (a fall mirrors it).
"""
import math
from statistics import NormalDist

N = NormalDist()


def var(s):
    p, a, d = s
    t = p + a + d
    p, a, d = p / t, a / t, d / t
    return p + d - (p - d) ** 2, p - d


def shift(s, delta):
    t = sum(s)
    p, a, d = (x / t for x in s)
    if delta < 0:
        q = shift((d, a, p), -delta)
        return (q[2], q[1], q[0])
    x = min(d, delta / 2)
    y = delta - 2 * x
    assert y <= a + 1e-12
    return (p + x + y, a - y, d - x)


def zsum(alpha, power, sides):
    return N.inv_cdf(1 - alpha / sides) + N.inv_cdf(power)


def size(base, delta, alpha=0.05, power=0.8, sides=2, ratio=1.0,
         paired=False, rho=0.0, second=None):
    v1, _ = var(base)
    v2, _ = var(second if second else shift(base, delta))
    t = v1 + v2 - 2 * rho * math.sqrt(v1 * v2) if paired else v1 + v2 / ratio
    return zsum(alpha, power, sides) ** 2 * t / delta ** 2


def mdd(base, n1, n2, alpha=0.05, power=0.8, sides=2):
    """Bisection for d = zs sqrt(V1/n1 + V2(d)/n2), V2 of the shift up."""
    v1, _ = var(base)
    zs = zsum(alpha, power, sides)
    t = sum(base)
    dmax = (base[1] + 2 * base[2]) / t * (1 - 1e-12)
    lo, hi = 0.0, dmax
    for _ in range(300):
        mid = (lo + hi) / 2
        v2, _ = var(shift(base, mid))
        if mid - zs * math.sqrt(v1 / n1 + v2 / n2) >= 0:
            hi = mid
        else:
            lo = mid
    return hi


def achieved(v1, n1, v2, n2, delta, alpha=0.05, sides=2):
    se = math.sqrt(v1 / n1 + v2 / n2)
    z = N.inv_cdf(1 - alpha / sides)
    pw = N.cdf(abs(delta) / se - z)
    if sides == 2:
        pw += N.cdf(-abs(delta) / se - z)
    return pw


def margin(base, e, alpha=0.05):
    v1, _ = var(base)
    return N.inv_cdf(1 - alpha / 2) ** 2 * v1 / e ** 2


B = (45, 30, 25)
print("size 45/30/25 d=5        ", repr(size(B, 0.05)))
n = math.ceil(size(B, 0.05))
print("achieved at ceil         ",
      repr(achieved(var(B)[0], n, var(shift(B, 0.05))[0], n, 0.05)))
print("size d=3                 ", repr(size(B, 0.03)))
print("size d=20                ", repr(size(B, 0.20)))
print("size one-sided a.1 p.9 10", repr(size(B, 0.10, 0.1, 0.9, 1)))
print("size ratio 2 d=5         ", repr(size(B, 0.05, ratio=2.0)))
print("size paired rho .6 d=5   ", repr(size(B, 0.05, paired=True, rho=0.6)))
print("size paired rho -1 d=5   ", repr(size(B, 0.05, paired=True, rho=-1)))
E = (50, 30, 20)
print("size expected 50/30/20 r2",
      repr(size(B, 0.10, ratio=2.0, second=E)))
v1, v2 = var(B)[0], var(E)[0]
print("design effect r2         ", repr((v1 + v2 / 2) / (v1 * 1.5)))
print("mdd n=400                ", repr(mdd(B, 400, 400)))
print("mdd n=400,600            ", repr(mdd(B, 400, 600)))
print("mdd expected n=400       ",
      repr(zsum(0.05, 0.8, 2) * math.sqrt(v1 / 400 + v2 / 400)))
print("power expected n=400     ", repr(achieved(v1, 400, v2, 400, 0.10)))
print("margin 5                 ", repr(margin(B, 0.05)))
print("margin row n=100         ",
      repr(N.inv_cdf(0.975) * math.sqrt(v1 / 100)))
F = (90, 5, 5)  # cannot rise by 50 points: two-sided plans the fall
print("size fall 90/5/5 d=50    ", repr(size(F, -0.50)))

# ---- Where the change comes from (--shift; docs/methods.md, "Planning").
# A rise of delta from detractors moves delta/2 of the share from
# detractors to promoters; from passives, delta from passives to promoters;
# both, delta/2 from passives and delta/4 from detractors; passives first,
# min(pA, delta) from passives and the rest (halved) from detractors. None
# when the category runs short. "any" is the largest variance term over
# the four.


def shift_from(s, delta, src):
    t = sum(s)
    p, a, d = (x / t for x in s)
    if delta < 0:
        q = shift_from((d, a, p), -delta, src)
        return None if q is None else (q[2], q[1], q[0])
    if src == "detractors":
        x, y = delta / 2, 0.0
    elif src == "passives":
        x, y = 0.0, delta
    elif src == "both":
        x, y = delta / 4, delta / 2
    else:  # passives first
        y = min(a, delta)
        x = (delta - y) / 2
    if x > d + 1e-12 or y > a + 1e-12:
        return None
    return (p + x + y, a - y, d - x)


SOURCES = ("detractors", "passives", "both", "passives-first")


def term(base, second, ratio=1.0, paired=False, rho=0.0):
    v1, v2 = var(base)[0], var(second)[0]
    return v1 + v2 - 2 * rho * math.sqrt(v1 * v2) if paired else v1 + v2 / ratio


def size_src(base, delta, src, alpha=0.05, power=0.8, sides=2, ratio=1.0,
             paired=False, rho=0.0):
    if src == "any":
        ts = [term(base, q, ratio, paired, rho)
              for q in (shift_from(base, delta, s) for s in SOURCES) if q]
        t = max(ts)
    else:
        t = term(base, shift_from(base, delta, src), ratio, paired, rho)
    return zsum(alpha, power, sides) ** 2 * t / delta ** 2


def equal_variance(base, delta):
    """The conventional size with the baseline's V in both arms."""
    return zsum(0.05, 0.8, 2) ** 2 * 2 * var(base)[0] / delta ** 2


def mdd_src(base, n1, n2, src):
    """Bisection for d = zs sqrt(V1/n1 + V2(d)/n2), the rise from src."""
    v1, _ = var(base)
    zs = zsum(0.05, 0.8, 2)
    t = sum(base)
    a, d = base[1] / t, base[2] / t
    dmax = {"detractors": 2 * d, "passives": a,
            "both": min(2 * a, 4 * d)}.get(src, a + 2 * d) * (1 - 1e-12)
    lo, hi = 0.0, dmax
    for _ in range(300):
        mid = (lo + hi) / 2
        if src == "any":
            v2 = max(var(q)[0] for q in
                     (shift_from(base, mid, s) for s in SOURCES) if q)
        else:
            v2 = var(shift_from(base, mid, src))[0]
        if mid - zs * math.sqrt(v1 / n1 + v2 / n2) >= 0:
            hi = mid
        else:
            lo = mid
    return hi


print()
for b in ((50, 30, 20), (70, 20, 10)):
    v1 = var(b)[0]
    print(b, "+10 equal-variance      ", repr(equal_variance(b, 0.10)))
    for src in ("detractors", "passives", "both", "any"):
        print(b, "+10", src.ljust(20), repr(size_src(b, 0.10, src)))
    n = math.ceil(size_src(b, 0.10, "detractors"))
    for src in ("detractors", "passives", "both"):
        v2 = var(shift_from(b, 0.10, src))[0]
        print(b, "power at n", n, src.ljust(11),
              repr(achieved(v1, n, v2, n, 0.10)))
L = (60, 5, 35)  # passives cannot supply +10: passives first
print(L, "+10 any                  ", repr(size_src(L, 0.10, "any")),
      shift_from(L, 0.10, "passives-first"))
print(L, "+10 both                 ", repr(size_src(L, 0.10, "both")))
print("mdd 45/30/25 n=400 any     ", repr(mdd_src(B, 400, 400, "any")))
print("mdd 45/30/25 n=400 detr    ", repr(mdd_src(B, 400, 400, "detractors")))
print("paired 45/30/25 d=5 rho .6 any",
      repr(size_src(B, 0.05, "any", paired=True, rho=0.6)))
print("paired 45/30/25 d=5 rho .9 any",
      repr(size_src(B, 0.05, "any", paired=True, rho=0.9)))
for s in SOURCES:
    q = shift_from(B, 0.05, s)
    print("   paired rho .9 term", s, repr(term(B, q, paired=True, rho=0.9)))
for b, n in (((50, 30, 20), 982), ((70, 20, 10), 668)):
    v1 = var(b)[0]
    print(b, "power at any's n", n,
          [repr(achieved(v1, n, var(shift_from(b, 0.10, s))[0], n, 0.10))
           for s in ("detractors", "passives", "both")])
M = (60, 8, 32)  # passives first beats both
for s in SOURCES:
    print(M, "+10", s.ljust(15), shift_from(M, 0.10, s),
          repr(size_src(M, 0.10, s)) if shift_from(M, 0.10, s) else None)
