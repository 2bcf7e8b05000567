"""Reference values for tests/unit/test_did.c (standard library only).

Run:
    /usr/bin/python3 tests/unit/scripts/did_reference.py

Four cells (promoters, passives, detractors): control before, control
after, pilot before, pilot after. DiD = (t_pa - t_pb) - (t_ca - t_cb),
t = (P - D) / n; SE = sqrt(sum V_g / n_g), V = pP + pD - t^2, and where a
cell has V = 0 (one category) the adjusted-Wald variance from counts
+0.75/+1.5/+0.75 over n + 3 (still divided by n); z = DiD / SE,
p = erfc(|z| / sqrt(2)) (two-sided normal), interval DiD +- z_0.975 SE.
Each arm's change gets the same z test on its two cells.
"""
from math import erfc, sqrt
from statistics import NormalDist

CASES = {
    "main": [(80, 70, 50), (90, 60, 50), (70, 75, 55), (130, 60, 40)],
    "zero_var": [(30, 40, 30), (35, 35, 30), (20, 25, 15), (40, 0, 0)],
    "null": [(100, 60, 40), (98, 62, 40), (50, 30, 20), (52, 28, 20)],
}


def cell(c):
    p, a, d = c
    n = p + a + d
    t = (p - d) / n
    v = p / n + d / n - t * t
    if not v > 0:
        m = n + 3.0
        pp, pd = (p + 0.75) / m, (d + 0.75) / m
        v = pp + pd - (pp - pd) ** 2
    return t, v / n


def ztest(diff, var):
    se = sqrt(var)
    z = diff / se
    return se, z, erfc(abs(z) / sqrt(2))


def main():
    zq = NormalDist().inv_cdf(0.975)
    for name, cells in CASES.items():
        (tcb, vcb), (tca, vca), (tpb, vpb), (tpa, vpa) = map(cell, cells)
        did = (tpa - tpb) - (tca - tcb)
        se, z, p = ztest(did, vcb + vca + vpb + vpa)
        print("%s: did %.15g se %.15g z %.15g p %.15g ci [%.15g, %.15g]"
              % (name, did, se, z, p, did - zq * se, did + zq * se))
        for arm, (tb, vb, ta, va) in (("control", (tcb, vcb, tca, vca)),
                                      ("pilot", (tpb, vpb, tpa, vpa))):
            s, zz, pp = ztest(ta - tb, va + vb)
            print("  %s change %.15g se %.15g p %.15g" % (arm, ta - tb, s, pp))


if __name__ == "__main__":
    main()
