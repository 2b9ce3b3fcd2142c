import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { isFileLocal } from '../../server/src/engine/analyzers/codes';
import { DiagnosticsPublisher, diagnosticsDelayMs, publishBatchSize, type PublishTimers } from '../../server/src/lsp/publisher';

/** A finding that depends on its file alone (schema) and one that reads other files (missing reference). */
const local = 'IST0106';
const crossFile = 'IST0101';

/** Timers run by hand: `fire` runs the debounce timer if one is live, `next` one waiting batch. */
class ManualTimers implements PublishTimers {
  private timer: { ms: number; run: () => void } | undefined;
  private readonly batches: Array<() => void> = [];
  cancelled = 0;

  after(ms: number, run: () => void): () => void {
    const entry = { ms, run };
    this.timer = entry;
    return () => {
      if (this.timer === entry) this.timer = undefined;
      this.cancelled++;
    };
  }

  soon(run: () => void): void {
    this.batches.push(run);
  }

  get delay(): number | undefined {
    return this.timer?.ms;
  }

  get waitingBatches(): number {
    return this.batches.length;
  }

  fire(): void {
    const timer = this.timer;
    assert.ok(timer, 'no publish is scheduled');
    this.timer = undefined;
    timer.run();
  }

  next(): void {
    const batch = this.batches.shift();
    assert.ok(batch, 'no batch is waiting');
    batch();
  }

  /** Fires the timer and runs every batch it leads to. */
  flush(): void {
    this.fire();
    while (this.batches.length) this.next();
  }
}

function diagnostic(code: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, code, message: code };
}

/** A publisher over an in-memory editor and engine: `findings` per file, `open` files with their version. */
function harness() {
  const timers = new ManualTimers();
  const open = new Map<string, number>();
  const findings = new Map<string, string[]>();
  const sent: PublishDiagnosticsParams[] = [];
  const settings = { enable: true, openFilesOnly: false };
  let lensRefreshes = 0;
  let syncs = 0;
  /** Which diagnoses ran, as `scope uri`: the engine's cross-resource analysis is the costly one. */
  const diagnoses: string[] = [];
  const publisher = new DiagnosticsPublisher({
    openVersion: (uri) => open.get(uri),
    isIndexed: (uri) => findings.has(uri),
    // Like the engine: the file scope gives the file-local findings only.
    diagnostics: (uri, scope) => {
      diagnoses.push(`${scope} ${uri}`);
      return (findings.get(uri) ?? []).filter((code) => scope === 'all' || isFileLocal(code)).map(diagnostic);
    },
    settings: () => settings,
    syncEdits: () => void syncs++,
    send: (params) => void sent.push(params),
    refreshLenses: () => void lensRefreshes++,
    timers,
  });
  /** Marks files changed and publishes them as the debounce timer would. */
  const publish = (...uris: string[]) => {
    publisher.add(uris);
    publisher.schedule();
    timers.flush();
  };
  /** What was sent since the last call, as `uri: codes`. */
  const take = () => sent.splice(0).map((p) => `${p.uri}: ${p.diagnostics.map((d) => d.code).join(',')}`);
  return { publisher, timers, open, findings, sent, settings, publish, take, diagnoses, lensRefreshes: () => lensRefreshes, syncs: () => syncs };
}

test('the codes the tests use are one file-local and one cross-file', () => {
  assert.equal(isFileLocal(local), true);
  assert.equal(isFileLocal(crossFile), false);
});

test('while the workspace is indexed only file-local findings are published; the held files are republished in full when the scan ends', () => {
  const h = harness();
  h.findings.set('a.yaml', [local, crossFile]);
  h.findings.set('b.yaml', [crossFile]);
  h.findings.set('c.yaml', [local]);
  h.publisher.beginIndexing();
  h.publish('a.yaml', 'b.yaml', 'c.yaml');
  // b.yaml has nothing to show yet and was never published: no message at all.
  assert.deepEqual(h.take(), ['a.yaml: IST0106', 'c.yaml: IST0106']);

  // A file set later in the scan is held back too.
  h.findings.set('d.yaml', [crossFile]);
  h.publish('d.yaml');
  assert.deepEqual(h.take(), []);
  assert.deepEqual(h.diagnoses.splice(0), ['file a.yaml', 'file b.yaml', 'file c.yaml', 'file d.yaml'], 'no cross-resource analysis runs during the scan');

  h.publisher.endIndexing();
  assert.equal(h.timers.delay, diagnosticsDelayMs, 'the end of the scan schedules a publish');
  h.timers.flush();
  // Every file published during the scan is analysed in full once it ends (c.yaml's result happens to be the same).
  assert.deepEqual(h.take().sort(), ['a.yaml: IST0106,IST0101', 'b.yaml: IST0101', 'c.yaml: IST0106', 'd.yaml: IST0101']);
  assert.deepEqual(h.diagnoses.splice(0).sort(), ['all a.yaml', 'all b.yaml', 'all c.yaml', 'all d.yaml']);

  // After the scan, findings go out whole and nothing is held for the next one.
  h.publish('b.yaml');
  assert.deepEqual(h.take(), ['b.yaml: IST0101']);
  h.publisher.beginIndexing();
  h.publisher.endIndexing();
  h.timers.flush();
  assert.deepEqual(h.take(), []);
});

