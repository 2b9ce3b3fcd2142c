import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadParityCases, ourIstFindings } from './parity-cases';

// Each fixture asserts the exact multiset of (code, kind, namespace/name) istioctl reports, or, where we differ
// on purpose, what we report instead (the difference is listed in the README).
const cases = loadParityCases();

test('the parity corpus is not empty', () => {
  assert.ok(cases.length >= 50, `only ${cases.length} parity fixtures`);
});

for (const parityCase of cases) {
  test(`parity ${parityCase.file}`, () => {
    assert.deepEqual(ourIstFindings(parityCase), parityCase.ours ?? parityCase.istioctl, parityCase.why);
  });
}
