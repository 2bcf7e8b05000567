// spectrum_expect.js - prints what csv_dump must print for one csv-spectrum
// case, from the case's JSON file: the header (the keys of the first
// object), each object's values in that order, one JSON array a line, then
// "records N". With --first-key, prints only the first key.
'use strict';
const fs = require('fs');

const [file, mode] = process.argv.slice(2);
const rows = JSON.parse(fs.readFileSync(file, 'utf8'));
if (!Array.isArray(rows) || rows.length === 0) {
  process.stderr.write(`${file}: expected a non-empty array of objects\n`);
  process.exit(2);
}
const keys = Object.keys(rows[0]);
if (mode === '--first-key') {
  process.stdout.write(keys[0] + '\n');
  process.exit(0);
}
const lines = [JSON.stringify(keys)];
for (const row of rows) {
  if (JSON.stringify(Object.keys(row)) !== lines[0]) {
    process.stderr.write(`${file}: objects with different keys\n`);
    process.exit(2);
  }
  lines.push(JSON.stringify(keys.map((k) => row[k])));
}
lines.push(`records ${rows.length}`);
process.stdout.write(lines.join('\n') + '\n');
