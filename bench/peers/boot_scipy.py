#!/usr/bin/python3
"""BCa bootstrap of one NPS with scipy.stats.bootstrap, timed.

Peer of bench/boot_peer.c, driven by bench/boot_peers.sh. Reads a plain
file with one score 0..10 per line (blank lines are missing answers),
turns it into the +1/0/-1 vector (promoter 9-10, passive 7-8, detractor
0-6) and times one call

    scipy.stats.bootstrap((x,), np.mean, method='BCa',
                          n_resamples=B, confidence_level=LEVEL,
                          random_state=np.random.default_rng(SEED))

with scipy's default batch (all resamples at once) unless --batch is
given. Only the call is timed: not Python's start-up, the imports or the
file. Output: key=value lines (status, n, estimate, seconds (wall
clock), cpu_seconds (of the process), bca_lo, bca_hi in points). A MemoryError gives status=oom and exit status 3.

    boot_scipy.py FILE [--boot B] [--level L] [--seed S] [--batch K]
"""
import argparse
import sys
import time

import numpy as np
import scipy
from scipy import stats


def read_scores(path):
    with open(path, encoding="ascii") as f:
        s = np.array([int(line) for line in f if line.strip()], dtype=np.int64)
    if s.size == 0 or s.min() < 0 or s.max() > 10:
        raise ValueError(path + ": scores must be integers 0..10")
    return np.where(s >= 9, 1.0, np.where(s >= 7, 0.0, -1.0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--boot", type=int, default=10000)
    ap.add_argument("--level", type=float, default=0.95)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--batch", type=int, default=None)
    a = ap.parse_args()
    x = read_scores(a.file)
    print("version=scipy %s, numpy %s" % (scipy.__version__, np.__version__))
    print("n=%d" % x.size)
    print("estimate=%.6f" % (100 * x.mean()))
    print("batch=%s" % ("default" if a.batch is None else a.batch))
    sys.stdout.flush()
    rng = np.random.default_rng(a.seed)
    t0 = time.perf_counter()
    c0 = time.process_time()
    try:
        res = stats.bootstrap((x,), np.mean, method="BCa",
                              n_resamples=a.boot,
                              confidence_level=a.level,
                              batch=a.batch, random_state=rng)
    except MemoryError:
        print("status=oom\nseconds=%.3f" % (time.perf_counter() - t0))
        return 3
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    ci = res.confidence_interval
    print("status=ok")
    print("seconds=%.6f" % dt)
    print("cpu_seconds=%.6f" % cpu)
    print("bca_lo=%.6f\nbca_hi=%.6f" % (100 * ci.low, 100 * ci.high))
    return 0


if __name__ == "__main__":
    sys.exit(main())
