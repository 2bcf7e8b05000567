#!/usr/bin/env bash
# Shards: splitting a file into part files, summarising each to counts
# (--format counts) and reading all the counts files as one data set gives
# byte for byte what one run over the whole file gives. The single run is
# the independent reference: it reads every row itself and never goes
# through --format counts or several inputs.
# Checked for summary, segments and trend, from raw rows and from counts
# input, over the demo data (docs/examples/responses.csv) and over a file
# whose group values hold commas, quotes, line ends, surrounding spaces,
# formula-like text, an empty value and a group whose answers are all
# missing. Also: the part files read directly (as files and as a
# directory) give the single run's output. For trend, counts by period
# carry no days, so they are checked against the single run with
# --include-partial without the coverage columns, and counts by day
# (--period day) byte for byte.
# Usage: roundtrip.sh NPS_STAT RESPONSES_CSV
set -uo pipefail
nps=$(realpath "$1") responses=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fail=0
bad() {
  echo "FAIL: $*"
  fail=1
}

# split_csv FILE PREFIX LINES: part files PREFIX-00.csv ... of LINES data
# rows each (the last may hold fewer), each with FILE's header. Records
# must be one line each (no quoted line ends): the hostile file is split
# by awk on its own record ends below.
split_csv() {
  local file=$1 prefix=$2 lines=$3
  tail -n +2 "$file" | split -l "$lines" -d -a 2 - "$prefix-"
  for p in "$prefix"-[0-9][0-9]; do
    { head -n 1 "$file"; cat "$p"; } >"$p.csv"
    rm "$p"
  done
}

# check NAME SINGLE_ARGS... -- MERGE_ARGS...: both runs print the same
# bytes (--format csv, exact numbers) and succeed.
same() {
  local name=$1
  shift
  local single=() merge=()
  while [[ $1 != -- ]]; do single+=("$1"); shift; done
  shift
  merge=("$@")
  "$nps" "${single[@]}" --format csv --quiet >"$name.single" 2>"$name.err1" ||
    bad "$name: single run failed: $(cat "$name.err1")"
  "$nps" "${merge[@]}" --format csv --quiet >"$name.merged" 2>"$name.err2" ||
    bad "$name: merged run failed: $(cat "$name.err2")"
  [[ -s $name.single ]] || bad "$name: no output"
  cmp -s "$name.single" "$name.merged" || {
    bad "$name: merged output differs from the single run"
    diff "$name.single" "$name.merged" | head -n 10
  }
}

# For trend: partial periods are marked from the days of the answers, and
# counts by period carry no days (their periods are not judged: partial and
# covered_days empty, tested like complete ones). same_values NAME
# SINGLE_ARGS... -- MERGE_ARGS...: as same, the single run with
# --include-partial, and those two columns (the last but one is kept) left
# out of both.
same_values() {
  local name=$1
  shift
  local single=() merge=()
  while [[ $1 != -- ]]; do single+=("$1"); shift; done
  shift
  merge=("$@")
  "$nps" "${single[@]}" --include-partial --format csv --quiet >"$name.single" \
    2>"$name.err1" || bad "$name: single run failed: $(cat "$name.err1")"
  "$nps" "${merge[@]}" --format csv --quiet >"$name.merged" 2>"$name.err2" ||
    bad "$name: merged run failed: $(cat "$name.err2")"
  [[ -s $name.single ]] || bad "$name: no output"
  for f in "$name.single" "$name.merged"; do
    sed -E 's/,([^,]*),([^,]*),([^,]*)$/,\2/' "$f" >"$f.strip"
  done
  cmp -s "$name.single.strip" "$name.merged.strip" || {
    bad "$name: merged values differ from the single run"
    diff "$name.single.strip" "$name.merged.strip" | head -n 10
  }
}

# to_counts OUT ARGS...: one shard summarised to counts.
to_counts() {
  local out=$1
  shift
  "$nps" "$@" --format counts --output "$out" --quiet ||
    bad "--format counts failed: $*"
}

cp "$responses" all.csv
split_csv all.csv raw 700
mkdir parts counts
mv raw-*.csv parts/
touch parts/_SUCCESS parts/.raw-00.csv.crc

