#!/usr/bin/env python3
"""Generate the demo data in docs/examples/ (standard library only).

    python3 docs/examples/generate.py

rewrites responses.csv, before.csv and after.csv next to this script,
byte-identical on every run and Python version: the only source of
randomness is random.Random(SEED).random(), whose Mersenne Twister stream is
fixed for an integer seed; every other draw is built on it here rather than on
helpers (choices, gauss, shuffle) whose algorithms may change between
versions.

responses.csv: one year of survey answers from six channels whose NPS differ
  (app > store > web > email > chat > phone), with a gentle upward trend over
  2025, a customer-type effect, no real region effect and ~2% missing scores.
before.csv / after.csv: a pilot measured before and after a change, about
  +10 NPS points apart; about half of the respondents answered both times.
pilot.csv: a control group and a pilot group, each surveyed before and after
  a change that only the pilot got (columns arm, wave); the control moves
  about +2 points, the pilot about +10: a difference in differences of about
  +8 points. Drawn from its own stream, random.Random(PILOT_SEED).
"""

import csv
import datetime as dt
import math
import os
import random

SEED = 20250101
HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ["respondent_id", "date", "channel", "customer_type", "region", "score"]
PILOT_SEED = 20250305
PILOT_HEADER = ["respondent_id", "arm", "wave", "channel", "score"]
# arm, wave, NPS built in (points), rows
PILOT_CELLS = [
    ("control", "before", 10.0, 2000),
    ("control", "after", 12.0, 2000),
    ("pilot", "before", 8.0, 2000),
    ("pilot", "after", 18.0, 2000),
]

# Per-channel NPS in points at mid-year, and the number of responses.
CHANNELS = [
    # name, nps, rows, passive share
    ("app", 35, 900, 0.30),
    ("web", 10, 850, 0.30),
    ("chat", -5, 800, 0.28),
    ("phone", -15, 750, 0.26),
    ("email", 0, 550, 0.30),
    ("store", 20, 150, 0.32),
]
TYPES = [("new", 0.30, 4.0), ("returning", 0.55, 0.0), ("business", 0.15, -8.0)]
REGIONS = [("north", 0.25), ("south", 0.30), ("east", 0.20), ("west", 0.25)]
TREND = 12.0  # points gained from 1 January to 31 December
MISSING = 0.02

# Shape of the scores inside each category (relative weights).
DETRACTOR_SHAPE = [2, 1, 1.5, 2, 2.5, 6, 9]  # 0..6
PASSIVE_SHAPE = [0.45, 0.55]  # 7, 8
PROMOTER_SHAPE = [0.42, 0.58]  # 9, 10


def pick(rng, weights):
    """Index i with probability weights[i] / sum(weights)."""
    u = rng.random() * sum(weights)
    for i, w in enumerate(weights):
        u -= w
        if u < 0:
            return i
    return len(weights) - 1


def normal(rng):
    """Standard normal draw (Box-Muller on two uniforms)."""
    u1 = 1.0 - rng.random()  # in (0, 1]
    u2 = rng.random()
    return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)


