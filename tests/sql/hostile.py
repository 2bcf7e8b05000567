#!/usr/bin/env python3
"""Writes a copy of docs/examples/responses.csv with hostile names and cells
for the engine tests (tests/sql/engine.sh): column names with quotes,
backticks, semicolons and comment dashes; group values with quotes, spaces
and tabs around them; dates and date-times as nps-stat reads them; scores
written in every form the reader accepts (" 9 ", "09", "9.0", "10.00"), NA
values, and invalid ones ("abc", "7.5", "11") that a query leaves out as
--skip-invalid does. Every field is quoted.

Usage: hostile.py RESPONSES.csv OUT.csv
"""
import csv
import sys

CHANNEL = {"app": " it's \"app\" ", "web": "web\t", "chat": "chat",
           "phone": "\tphone ", "email": "e;mail --", "store": "store`"}
REGION = {"north": "no'rth", "south": 'so"uth'}
HEADER = ["respondent_id", 'da"te', 'ch"an`nel; --', "customer_type",
          "re gion'", "sc'ore"]


def score(i, s):
    if s == "":
        return ""
    for step, bad in ((97, "abc"), (89, "7.5"), (83, "11"), (79, "NA"),
                      (73, " - ")):
        if i % step == 0:
            return bad
    form = i % 5
    if form == 0:
        return " %s " % s
    if form == 1:
        return "0" + s
    if form == 2:
        return s + ".0"
    if form == 3:
        return s + ".00"
    return s


def date(i, d):
    form = i % 3
    if form == 1:
        return " %sT08:30:00+02:00" % d
    if form == 2:
        return "%s 23:59" % d
    return d


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, newline="") as f, open(out, "w", newline="") as g:
        rows = csv.reader(f)
        next(rows)
        w = csv.writer(g, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(HEADER)
        for i, (rid, d, ch, ct, rg, s) in enumerate(rows):
            w.writerow([rid, date(i, d), CHANNEL[ch], ct, REGION.get(rg, rg),
                        score(i, s)])


main()
