"""Monte Carlo power of the unpooled Wald z test for one plan_validity cell,
in pure Python apart from the library (docs/methods.md, "Power of the
default test at the planned sizes"): does the normal-approximation size
itself reach its power where the permutation test fell short?

    python3 bench/plan_wald_check.py P,A,D P2,A2,D2 N TRIALS [SEED]

P,A,D is the baseline and P2,A2,D2 the second arm's distribution (shares
summing to 1), N the answers per arm. Prints the share of |z| > z_{.975}
with its Monte Carlo standard error.
"""
import math
import random
import sys
from statistics import NormalDist


def draw(p, n):
    c = [0, 0, 0]
    for x in random.choices((0, 1, 2), weights=p, k=n):
        c[x] += 1
    return c


def nps_var(c, n):
    t = (c[0] - c[2]) / n
    return t, (c[0] + c[2]) / n - t * t


def main():
    base = tuple(float(x) for x in sys.argv[1].split(","))
    second = tuple(float(x) for x in sys.argv[2].split(","))
    n, trials = int(sys.argv[3]), int(sys.argv[4])
    random.seed(int(sys.argv[5]) if len(sys.argv) > 5 else 7)
    z = NormalDist().inv_cdf(0.975)
    reject = 0
    for _ in range(trials):
        t1, v1 = nps_var(draw(base, n), n)
        t2, v2 = nps_var(draw(second, n), n)
        se = math.sqrt(v1 / n + v2 / n)
        reject += se > 0 and abs(t2 - t1) / se > z
    p = reject / trials
    print(f"Wald z test power {100 * p:.1f}% +- {100 * math.sqrt(p * (1 - p) / trials):.1f}"
          f" (Monte Carlo, {trials} trials)")


main()