def shuffle(rng, items):
    """Fisher-Yates shuffle in place."""
    for i in range(len(items) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        items[i], items[j] = items[j], items[i]


def score_for_nps(rng, nps_points, passive):
    """A 0..10 score from the category mix whose NPS is nps_points."""
    theta = max(-0.95, min(0.95, nps_points / 100.0))
    passive = min(passive, 1.0 - abs(theta))
    promoter = (1.0 - passive + theta) / 2.0
    detractor = (1.0 - passive - theta) / 2.0
    category = pick(rng, [detractor, passive, promoter])
    if category == 0:
        return pick(rng, DETRACTOR_SHAPE)
    if category == 1:
        return 7 + pick(rng, PASSIVE_SHAPE)
    return 9 + pick(rng, PROMOTER_SHAPE)


def day_of_2025(rng, first, last):
    """A uniform date between first and last (inclusive)."""
    span = (last - first).days + 1
    return first + dt.timedelta(days=int(rng.random() * span))


def write_csv(name, rows, header=HEADER):
    path = os.path.join(HERE, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    return path


def fmt_score(score):
    return "" if score is None else str(score)


def responses(rng):
    """One year of answers: channel, trend and customer-type effects."""
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    raw = []
    for name, nps, count, passive in CHANNELS:
        for _ in range(count):
            day = day_of_2025(rng, start, end)
            ctype = pick(rng, [w for _, w, _ in TYPES])
            region = pick(rng, [w for _, w in REGIONS])
            year_pos = (day - start).days / 364.0  # 0 .. 1
            target = nps + TREND * (year_pos - 0.5) + TYPES[ctype][2]
            score = score_for_nps(rng, target, passive)
            if rng.random() < MISSING:
                score = None
            raw.append((day, len(raw), name, TYPES[ctype][0],
                        REGIONS[region][0], score))
    raw.sort(key=lambda r: (r[0], r[1]))  # like an export: by date
    return [
        ["R%05d" % (i + 1), r[0].isoformat(), r[2], r[3], r[4], fmt_score(r[5])]
        for i, r in enumerate(raw)
    ]


def clamp_score(x):
    return max(0, min(10, int(math.floor(x + 0.5))))


def level(rng, mean):
    """A person's usual score: mostly near the channel's level, with a
    minority of unhappy customers that gives real data its long left tail."""
    if rng.random() < 0.10:
        return mean - 4.0 + 1.8 * normal(rng)
    return mean + 1.4 * normal(rng)


def pilot(rng):
    """Before/after samples; people answering twice keep their own level."""
    n_each, n_both = 600, 300
    uplift = 0.2  # on the 0..10 scale: about +10 NPS points here
    channel_level = {"app": 8.6, "web": 8.0, "chat": 7.6, "phone": 7.3,
                     "email": 7.8, "store": 8.3}
    channel_weights = [count for _, _, count, _ in CHANNELS]
    ids = list(range(10001, 10001 + 2 * n_each - n_both))
    shuffle(rng, ids)

    people = []
    for pid in ids:
        ch = CHANNELS[pick(rng, channel_weights)][0]
        people.append({
            "id": "C%05d" % pid,
            "channel": ch,
            "type": TYPES[pick(rng, [w for _, w, _ in TYPES])][0],
            "region": REGIONS[pick(rng, [w for _, w in REGIONS])][0],
            "level": level(rng, channel_level[ch]),
        })
    # The first n_both answer twice; then n_each - n_both only before, and
    # the rest only after.
    both = people[:n_both]
    only_before = people[n_both:n_each]
    only_after = people[n_each:]

    def answer(person, first, last, shift):
        day = day_of_2025(rng, first, last)
        score = clamp_score(person["level"] + shift + 1.1 * normal(rng))
        if rng.random() < MISSING:
            score = None
        return (day, person["id"], person["channel"], person["type"],
                person["region"], score)

    before_period = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    after_period = (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
    before = [answer(p, *before_period, 0.0) for p in both + only_before]
    after = [answer(p, *after_period, uplift) for p in both + only_after]

    def rows(sample):
        sample.sort(key=lambda r: (r[0], r[1]))
        return [[r[1], r[0].isoformat(), r[2], r[3], r[4], fmt_score(r[5])]
                for r in sample]

    return rows(before), rows(after)


def pilot_arms():
    """Control and pilot, before and after: the pilot gains about 8 points
    more than the control. Rows interleaved as a survey tool exports them."""
    rng = random.Random(PILOT_SEED)
    channel_weights = [count for _, _, count, _ in CHANNELS]
    raw = []
    for arm, wave, nps, count in PILOT_CELLS:
        for _ in range(count):
            channel = CHANNELS[pick(rng, channel_weights)][0]
            score = score_for_nps(rng, nps, 0.30)
            if rng.random() < MISSING:
                score = None
            raw.append((rng.random(), arm, wave, channel, score))
    raw.sort()
    return [["P%05d" % (i + 1), r[1], r[2], r[3], fmt_score(r[4])]
            for i, r in enumerate(raw)]


def nps_of(rows, column=5):
    scores = [int(r[column]) for r in rows if r[column] != ""]
    p = sum(s >= 9 for s in scores)
    d = sum(s <= 6 for s in scores)
    return 100.0 * (p - d) / len(scores), len(scores), len(rows) - len(scores)


def main():
    rng = random.Random(SEED)
    resp = responses(rng)
    before, after = pilot(rng)
    for name, rows in (("responses.csv", resp), ("before.csv", before),
                       ("after.csv", after)):
        write_csv(name, rows)
        nps, n, missing = nps_of(rows)
        print("%-14s %5d rows, n = %4d, missing = %3d, NPS = %+6.1f"
              % (name, len(rows), n, missing, nps))
    arms = pilot_arms()
    write_csv("pilot.csv", arms, PILOT_HEADER)
    for arm, wave, _, _ in PILOT_CELLS:
        cell = [r for r in arms if r[1] == arm and r[2] == wave]
        nps, n, missing = nps_of(cell, 4)
        print("pilot.csv %-7s %-6s n = %4d, missing = %3d, NPS = %+6.1f"
              % (arm, wave, n, missing, nps))


if __name__ == "__main__":
    main()
