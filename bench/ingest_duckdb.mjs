// Ingest benchmark peer: per-group NPS counts of a CSV file in DuckDB.
//
//   node ingest_duckdb.mjs FILE.csv --by COL[,COL..] --score COL
//                          [--skip-rows N]
//
// Answers what `nps-stat summary FILE --by ... --score ... --skip-rows N`
// answers: per group the answers n (non-empty scores), promoters (9-10),
// passives (7-8), detractors (0-6), empty scores, and the NPS. It prints one
// tab-separated line per group (keys, n, promoters, passives, detractors,
// missing, NPS with six decimals), the form bench/ingest.sh compares between
// tools, and "query_seconds=S" (DuckDB time alone, without node start-up) on
// stderr. bench/ingest.sh copies this file next to the node_modules that
// holds @duckdb/node-api and times the whole process.
//
// With --skip-rows N (a Qualtrics export has two rows after its header: the
// question texts and the ImportIds), the column names are read from the
// file's first line and read_csv starts at line N + 2 with header = false
// and those names. The header and the skipped rows must not span lines,
// which holds for Qualtrics exports; the record quoting of the data rows is
// left to read_csv (quoted fields may hold newlines).
import { open } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';

function usage() {
  console.error(
    'usage: node ingest_duckdb.mjs FILE.csv --by COL[,COL..] --score COL [--skip-rows N]');
  process.exit(2);
}

const args = process.argv.slice(2);
let file = null, by = null, score = null, skip = 0;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--by') by = args[++i];
  else if (a === '--score') score = args[++i];
  else if (a === '--skip-rows') skip = Number(args[++i]);
  else if (file === null && !a.startsWith('--')) file = a;
  else usage();
}
if (!file || !by || !score || !Number.isInteger(skip) || skip < 0) usage();
const keys = by.split(',');

const lit = (s) => "'" + s.replaceAll("'", "''") + "'";
const ident = (s) => '"' + s.replaceAll('"', '""') + '"';

// The cells of the file's first line (RFC 4180 quoting, no newline inside).
async function headerNames(path) {
  const fh = await open(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
  await fh.close();
  let text = buf.subarray(0, bytesRead).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const names = [];
  let cell = '', quoted = false, i = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += '"', i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') names.push(cell), cell = '';
    else if (c === '\n' || c === '\r') break;
    else cell += c;
  }
  names.push(cell);
  return names;
}

const start = process.hrtime.bigint();
const types = `types = {${lit(score)}: 'INTEGER'${keys.map((k) => `, ${lit(k)}: 'VARCHAR'`).join('')}}`;
let source;
if (skip > 0) {
  const names = await headerNames(file);
  source = `read_csv(${lit(file)}, header = false, skip = ${skip + 1}, ` +
    `names = [${names.map(lit).join(', ')}], ${types})`;
} else {
  source = `read_csv(${lit(file)}, header = true, ${types})`;
}
const s = ident(score);
const groupKeys = keys.map(ident).join(', ');
const sql = `
  SELECT ${groupKeys},
         count(${s}) AS n,
         count(*) FILTER (WHERE ${s} >= 9) AS promoters,
         count(*) FILTER (WHERE ${s} BETWEEN 7 AND 8) AS passives,
         count(*) FILTER (WHERE ${s} <= 6) AS detractors,
         count(*) - count(${s}) AS missing
  FROM ${source}
  GROUP BY ${groupKeys}
  ORDER BY ${groupKeys}`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRows();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

const out = [];
for (const r of rows) {
  const k = r.slice(0, keys.length).map((v) => (v === null ? '' : String(v)));
  const [n, p, pa, d, m] = r.slice(keys.length).map(Number);
  const nps = n > 0 ? ((100 * (p - d)) / n).toFixed(6) : 'NA';
  out.push([...k, n, p, pa, d, m, nps].join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
console.error(`query_seconds=${seconds.toFixed(3)}`);
