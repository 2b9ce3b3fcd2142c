import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/catalog';
import { engineWith, findingsIn } from '../helpers/engine';

interface Expected {
  code: string;
  line: number;
  why: string;
}

const seedDir = path.join(repoRoot, 'test', 'fixtures', 'seeds');
const expected = JSON.parse(fs.readFileSync(path.join(seedDir, 'expected.json'), 'utf8')) as Record<string, Expected[]>;
const files = fs.readdirSync(seedDir).filter((f) => f.endsWith('.yaml')).sort();

test('every seed fixture has expectations', () => {
  assert.ok(files.length >= 10, `only ${files.length} seed fixtures`);
  assert.deepEqual(files, Object.keys(expected).sort());
});

// Each fixture is checked on its own, as a user opening that one file would see it.
for (const file of files) {
  test(`seed ${file}`, () => {
    const engine = engineWith({ [file]: fs.readFileSync(path.join(seedDir, file), 'utf8') });
    const actual = findingsIn(engine, file).map((f) => `${f.code}@${f.line}`).sort();
    const wanted = expected[file].map((e) => `${e.code}@${e.line}`).sort();
    assert.deepEqual(actual, wanted, findingsIn(engine, file).map((f) => `${f.code}@${f.line} ${f.message}`).join('\n'));
  });
}
