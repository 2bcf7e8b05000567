"""Independent check of compare --adjust-for on before.csv and after.csv:
direct standardization to the pooled channel mix, from the formulas of
docs/methods.md, with the standard library only.
    cd tests/cli/cases/compare_adjust_for && python3 standardize_check.py
"""
import csv
from math import erfc, sqrt
from statistics import NormalDist


def strata(path):
    out = {}
    for row in csv.DictReader(open(path, encoding="utf-8")):
        if row["score"].strip() == "":
            continue
        s = int(row["score"])
        c = out.setdefault(row["channel"], [0, 0, 0])
        c[0 if s >= 9 else 1 if s >= 7 else 2] += 1
    return out


a, b = strata("before.csv"), strata("after.csv")
keys = sorted(set(a) & set(b))
N = sum(sum(a[k]) + sum(b[k]) for k in keys)
th = [0.0, 0.0]
var = 0.0
for k in keys:
    w = (sum(a[k]) + sum(b[k])) / N
    for g, c in enumerate((a[k], b[k])):
        n = sum(c)
        t = (c[0] - c[2]) / n
        th[g] += w * t
        var += w * w * (c[0] / n + c[2] / n - t * t) / n
d = th[1] - th[0]
se = sqrt(var)
z = NormalDist().inv_cdf(0.975)
raw = [sum(x[k][0] - x[k][2] for k in x) / sum(sum(x[k]) for k in x) for x in (a, b)]
print("standardized before %.4f after %.4f" % (100 * th[0], 100 * th[1]))
print("difference %.4f CI [%.4f, %.4f] p %.6f" % (100 * d, 100 * (d - z * se), 100 * (d + z * se), erfc(abs(d / se) / sqrt(2))))
print("raw %.4f mix %.4f" % (100 * (raw[1] - raw[0]), 100 * (raw[1] - raw[0] - d)))
