import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
  type Position,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/engine/engine';
import { LineIndex } from '../../server/src/engine/parse/line-index';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { testCatalog } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';
import { mutatedManifest, textPiece } from '../fuzz/arbitraries';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

/**
 * The server under an editor's worst load: a thousand edits as fast as the pipe takes them, with completion,
 * hover, definition, symbols and code actions in between, some cancelled, some at once. It must answer every
 * request, lose no edit (its final diagnostics are those of the client's final text), and keep its memory flat.
 */

const seed = Number(process.env.STRESS_SEED ?? 4242);
const edits = 1000;
const uri = 'file:///stress/routes.yaml';

type Edit = { kind: 'incremental'; at: number; remove: number; insert: string } | { kind: 'full'; text: string };
type RequestKind = 'completion' | 'hover' | 'definition' | 'symbols' | 'codeAction';
interface Step {
  edit: Edit;
  request?: { kind: RequestKind; at: number; cancel: boolean };
  burst: boolean;
}

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('incremental' as const), at: fc.nat(), remove: fc.integer({ min: 0, max: 12 }), insert: textPiece }) },
  { weight: 1, arbitrary: mutatedManifest.map((input) => ({ kind: 'full' as const, text: input.text })) },
);
const stepArb: fc.Arbitrary<Step> = fc.record({
  edit: editArb,
  request: fc.option(
    fc.record({ kind: fc.constantFrom<RequestKind>('completion', 'hover', 'definition', 'symbols', 'codeAction'), at: fc.nat(), cancel: fc.nat(9).map((n) => n === 0) }),
    { freq: 2, nil: undefined },
  ),
  burst: fc.nat(99).map((n) => n === 0),
});

/** Resident memory of a process, in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

interface Stats {
  requests: number;
  answered: number;
  cancelled: number;
  errors: string[];
  latencies: number[];
}

const timeoutMs = 60_000;

test(`protocol stress: 3 rounds of ${edits} rapid edits with requests in between (seed ${seed})`, { timeout: timeoutMs }, async (t: TestContext) => {
  const started = performance.now();
  const { client } = await LspClient.start();
  t.after(() => client.close());
  const pid = client.child.pid!;
  const initial = docs(gateway('shop-gw', 'istio-system', ['shop.example.com']), virtualService('shop', 'default', ['shop.example.com'], ['shop-gw']));
  await client.open(uri, initial);
  const rssStart = rssMb(pid);

  let text = initial;
  let version = 1;
  const stats: Stats = { requests: 0, answered: 0, cancelled: 0, errors: [], latencies: [] };
  let pending: Array<Promise<void>> = [];

  const positionAt = (offset: number): Position => new LineIndex(text).positionAt(offset % (text.length + 1));

  function send(kind: RequestKind, position: Position, cancel: boolean): void {
    const source = new CancellationTokenSource();
    const textDocument = { uri };
    const sentAt = performance.now();
    let request: Promise<unknown>;
    switch (kind) {
      case 'completion':
        request = client.connection.sendRequest(CompletionRequest.type, { textDocument, position }, source.token);
        break;
      case 'hover':
        request = client.connection.sendRequest(HoverRequest.type, { textDocument, position }, source.token);
        break;
      case 'definition':
        request = client.connection.sendRequest(DefinitionRequest.type, { textDocument, position }, source.token);
        break;
      case 'symbols':
        request = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }, source.token);
        break;
      case 'codeAction':
        request = client.connection.sendRequest(CodeActionRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } }, source.token);
        break;
    }
    stats.requests++;
    // $/cancelRequest right behind the request: the answer must still come, as a result or as RequestCancelled.
    if (cancel) source.cancel();
    pending.push(
      client.withTimeout(request, `${kind} #${stats.requests}`, 20_000).then(
        () => {
          stats.answered++;
          stats.latencies.push(performance.now() - sentAt);
        },
        (error: unknown) => {
          stats.latencies.push(performance.now() - sentAt);
          if (cancel && error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) stats.cancelled++;
          else stats.errors.push(`${kind}: ${error instanceof Error ? error.message : String(error)}`);
        },
      ),
    );
  }

  async function settle(): Promise<void> {
    await Promise.all(pending);
    pending = [];
  }

  /** One round: `edits` edits as fast as the pipe takes them, requests in between; then the diagnostics of the last version are checked. */
  async function round(roundSeed: number): Promise<void> {
    const steps = fc.sample(stepArb, { seed: roundSeed, numRuns: edits });
    for (const [i, step] of steps.entries()) {
      let change: TextDocumentContentChangeEvent;
      if (step.edit.kind === 'full') {
        change = { text: step.edit.text };
        text = step.edit.text;
      } else {
        // Offsets go through positions and back, exactly as the server's TextDocument applies them (CRLF-safe).
        const lines = new LineIndex(text);
        const start = lines.positionAt(step.edit.at % (text.length + 1));
        const end = lines.positionAt(lines.offsetAt(start) + step.edit.remove);
        const from = lines.offsetAt(start);
        const to = lines.offsetAt(end);
        change = { range: { start, end }, text: step.edit.insert };
        text = text.slice(0, from) + step.edit.insert + text.slice(to);
      }
      version++;
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      if (step.request) send(step.request.kind, positionAt(step.request.at), step.request.cancel);
      if (step.burst) {
        // Twenty requests at once, all kinds, across the document.
        for (let k = 0; k < 20; k++) send((['completion', 'hover', 'definition', 'symbols', 'codeAction'] as const)[k % 5], positionAt(i * 31 + k * 97), false);
      }
      if (i % 100 === 99) await settle();
    }
    await settle();
    // The server's text after all these edits must be the client's text: its diagnostics are those of the final text.
    const finalDiagnostics = await client.waitForDiagnostics(uri, (_, params) => params.version === version, 10_000);
    assert.deepEqual(normalize(finalDiagnostics), normalize(expectedDiagnostics(text)), `round ${roundSeed}: final diagnostics differ from those of the final text: an edit was lost or misapplied`);
  }

  const rss = [rssStart];
  const rounds: string[] = [];
  for (let r = 0; r < 3; r++) {
    await round(seed + r);
    rss.push(rssMb(pid));
    rounds.push(summary(stats));
  }

  // Still answering, correctly: a known text and a hover on a known field.
  const known = virtualService('shop', 'default', ['shop.example.com'], ['nope']);
  version++;
  const knownDiagnostics = client.waitForDiagnostics(uri, (_, params) => params.version === version, 10_000);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: known }] });
  assert.deepEqual((await knownDiagnostics).map((d) => [d.code, d.range.start.line]), [['IST0101', known.split('\n').indexOf('  - nope')]]);
  const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: known.split('\n').indexOf('  hosts:'), character: 3 } });
  assert.match(JSON.stringify(hover?.contents ?? ''), /hosts/);

  rounds.forEach((line, r) => t.diagnostic(`after round ${r + 1} (${edits} edits each): ${line}`));
  t.diagnostic(`server RSS: ${rss[0]} MB after open, then ${rss.slice(1).join(' / ')} MB after rounds 1 / 2 / 3; ${Math.round(performance.now() - started)} ms in all`);
  assert.deepEqual(stats.errors, []);
  assert.equal(stats.answered + stats.cancelled, stats.requests);
  assert.deepEqual(client.loggedErrors, [], 'a handler failed inside the server');
  // A plateau: the third round adds little to the second (RSS moves with the allocator, hence the margin).
  assert.ok(rss[3] < rss[2] + 80, `memory keeps growing: ${rss.join(' → ')} MB`);
  assert.ok(Math.max(...rss) < 600, `server uses ${Math.max(...rss)} MB`);
  await client.shutdownAndExit();
});

