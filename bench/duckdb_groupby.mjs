// Peer benchmark: the per-channel NPS histogram of a CSV file in DuckDB.
//
//   node duckdb_groupby.mjs FILE.csv
//
// Runs the query nps-stat's `summary --by channel` answers (category counts
// per channel, empty scores counted apart) over read_csv of the same file,
// prints the result, then "query_seconds=S" (DuckDB time only, without node
// start-up) as the last line. bench/ingest.sh copies this file next to the
// node_modules that holds @duckdb/node-api and times the whole process too.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node duckdb_groupby.mjs FILE.csv');
  process.exit(2);
}

const quoted = "'" + file.replaceAll("'", "''") + "'";
const sql = `
  SELECT channel,
         count(*) AS rows,
         count(score) AS n,
         count(*) FILTER (WHERE score >= 9) AS promoters,
         count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS passives,
         count(*) FILTER (WHERE score <= 6) AS detractors
  FROM read_csv(${quoted}, header = true)
  GROUP BY channel
  ORDER BY channel`;

const start = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRows();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;

console.log(reader.columnNames().join('\t') + '\tnps');
for (const r of rows) {
  const [, , n, p, , d] = r.map(Number);
  const nps = n > 0 ? ((100 * (p - d)) / n).toFixed(1) : 'NA';
  console.log(r.map(String).join('\t') + '\t' + nps);
}
console.log(`query_seconds=${seconds.toFixed(3)}`);
