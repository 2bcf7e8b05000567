#!/usr/bin/env bash
# Runs the queries of `nps-stat sql` in a real engine and checks that their
# result, read back with --input counts, gives the numbers nps-stat gives
# from the CSV itself (summary and trend, --format csv, byte for byte).
#
# Data: docs/examples/responses.csv as it is (DuckDB and PostgreSQL with
# typed columns: a DATE and an integer score with NULL for empty cells),
# and a hostile copy of it (tests/sql/hostile.py: quotes, backticks,
# semicolons and "--" in the table and column names, padded and quoted
# values, every accepted score form, NA and invalid scores) in text
# columns, in a table named `resp"; DROP TABLE x; --`.
#
#   duckdb    @duckdb/node-api under /usr/bin/node, installed with npm into
#             CACHE/sql-peers when missing
#   sqlite    Debian's sqlite3
#   postgres  Debian's PostgreSQL 15: a throw-away cluster (initdb in a
#             temporary folder, a unix socket in it, no TCP), run as nobody
#             when started as root, stopped and removed on any exit
# A missing tool is "SKIPPED: reason" and exit 77, never a pass.
#
# Usage: engine.sh duckdb|sqlite|postgres NPS_STAT REPO_ROOT CACHE_DIR
set -uo pipefail
engine=$1 nps=$2 root=$3 cache=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
skip() {
  echo "SKIPPED: sql/$engine: $*"
  exit 77
}
tmp=$(mktemp -d)
chmod 755 "$tmp"
pg_bin=/usr/lib/postgresql/15/bin
pg_started=0
cleanup() {
  if [[ $pg_started -eq 1 ]]; then
    as_db "$pg_bin/pg_ctl" -D "$tmp/pg" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

command -v python3 >/dev/null || skip "python3 not found"
python3 "$here/hostile.py" "$root/docs/examples/responses.csv" \
  "$tmp/hostile.csv" || { echo "FAIL: hostile.py"; exit 1; }
cp "$root/docs/examples/responses.csv" "$tmp/responses.csv"
chmod 644 "$tmp"/*.csv

# The hostile names (hostile.py's header).
T_HOSTILE='resp"; DROP TABLE x; --'
C_DATE='da"te' C_CHANNEL='ch"an`nel; --' C_REGION="re gion'" C_SCORE="sc'ore"

# ---- engines: setup, load DATA TABLE MODE, query SQL OUT -----------------

as_db() { "$@"; }

setup_sqlite() {
  command -v sqlite3 >/dev/null || skip "sqlite3 not found (scripts/install-deps.sh installs it)"
}
load_sqlite() { # the CSV into text columns, then renamed
  sqlite3 -bail "$tmp/db.sqlite" ".mode csv" ".import $1 nps_load" &&
    sqlite3 -bail "$tmp/db.sqlite" \
      "CREATE TABLE \"${2//\"/\"\"}\" AS SELECT * FROM nps_load; DROP TABLE nps_load;"
}
query_sqlite() { sqlite3 -bail -csv -header "$tmp/db.sqlite" <"$1" >"$2"; }

setup_duckdb() {
  command -v node >/dev/null || skip "node not found"
  local peers="$cache/sql-peers"
  if [[ ! -d "$peers/node_modules/@duckdb/node-api" ]]; then
    command -v npm >/dev/null || skip "npm not found, and @duckdb/node-api is not in $peers"
    mkdir -p "$peers"
    timeout 120 npm install --prefix "$peers" --no-audit --no-fund \
      --loglevel=error @duckdb/node-api >/dev/null 2>&1 ||
      skip "npm install @duckdb/node-api failed (offline?)"
  fi
  cp "$here/duckdb_run.mjs" "$peers/"
  duck="$peers/duckdb_run.mjs"
}
declare -A duck_data=() duck_mode=()
load_duckdb() { duck_data[$2]=$1 duck_mode[$2]=$3; }
query_duckdb() { node "$duck" "${duck_data[$table]}" "$table" "${duck_mode[$table]}" "$1" "$2"; }

setup_postgres() {
  local b
  for b in initdb pg_ctl postgres psql; do
    [[ -x "$pg_bin/$b" ]] || skip "$pg_bin/$b not found (apt-get install postgresql)"
  done
  if [[ $(id -u) -eq 0 ]]; then
    command -v setpriv >/dev/null || skip "setpriv not found (util-linux)"
    as_db() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
  fi
  mkdir "$tmp/pg" "$tmp/sock"
  [[ $(id -u) -eq 0 ]] && chown nobody:nogroup "$tmp/pg" "$tmp/sock"
  as_db "$pg_bin/initdb" -D "$tmp/pg" -U postgres --auth=trust -E UTF8 \
    --locale=C >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log"; echo "FAIL: initdb"; exit 1; }
  pg_started=1
  as_db "$pg_bin/pg_ctl" -D "$tmp/pg" -l "$tmp/sock/log" -w -t 30 \
    -o "-k $tmp/sock -c listen_addresses= -c fsync=off" start >/dev/null ||
    { cat "$tmp/sock/log"; echo "FAIL: postgres did not start"; exit 1; }
}
psql_run() { as_db "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp/sock" -U postgres -d postgres "$@"; }
pg_ident() { printf '"%s"' "${1//\"/\"\"}"; }
load_postgres() {
  local create
  if [[ $3 == typed ]]; then
    create="CREATE TABLE $(pg_ident "$2") (respondent_id text, date date,
      channel text, customer_type text, region text, score integer)"
  else
    create="CREATE SCHEMA $(pg_ident 'sur"vey'); CREATE TABLE $(pg_ident 'sur"vey').$(pg_ident "$2") (
      respondent_id text, $(pg_ident "$C_DATE") text, $(pg_ident "$C_CHANNEL") text,
      customer_type text, $(pg_ident "$C_REGION") text, $(pg_ident "$C_SCORE") text)"
  fi
  psql_run -c "$create" && {
    [[ $3 == typed ]] && psql_run -c "COPY $(pg_ident "$2") FROM STDIN WITH (FORMAT csv, HEADER true)" <"$1" ||
      psql_run -c "COPY $(pg_ident 'sur"vey').$(pg_ident "$2") FROM STDIN WITH (FORMAT csv, HEADER true)" <"$1"
  }
}
query_postgres() {
  { printf 'COPY (\n'; sed '$ s/;$//' "$1"; printf ') TO STDOUT WITH (FORMAT csv, HEADER true);\n'; } >"$1.copy"
  chmod 644 "$1.copy"
  psql_run -f "$1.copy" >"$2"
}

case $engine in
sqlite | duckdb | postgres) ;;
*) echo "engine.sh: unknown engine '$engine'" >&2; exit 2 ;;
esac
"setup_$engine"
"load_$engine" "$tmp/responses.csv" responses typed || { echo "FAIL: loading responses.csv"; exit 1; }
"load_$engine" "$tmp/hostile.csv" "$T_HOSTILE" text || { echo "FAIL: loading hostile.csv"; exit 1; }

# ---- cases ---------------------------------------------------------------

fail=0 n=0
# strip_coverage CSV: drops a trend CSV's partial and covered_days in
# place (every record ends with partial, period_days, covered_days:
# numbers or empty, never quoted); other outputs are left as they are.
strip_coverage() {
  head -n 1 "$1" | grep -q ',partial,period_days,covered_days$' || return 0
  sed -E 's/,([^,]*),([^,]*),([^,]*)$/,\2/' "$1" >"$1.strip" && mv "$1.strip" "$1"
}
# compare LABEL DATA TABLE: runs `nps-stat sql` with SQL, the query, then
# RAW on DATA and COUNTS on the result, and compares their outputs.
compare() {
  local label=$1 data=$2
  table=$3
  local -a schema=()
  [[ $engine == postgres && $table == "$T_HOSTILE" ]] && schema=(--schema 'sur"vey')
  n=$((n + 1))
  if ! "$nps" sql --dialect "$engine" --table "$table" "${schema[@]}" "${SQL[@]}" \
    --output "$tmp/q.sql" 2>"$tmp/err"; then
    echo "FAIL: $label: nps-stat sql failed"; cat "$tmp/err"; fail=1; return
  fi
  chmod 644 "$tmp/q.sql"
  if ! "query_$engine" "$tmp/q.sql" "$tmp/counts.csv" 2>"$tmp/err"; then
    echo "FAIL: $label: the $engine query failed"; cat "$tmp/err"; cat "$tmp/q.sql"; fail=1; return
  fi
  # trend marks partial periods from the days of the answers; counts by
  # period carry no days, so their periods are not judged (partial and
  # covered_days empty) and are tested like complete ones. The raw run
  # does the same with --include-partial, and those two columns are left
  # out of the comparison.
  local -a incl=()
  [[ ${RAW[0]} == trend ]] && incl=(--include-partial)
  "$nps" "${RAW[0]}" "$data" "${RAW[@]:1}" "${incl[@]}" --format csv >"$tmp/raw.out" 2>"$tmp/raw.err"
  local rc_raw=$?
  "$nps" "${COUNTS[0]}" "$tmp/counts.csv" --input counts "${COUNTS[@]:1}" --format csv \
    >"$tmp/counts.out" 2>"$tmp/counts.err"
  local rc_counts=$?
  if [[ $rc_raw -ne 0 || $rc_counts -ne 0 ]]; then
    echo "FAIL: $label: nps-stat exit $rc_raw (raw), $rc_counts (counts)"
    cat "$tmp/raw.err" "$tmp/counts.err"; head -5 "$tmp/counts.csv"; fail=1; return
  fi
  strip_coverage "$tmp/raw.out"
  strip_coverage "$tmp/counts.out"
  # trend --by lists the segments in the order the input first shows them:
  # a file's order, or the query's ORDER BY. Those cases compare the rows
  # as a set (sorted); all others byte for byte.
  if [[ ${UNORDERED:-0} -eq 1 ]]; then
    sort -o "$tmp/raw.out" "$tmp/raw.out"
    sort -o "$tmp/counts.out" "$tmp/counts.out"
  fi
  if ! diff -u "$tmp/raw.out" "$tmp/counts.out" >"$tmp/diff"; then
    echo "FAIL: $label: raw and $engine counts differ"; head -40 "$tmp/diff"; fail=1; return
  fi
  echo "ok: $label ($(($(wc -l <"$tmp/counts.csv") - 1)) count rows)"
}

R=responses.csv H=hostile.csv
SQL=(--score score --by channel) RAW=(summary --by channel) COUNTS=(summary --by channel)
compare "summary by channel" "$tmp/$R" responses
SQL=(--score score) RAW=(summary) COUNTS=(summary)
compare "overall" "$tmp/$R" responses
SQL=(--score score --by channel,region --where region=north,south --exclude customer_type=business)
RAW=(summary --by channel,region --where region=north,south --exclude customer_type=business)
COUNTS=(summary --by channel,region)
compare "filters" "$tmp/$R" responses
for p in month quarter week year day; do
  SQL=(--score score --date date --period $p)
  RAW=(trend --date date --period $p) COUNTS=(trend --date period --period $p)
  compare "trend by $p" "$tmp/$R" responses
done
SQL=(--score score --by channel --date date --period month)
RAW=(trend --date date --period month --by channel)
COUNTS=(trend --date period --period month --by channel)
UNORDERED=1 compare "trend by month and channel" "$tmp/$R" responses
SQL=(--score score --by customer_type --date date --period quarter)
RAW=(trend --date date --period quarter --by customer_type)
COUNTS=(trend --date period --period quarter --by customer_type)
UNORDERED=1 compare "trend by quarter and customer type" "$tmp/$R" responses

SQL=(--score "$C_SCORE" --by "$C_CHANNEL")
RAW=(summary --score "$C_SCORE" --by "$C_CHANNEL" --skip-invalid)
COUNTS=(summary --by "$C_CHANNEL")
compare "hostile names and cells" "$tmp/$H" "$T_HOSTILE"
SQL=(--score "$C_SCORE" --by "$C_CHANNEL",customer_type --where "$C_REGION=no'rth,so\"uth"
  --exclude "$C_CHANNEL=e;mail --")
RAW=(summary --score "$C_SCORE" --by "$C_CHANNEL",customer_type --skip-invalid
  --where "$C_REGION=no'rth,so\"uth" --exclude "$C_CHANNEL=e;mail --")
COUNTS=(summary --by "$C_CHANNEL",customer_type)
compare "hostile filters" "$tmp/$H" "$T_HOSTILE"
SQL=(--score "$C_SCORE" --na-values 'NA,abc' --by "$C_CHANNEL")
RAW=(summary --score "$C_SCORE" --na-values 'NA,abc' --by "$C_CHANNEL" --skip-invalid)
COUNTS=(summary --by "$C_CHANNEL")
compare "hostile --na-values" "$tmp/$H" "$T_HOSTILE"
for p in week month; do
  SQL=(--score "$C_SCORE" --by "$C_CHANNEL" --date "$C_DATE" --period $p)
  RAW=(trend --score "$C_SCORE" --by "$C_CHANNEL" --date "$C_DATE" --period $p --skip-invalid)
  COUNTS=(trend --by "$C_CHANNEL" --date period --period $p)
  UNORDERED=1 compare "hostile dates by $p" "$tmp/$H" "$T_HOSTILE"
done

[[ $fail -eq 0 ]] && echo "sql/$engine: $n cases, results equal"
exit $fail
