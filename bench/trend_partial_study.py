#!/usr/bin/env python3
"""How often trend's partial rule marks a month that the answers do cover.

Each replicate is one year (2025) of answers whose days are random: every
day independently gets Poisson(rate) answers (no calendar pattern), so
every month is covered by the collection and a partial mark on it is a
false one. Weekday-only collection (no answers on Saturdays and Sundays)
is the second design. The data go through `nps-stat trend --input counts
--format json` (the rule as built), and the share of months marked partial
is counted over the ten interior months (February to November; January
and December are the same by symmetry, but the year's first and last
answer days fall inside them by chance).

Run: python3 bench/trend_partial_study.py build/nps-stat [REPS]
Monte Carlo: REPS replicates per row (default 200, seed 20251208); the
standard error of a share s over 10 * REPS months is about
sqrt(s (1 - s) / (10 REPS)).
"""
import datetime
import json
import math
import os
import random
import subprocess
import sys
import tempfile


def poisson(rng, lam):
    # Knuth's method; rates here are small
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def replicate(exe, rng, rate, weekdays, path):
    day = datetime.date(2025, 1, 1)
    rows = ["date,promoters,passives,detractors"]
    while day.year == 2025:
        if not (weekdays and day.weekday() >= 5):
            n = poisson(rng, rate)
            if n:
                rows.append(f"{day},{n},0,0")
        day += datetime.timedelta(days=1)
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    out = subprocess.run([exe, "trend", path, "--input", "counts", "--date",
                          "date", "--format", "json", "--min-n", "1",
                          "--quiet"], capture_output=True, text=True,
                         check=True).stdout
    periods = json.loads(out)["periods"]
    marks = {p["period"]: p["partial"] for p in periods}
    interior = [f"2025-{m:02d}" for m in range(2, 12)]
    return sum(1 for m in interior if marks.get(m)), len(interior)


def main():
    exe = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rng = random.Random(20251208)
    print("| answers a day (mean) | days | months marked partial (of "
          f"{10 * reps}) | share | MC SE |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "days.csv")
        for weekdays in (False, True):
            for rate in (0.2, 0.5, 1.0, 3.0, 10.0):
                marked = total = 0
                for _ in range(reps):
                    m, t = replicate(exe, rng, rate, weekdays, path)
                    marked += m
                    total += t
                s = marked / total
                print(f"| {rate:g} | {'weekdays' if weekdays else 'every day'}"
                      f" | {marked} | {s:.3f} | {math.sqrt(s * (1 - s) / total):.3f} |")


main()
