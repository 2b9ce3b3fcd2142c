import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadsInScanMessage, workersFigures, type WorkersRound } from '../../bench/report';

/** A cold round of (b) with `scanWorkers`, the given times and peak RSS, and the scan line a server with that many threads logs. */
function run(scanWorkers: number, round: number, lastCorrectMs: number, peakRssKb: number, scanMessage?: string): WorkersRound {
  return {
    scanWorkers,
    round,
    initializeMs: 300,
    progressEndMs: lastCorrectMs / 2,
    lastPublishMs: lastCorrectMs,
    lastCorrectMs,
    transientTotal: round === 2 ? 3 : 0,
    transientMax: round === 2 ? 2 : 0,
    transientFiles: [],
    publishedFiles: 100,
    expectedFiles: 100,
    unexpectedFiles: 0,
    settledFindings: 110,
    timeline: [],
    peakRssKbAfterIndex: peakRssKb,
    scanMessage:
      scanMessage ?? (scanWorkers === 0 ? 'Indexed 1000 YAML files.' : `Indexed 1000 YAML files on ${scanWorkers} worker thread${scanWorkers === 1 ? '' : 's'}.`),
    edits: [],
    peakRssKb,
    loggedErrors: 0,
    truncated: [],
    errors: [],
  };
}

test('the scan line names the worker threads, none for the main thread, and null when the server logged none', () => {
  assert.equal(threadsInScanMessage('Indexed 1000 YAML files.'), 0);
  assert.equal(threadsInScanMessage('Indexed 1000 YAML files on 1 worker thread.'), 1);
  assert.equal(threadsInScanMessage('Indexed 12 YAML files on 4 worker threads.'), 4);
  assert.equal(threadsInScanMessage(undefined), null);
  assert.equal(threadsInScanMessage('Could not read settings'), null);
});

test('workers figures: one entry per count in increasing order, medians over its rounds, the worst transient round, the ratio to the main thread', () => {
  const rounds = [run(0, 1, 4000, 300 * 1024), run(2, 1, 3000, 400 * 1024), run(2, 2, 2000, 420 * 1024), run(0, 2, 6000, 310 * 1024)];
  const figures = workersFigures(rounds);
  assert.ok(figures);
  assert.deepEqual(
    figures.map((f) => f.scanWorkers),
    [0, 2],
  );
  const [main, two] = figures;
  assert.equal(main.rounds, 2);
  assert.equal(main.lastCorrectMs, 5000);
  assert.equal(main.lastCorrectVsMainThread, 1);
  assert.equal(two.lastCorrectMs, 2500);
  assert.equal(two.progressEndMs, 1250);
  assert.equal(two.lastCorrectVsMainThread, 0.5);
  assert.equal(two.transientTotal, 3);
  assert.equal(two.transientMax, 2);
  assert.equal(two.peakRssMb, 410);
  assert.equal(two.peakRssMbMax, 420);
  assert.equal(two.publishedFiles, '100/100');
  assert.deepEqual(main.reportedThreads, [0]);
  assert.deepEqual(two.reportedThreads, [2]);
});

test('workers figures keep every thread count the server reported, and have no ratio without a main-thread run', () => {
  const figures = workersFigures([run(4, 1, 3000, 1000), run(4, 2, 3000, 1000, 'Indexed 1000 YAML files on 2 worker threads.'), run(4, 3, 3000, 1000, 'something else')]);
  assert.ok(figures);
  assert.deepEqual(figures[0].reportedThreads, [4, 2, null]);
  assert.equal(figures[0].lastCorrectVsMainThread, undefined);
  assert.equal(workersFigures([]), undefined);
});