test('cancelled requests are answered (result or RequestCancelled), never left hanging', { timeout: timeoutMs }, async (t) => {
  const { client } = await LspClient.start();
  t.after(() => client.close());
  const text = virtualService('shop', 'default', ['shop.example.com'], ['nope']);
  await client.open(uri, text);
  // Keep the server busy with edits so the cancellations arrive while requests are queued, and also after they ran.
  let version = 1;
  const outcomes: string[] = [];
  const waits: Array<Promise<void>> = [];
  for (let i = 0; i < 200; i++) {
    version++;
    void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: `${text}# edit ${i}\n` }] });
    const source = new CancellationTokenSource();
    const request = client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 2 } }, source.token);
    if (i % 2 === 0) source.cancel();
    else setTimeout(() => source.cancel(), i % 7);
    waits.push(
      client.withTimeout(request, `completion #${i}`, 10_000).then(
        // The server skips the work of a request cancelled before it ran and answers null.
        (result) => void outcomes.push(result === null ? 'skipped (null)' : 'result'),
        (error: unknown) => {
          const code = error instanceof ResponseError ? error.code : undefined;
          outcomes.push(code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `error ${code} ${String(error)}`);
        },
      ),
    );
  }
  await Promise.all(waits);
  const tally = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
  t.diagnostic(`200 cancelled completions: ${JSON.stringify(tally)}`);
  assert.deepEqual(Object.keys(tally).filter((k) => !['result', 'skipped (null)', 'cancelled'].includes(k)), []);
  assert.ok((tally['skipped (null)'] ?? 0) + (tally.cancelled ?? 0) > 0, 'no cancellation took effect');
  // And the server goes on answering.
  const after = await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 2 } });
  assert.ok(after);
});

function summary(stats: Stats): string {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0);
  return `${stats.requests} requests (${stats.answered} answered, ${stats.cancelled} RequestCancelled), ${stats.errors.length} errors, latency p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}

/** What the server should publish for `text` alone: the same engine, in this process. */
function expectedDiagnostics(text: string): Diagnostic[] {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile(uri, text);
  return diagnosticsFor(engine, uri);
}

function normalize(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${typeof d.message === 'string' ? d.message : d.message.value}`).sort();
}

test('crash recovery: a server killed mid-request fails its pending requests (no hang), and a fresh server works', { timeout: timeoutMs }, async (t) => {
  const text = virtualService('shop', 'default', ['shop.example.com'], ['nope']);
  const first = (await LspClient.start()).client;
  t.after(() => first.close());
  await first.open(uri, text);
  const inFlight = Array.from({ length: 20 }, (_, i) => first.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: i % 8, character: 2 } }));
  first.child.kill('SIGKILL');
  // Each request ends one way or the other (answered before the kill, or failed by the closed connection): none hangs.
  const settled = await first.withTimeout(Promise.allSettled(inFlight), 'requests pending at the kill', 10_000);
  assert.equal(settled.length, 20);

  // What the extension's client does on a crash: start the server again and re-open the documents.
  const second = (await LspClient.start()).client;
  t.after(() => second.close());
  const diagnostics = await second.open(uri, text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['IST0101']);
  const hover = await second.request(HoverRequest.type, { textDocument: { uri }, position: { line: text.split('\n').indexOf('  hosts:'), character: 3 } });
  assert.ok(hover);
  await second.shutdownAndExit();
});
