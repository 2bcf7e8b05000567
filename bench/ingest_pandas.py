"""Ingest benchmark peer: per-group NPS counts of a CSV file with pandas.

    python3 ingest_pandas.py FILE.csv --by COL[,COL..] --score COL
                             [--skip-rows N]

Answers what `nps-stat summary FILE --by ... --score ... --skip-rows N`
answers: per group the answers n (non-empty scores), promoters (9-10),
passives (7-8), detractors (0-6), empty scores, and the NPS. Reads only the
needed columns (read_csv(usecols=...), the default C parser; quoted fields
may hold newlines), skips the N rows after the header (skiprows=[1..N]),
then groups. Prints one tab-separated line per group (keys, n, promoters,
passives, detractors, missing, NPS with six decimals), the form
bench/ingest.sh compares between tools, and "query_seconds=S" (read and
group, without interpreter start-up and imports) on stderr.
"""
import argparse
import sys
import time

import pandas as pd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--by", required=True)
    ap.add_argument("--score", required=True)
    ap.add_argument("--skip-rows", type=int, default=0)
    a = ap.parse_args()
    keys = a.by.split(",")

    start = time.perf_counter()
    df = pd.read_csv(
        a.file,
        usecols=keys + [a.score],
        skiprows=list(range(1, a.skip_rows + 1)) or None,
        dtype={k: str for k in keys},
        keep_default_na=False,
        na_values={a.score: [""]},
    )
    s = df[a.score]
    parts = pd.DataFrame(
        {
            "n": s.notna(),
            "promoters": s >= 9,
            "passives": (s >= 7) & (s <= 8),
            "detractors": s <= 6,
            "missing": s.isna(),
        }
    )
    for k in keys:
        parts[k] = df[k]
    g = parts.groupby(keys, sort=True).sum()
    seconds = time.perf_counter() - start

    out = []
    for idx, r in g.iterrows():
        idx = idx if isinstance(idx, tuple) else (idx,)
        n, p, pa, d, m = (int(r[c]) for c in
                          ("n", "promoters", "passives", "detractors",
                           "missing"))
        nps = "%.6f" % (100.0 * (p - d) / n) if n > 0 else "NA"
        out.append("\t".join([*map(str, idx), str(n), str(p), str(pa), str(d),
                              str(m), nps]))
    sys.stdout.write("\n".join(out) + "\n")
    print("query_seconds=%.3f" % seconds, file=sys.stderr)


if __name__ == "__main__":
    main()
