import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeTable, docsUrlFor } from '../../server/src/engine/analyzers/codes';
import { repoRoot } from '../helpers/catalog';

/** The rows of the README's check table: code, severity and the link the code carries. */
function readmeRows(): Array<{ code: string; severity: string; link?: string }> {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('### Checks');
  assert.ok(start >= 0, 'no "### Checks" section');
  // The section runs to the next heading of its level or above; its tables may be grouped under #### headings.
  const next = readme.slice(start + 1).search(/\n##{1,2} /);
  const section = next < 0 ? readme.slice(start) : readme.slice(start, start + 1 + next);
  const rows: Array<{ code: string; severity: string; link?: string }> = [];
  for (const line of section.split('\n')) {
    const m = /^\| (?:\[(I[A-Z]*\d{4})\]\(([^)]+)\)|(I[A-Z]*\d{4})) \| (\w+) \|/.exec(line);
    if (m) rows.push({ code: m[1] ?? m[3], severity: m[4], link: m[2] });
  }
  return rows;
}

test('every code the engine can report has a row in the README check table, with its severity', () => {
  const rows = readmeRows();
  for (const info of Object.values(codeTable)) {
    const mine = rows.filter((r) => r.code === info.code);
    assert.ok(mine.length, `${info.code} (${info.name}) is not in the README check table`);
    for (const row of mine) assert.equal(row.severity, info.severity, `${info.code} severity in the README`);
  }
});

test('every code in the README table exists, and IST codes link their istio.io page', () => {
  for (const row of readmeRows()) {
    assert.ok(codeTable[row.code], `README lists ${row.code}, which the engine does not know`);
    assert.equal(row.link, docsUrlFor(row.code), `${row.code} link`);
  }
});
