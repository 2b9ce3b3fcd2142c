import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convergence,
  findingKey,
  sameFindings,
  transientCount,
  workspaceConvergence,
  type FindingLike,
  type UriPublish,
} from '../../bench/convergence';

/** A finding on line `line` with `code` and a message derived from both unless given. */
function f(line: number, code = 'IY0001', message = `finding ${code} on ${line}`): FindingLike {
  return { range: { start: { line, character: 2 }, end: { line, character: 9 } }, code, message };
}

const withCode = findingKey(true);
const withoutCode = findingKey(false);

test('findings compare as multisets of range, code and message', () => {
  assert.ok(sameFindings([f(1), f(2)], [f(2), f(1)], withCode));
  assert.ok(!sameFindings([f(1), f(1)], [f(1), f(2)], withCode));
  assert.ok(!sameFindings([f(1)], [f(1), f(1)], withCode));
  assert.ok(!sameFindings([f(1, 'A', 'm')], [f(1, 'B', 'm')], withCode));
  assert.ok(sameFindings([f(1, 'A', 'm')], [f(1, 'B', 'm')], withoutCode));
  assert.ok(!sameFindings([f(1, 'A', 'm')], [f(1, 'A', 'n')], withoutCode));
  const moved: FindingLike = { ...f(1), range: { start: { line: 1, character: 3 }, end: { line: 1, character: 9 } } };
  assert.ok(!sameFindings([f(1)], [moved], withCode));
});

test('transient findings are those shown that the settled list lacks, duplicates counted', () => {
  assert.equal(transientCount([f(1), f(2)], [f(1), f(2), f(3)], withCode), 0);
  assert.equal(transientCount([f(1), f(4), f(5)], [f(1), f(2)], withCode), 2);
  assert.equal(transientCount([f(1), f(1)], [f(1)], withCode), 1);
  assert.equal(transientCount([], [f(1)], withCode), 0);
});

test('a server that shows the local findings first, then all of them: late, not transient', () => {
  const c = convergence(
    [
      { t: 110, diagnostics: [f(1)] },
      { t: 900, diagnostics: [f(1), f(7, 'IST0101')] },
      { t: 1500, diagnostics: [f(7, 'IST0101'), f(1)] },
    ],
    100,
    withCode,
  );
  assert.equal(c.firstMs, 10);
  assert.equal(c.correctMs, 800);
  assert.equal(c.correctIndex, 1);
  assert.equal(c.transientMax, 0);
  assert.equal(c.transientPublishes, 0);
  assert.equal(c.firstCount, 1);
  assert.equal(c.settledCount, 2);
});

test('findings shown and later withdrawn are transient; the largest publish of them counts', () => {
  const c = convergence(
    [
      { t: 10, diagnostics: [f(1), f(2, 'IST0101'), f(3, 'IST0101')] },
      { t: 20, diagnostics: [f(1), f(2, 'IST0101')] },
      { t: 30, diagnostics: [f(1)] },
    ],
    0,
    withCode,
  );
  assert.equal(c.correctMs, 30);
  assert.equal(c.transientMax, 2);
  assert.equal(c.transientPublishes, 2);
});

test('correct means correct from then on: a publish equal to the settled one that is followed by a wrong one does not count', () => {
  const c = convergence(
    [
      { t: 10, diagnostics: [f(1)] },
      { t: 20, diagnostics: [f(1), f(9)] },
      { t: 30, diagnostics: [f(1)] },
    ],
    0,
    withCode,
  );
  assert.equal(c.correctMs, 30);
  assert.equal(c.transientMax, 1);
});

test('a single publish is correct at once; no publish converges to nothing', () => {
  const one = convergence([{ t: 42, diagnostics: [f(1)] }], 2, withCode);
  assert.equal(one.firstMs, 40);
  assert.equal(one.correctMs, 40);
  assert.equal(one.transientMax, 0);
  const none = convergence([], 0, withCode);
  assert.equal(none.correctMs, undefined);
  assert.equal(none.firstMs, undefined);
  assert.equal(none.settledCount, 0);
});

test('an empty publish that clears findings makes them transient and is the correct one', () => {
  const c = convergence(
    [
      { t: 5, diagnostics: [f(1), f(2)] },
      { t: 8, diagnostics: [] },
    ],
    0,
    withCode,
  );
  assert.equal(c.correctMs, 8);
  assert.equal(c.transientMax, 2);
  assert.equal(c.settledCount, 0);
});

test('over a workspace: the last file to become correct ends the analysis, transient findings add up per file', () => {
  const publishes: UriPublish[] = [
    { uri: 'a', t: 100, diagnostics: [f(1)] },
    { uri: 'b', t: 150, diagnostics: [f(1), f(2)] },
    { uri: 'c', t: 160, diagnostics: [f(4)] },
    { uri: 'a', t: 300, diagnostics: [f(1), f(5)] },
    { uri: 'b', t: 320, diagnostics: [f(1)] },
    // Repeats what c already shows: not a later correct publish.
    { uri: 'c', t: 400, diagnostics: [f(4)] },
    { uri: 'd', t: 410, diagnostics: [f(3)] },
    { uri: 'd', t: 420, diagnostics: [f(6)] },
  ];
  const w = workspaceConvergence(publishes, 0, withCode);
  assert.equal(w.filesPublished, 4);
  assert.equal(w.lastCorrectMs, 420);
  assert.equal(w.lastPublishMs, 420);
  assert.equal(w.transientTotal, 2);
  assert.equal(w.transientMax, 1);
  assert.deepEqual(w.transientFiles.map((x) => x.uri).sort(), ['b', 'd']);
  assert.equal(w.filesWithFindings, 4);
  assert.equal(w.settledFindings, 5);
  const withoutD = workspaceConvergence(publishes.filter((p) => p.uri !== 'd'), 0, withCode);
  assert.equal(withoutD.lastCorrectMs, 320);
  assert.equal(withoutD.lastPublishMs, 400);
});