# Raw shards -> counts -> one run over the counts files.
for cmd in "summary --by channel" "summary --by region,customer_type" \
  "segments --by channel" "trend --date date" \
  "trend --date date --period quarter --by channel" "summary"; do
  tag=$(echo "$cmd" | tr -c 'a-z0-9' '_')
  rm -f counts/*
  for p in parts/raw-*.csv; do
    # shellcheck disable=SC2086
    to_counts "counts/$(basename "$p")" $cmd "$p"
  done
  if [[ $cmd == trend* ]]; then
    # counts by period: the values, not the coverage (above)
    # shellcheck disable=SC2086
    same_values "raw_$tag" $cmd all.csv -- $cmd --input counts counts/*.csv
    # counts by day keep the days: byte for byte
    rm -f counts/*
    for p in parts/raw-*.csv; do
      # shellcheck disable=SC2086
      to_counts "counts/$(basename "$p")" $cmd --period day "$p"
    done
    # shellcheck disable=SC2086
    same "days_$tag" $cmd all.csv -- $cmd --input counts counts/*.csv
  else
    # shellcheck disable=SC2086
    same "raw_$tag" $cmd all.csv -- $cmd --input counts counts/*.csv
  fi
  # shellcheck disable=SC2086
  same "dir_$tag" $cmd all.csv -- $cmd parts
  # shellcheck disable=SC2086
  same "files_$tag" $cmd all.csv -- $cmd parts/raw-*.csv
  # shellcheck disable=SC2086
  same "mixed_$tag" $cmd all.csv -- $cmd parts/raw-00.csv parts/raw-01.csv \
    parts/raw-02.csv parts/raw-03.csv parts/raw-04.csv counts/../parts/raw-05.csv
done

# Counts input: the whole file as counts, split, each shard to counts
# again, merged: the same as the single run over the whole counts file.
to_counts whole_counts.csv summary all.csv --by channel,region
split_csv whole_counts.csv wc 9
mkdir cparts ccounts
mv wc-*.csv cparts/
for p in cparts/*.csv; do
  to_counts "ccounts/$(basename "$p")" summary --input counts \
    --by channel,region "$p"
done
same counts_input summary --input counts --by channel,region whole_counts.csv \
  -- summary --input counts --by channel,region ccounts
same counts_segments segments --input counts --by channel whole_counts.csv \
  -- segments --input counts --by channel cparts

# Hostile group values: a comma, a quote, a line end inside quotes,
# surrounding spaces, formula-like text, an empty value, and a group
# whose answers are all missing.
printf '%s\n' 'seg,score' 'plain,9' '"a,b",10' '"say ""hi""",7' \
  '"two' 'lines",3' '"  padded ",9' '=1+1,0' ',8' 'none,' 'none,NA' \
  'plain,4' '"a,b",6' '"  padded ",10' '=1+1,9' ',2' >hostile.csv
# Two shards cut at a record boundary (the quoted line end is line 5-6).
{ head -n 7 hostile.csv; } >h1.csv
{ head -n 1 hostile.csv; tail -n +8 hostile.csv; } >h2.csv
to_counts hc1.csv summary --by seg h1.csv
to_counts hc2.csv summary --by seg h2.csv
same hostile summary --by seg hostile.csv -- summary --input counts --by seg \
  hc1.csv hc2.csv
"$nps" summary --by seg hostile.csv --format json --quiet >hj1 2>/dev/null
"$nps" summary --by seg --input counts hc1.csv hc2.csv --format json \
  --quiet >hj2 2>/dev/null
# The JSON names its input; the groups and numbers must agree.
sed -i '/"input"/d' hj1 hj2
cmp -s hj1 hj2 || bad "hostile: json differs"
# Counts of counts are a fixed point.
to_counts hc12.csv summary --input counts --by seg hc1.csv hc2.csv
to_counts hc_all.csv summary --by seg hostile.csv
cmp -s hc12.csv hc_all.csv || {
  bad "hostile: merged counts differ from the single run's counts"
  diff hc_all.csv hc12.csv | head
}
grep -q '^none,,2$' hc_all.csv || bad "hostile: the all-missing group is not written"

if [[ $fail = 0 ]]; then
  echo "shards round trip: all outputs identical"
fi
exit $fail
