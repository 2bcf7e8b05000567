// Loads a CSV file into a DuckDB table and writes the result of a query
// file as CSV (tests/sql/engine.sh).
//
//   node duckdb_run.mjs DATA.csv TABLE typed|text QUERY.sql OUT.csv
//
// typed: DuckDB detects the column types (the date a DATE, the score an
// integer with NULL for empty cells); text: every column VARCHAR.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [data, table, mode, queryFile, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node duckdb_run.mjs DATA.csv TABLE typed|text QUERY.sql OUT.csv');
  process.exit(2);
}
const ident = (s) => '"' + s.replaceAll('"', '""') + '"';
const literal = (s) => "'" + s.replaceAll("'", "''") + "'";

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const text = mode === 'text' ? ', all_varchar = true' : '';
await db.run(`CREATE TABLE ${ident(table)} AS SELECT * FROM read_csv(` +
  `${literal(data)}, header = true, delim = ',', quote = '"', escape = '"'${text})`);
let query = readFileSync(queryFile, 'utf8').trim();
if (query.endsWith(';')) query = query.slice(0, -1);
await db.run(`COPY (${query}) TO ${literal(out)} (HEADER, DELIMITER ',')`);
