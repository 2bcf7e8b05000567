#!/usr/bin/env bash
# Memory with a million groups (docs/benchmarks.md, "Memory"): summary by
# an id-like column of 10^6 distinct values, in every format, and a paired
# compare of 10^6 respondents, each under an address-space limit of
# 1 GiB (ulimit -v). The measured peaks are about 570 MB and 330 MB; a
# table format that held every formatted cell needed 5.2 GB.
# Usage: memory.sh NPS_STAT   (a build without sanitizers: their shadow
# memory does not fit any such limit)
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN { print "g,score";
             for (i = 1; i <= 1000000; i++) printf "g%07d,%d\n", i, i % 11 }' \
  >"$tmp/groups.csv"
cp "$tmp/groups.csv" "$tmp/after.csv"
limit_kb=$((1024 * 1024))
fail=0
run() { # name, expected stdout lines, args...
  local name=$1 lines=$2
  shift 2
  local status=0
  (ulimit -v "$limit_kb" && "$bin" "$@" --quiet >"$tmp/out" 2>"$tmp/err") ||
    status=$?
  local got
  got=$(wc -l <"$tmp/out")
  if [[ $status -ne 0 || $got -ne $lines ]]; then
    echo "FAIL: $name: exit $status, $got lines (want 0 and $lines) under" \
         "ulimit -v $limit_kb" >&2
    head -5 "$tmp/err" >&2
    fail=1
  else
    echo "ok: $name: $got lines within ulimit -v $limit_kb"
  fi
}
common=(summary "$tmp/groups.csv" --by g --max-groups 1000000 --ci wald)
# Table and markdown: as many lines as the same output for one group
# (g0000001 alone), plus one per further group.
one() { "$bin" "${common[@]}" --where g=g0000001 --quiet "$@" 2>/dev/null | wc -l; }
run table $(($(one) + 999999)) "${common[@]}"
run markdown $(($(one --format markdown) + 999999)) "${common[@]}" \
  --format markdown
# csv: a header + 10^6 groups + overall
run csv 1000002 "${common[@]}" --format csv
run json-valid 0 "${common[@]}" --format json --output "$tmp/out.json"
run paired 0 compare "$tmp/groups.csv" "$tmp/after.csv" --paired --id g \
  --max-groups 1000000 --output "$tmp/paired.txt"
exit $fail