test('a held file whose cross-file findings went away before the scan ended gets no message', () => {
  const h = harness();
  h.findings.set('vs.yaml', [crossFile]);
  h.publisher.beginIndexing();
  h.publish('vs.yaml');
  // The Gateway it missed is read: the engine's findings for vs.yaml are now empty.
  h.findings.set('vs.yaml', []);
  h.publish('vs.yaml');
  h.publisher.endIndexing();
  h.timers.flush();
  assert.deepEqual(h.take(), [], 'nothing was ever shown for vs.yaml, so nothing needs clearing');
});

test('open documents are published first, with their version, in batches that let requests in between', () => {
  const h = harness();
  const closed = Array.from({ length: publishBatchSize + 10 }, (_, i) => `closed-${i}.yaml`);
  for (const uri of closed) h.findings.set(uri, [local]);
  h.findings.set('open.yaml', [local]);
  h.open.set('open.yaml', 7);
  h.publisher.add([...closed, 'open.yaml']);
  h.publisher.schedule();
  h.timers.fire();
  assert.equal(h.sent.length, publishBatchSize, 'one batch before requests get a turn');
  assert.deepEqual(h.sent[0], { uri: 'open.yaml', version: 7, diagnostics: [diagnostic(local)] });
  assert.equal(h.sent[1].version, undefined);
  assert.equal(h.lensRefreshes(), 0, 'lenses refresh once the run is over');
  assert.equal(h.timers.waitingBatches, 1);
  const syncsBefore = h.syncs();
  h.timers.next();
  assert.equal(h.syncs(), syncsBefore + 1, 'edits that arrived between batches are read first');
  assert.equal(h.sent.length, closed.length + 1);
  assert.equal(h.lensRefreshes(), 1);
});

test('a file whose findings went to zero is cleared once, then left alone; an open file always gets its (empty) result', () => {
  const h = harness();
  h.findings.set('a.yaml', [crossFile]);
  h.publish('a.yaml');
  assert.deepEqual(h.take(), ['a.yaml: IST0101']);
  h.findings.set('a.yaml', []);
  h.publish('a.yaml');
  assert.deepEqual(h.take(), ['a.yaml: ']);
  h.publish('a.yaml');
  assert.deepEqual(h.take(), [], 'already clear');

  h.findings.set('clean.yaml', []);
  h.publish('clean.yaml');
  assert.deepEqual(h.take(), [], 'a clean file on disk never shown needs no message');
  h.open.set('clean.yaml', 1);
  h.publish('clean.yaml');
  assert.deepEqual(h.take(), ['clean.yaml: ']);

  // A file that left the index (deleted) is cleared too.
  h.findings.set('gone.yaml', [local]);
  h.publish('gone.yaml');
  h.take();
  h.findings.delete('gone.yaml');
  h.publish('gone.yaml');
  assert.deepEqual(h.take(), ['gone.yaml: ']);
});

test('openFilesOnly publishes findings of open files only and clears closed files shown before', () => {
  const h = harness();
  h.findings.set('disk.yaml', [local]);
  h.findings.set('open.yaml', [local]);
  h.open.set('open.yaml', 3);
  h.publish('disk.yaml', 'open.yaml');
  assert.deepEqual(h.take(), ['open.yaml: IST0106', 'disk.yaml: IST0106']);

  h.settings.openFilesOnly = true;
  h.publish('disk.yaml', 'open.yaml');
  assert.deepEqual(h.take(), ['open.yaml: IST0106', 'disk.yaml: ']);
  h.findings.set('other.yaml', [crossFile]);
  h.publish('other.yaml');
  assert.deepEqual(h.take(), []);
});

test('with the server disabled every shown file is cleared', () => {
  const h = harness();
  h.findings.set('a.yaml', [local]);
  h.publish('a.yaml');
  h.take();
  h.settings.enable = false;
  h.publish('a.yaml');
  assert.deepEqual(h.take(), ['a.yaml: ']);
});

test('changes are debounced: each schedule restarts the wait and one run publishes them all', () => {
  const h = harness();
  h.findings.set('a.yaml', [local]);
  h.findings.set('b.yaml', [local]);
  h.publisher.add(['a.yaml']);
  h.publisher.schedule();
  h.publisher.add(['b.yaml']);
  h.publisher.schedule();
  assert.equal(h.timers.cancelled, 1, 'the first wait was cancelled');
  h.timers.flush();
  assert.deepEqual(h.take(), ['a.yaml: IST0106', 'b.yaml: IST0106']);
  assert.equal(h.lensRefreshes(), 1);
  h.publisher.schedule();
  h.timers.flush();
  assert.equal(h.lensRefreshes(), 1, 'a run with nothing to publish asks for no lens refresh');
});

test('while workers analyze the closed files, open files are published at once and closed ones once the work is in', async () => {
  const h = harness();
  h.findings.set('open.yaml', [crossFile]);
  h.findings.set('closed.yaml', [crossFile]);
  h.open.set('open.yaml', 3);
  h.publisher.beginIndexing();
  h.publish('open.yaml', 'closed.yaml');
  h.take();
  h.diagnoses.splice(0);
  let finish: () => void = () => undefined;
  h.publisher.waitFor(new Promise<void>((resolve) => (finish = resolve)));
  h.publisher.endIndexing();
  h.timers.flush();
  assert.deepEqual(h.take(), ['open.yaml: IST0101']);
  assert.deepEqual(h.diagnoses.splice(0), ['all open.yaml'], 'the closed file is not analyzed here meanwhile');
  finish();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(h.timers.delay, diagnosticsDelayMs, 'the end of the work schedules the closed files');
  h.timers.flush();
  assert.deepEqual(h.take(), ['closed.yaml: IST0101']);
});
