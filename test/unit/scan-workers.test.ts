import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCliOnWorkers } from '../../server/src/cli';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { analyzeSnapshot, readFileFacts } from '../../server/src/engine/workspace/fact-reader';
import type { FileFacts } from '../../server/src/engine/workspace/file-facts';
import { WorkspaceSync, type WorkspaceSyncDeps } from '../../server/src/lsp/workspace-sync';
import type { WorkerPool } from '../../server/src/parallel-scan';
import { ScanPool } from '../../server/src/node/scan-pool';
import { WorkspaceFiles } from '../../server/src/workspace-files';
import { repoRoot, testCatalog } from '../helpers/catalog';
import { uriOf } from '../helpers/engine';
import { seedManifests } from '../fuzz/seeds';
import { loadParityCases } from '../parity/parity-cases';

/** Every parity case, one file per document, and the seed manifests: as (uri, text) lists. */
function corpora(): Array<Array<{ uri: string; text: string }>> {
  const out = loadParityCases().map((c) => c.text.split(/^---[ \t]*$/m).map((text, i) => ({ uri: uriOf(`${c.file}/${i}.yaml`), text })));
  out.push(seedManifests().map((m) => ({ uri: uriOf(`${m.name}.yaml`), text: m.text })));
  return out;
}

const describe = (f: Finding) => JSON.stringify([f.code, f.severity, f.message, f.range, f.related, f.data]);
const findingsOf = (engine: Engine, uris: readonly string[], local = false) =>
  uris.flatMap((uri) => (local ? engine.diagnoseFileLocal(uri) : engine.diagnose(uri)).map((f) => `${uri} ${describe(f)}`));

/**
 * The corpus in an engine that parsed it, and in one that took it over from the facts another engine read
 * (structured-cloned, as across threads: the facts must be plain data).
 */
function parsedAndFromFacts(reader: Engine, corpus: Array<{ uri: string; text: string }>) {
  const parsedHere = createEngine({ catalog: testCatalog() });
  for (const { uri, text } of corpus) parsedHere.setFile(uri, text);
  const fromFacts = createEngine({ catalog: testCatalog(), closedTreeBudget: 0 });
  const facts = structuredClone(readFileFacts(reader, corpus, fromFacts.readOptions()));
  corpus.forEach(({ uri, text }, i) => {
    const read = facts[i];
    if (read) fromFacts.setFileFacts(uri, text, read);
    else fromFacts.setFile(uri, text);
  });
  return { parsedHere, fromFacts, facts };
}

test('files taken over from facts read by another engine give the same findings, without being parsed for the scan', () => {
  const reader = createEngine({ catalog: testCatalog(), closedTreeBudget: 0 });
  let files = 0;
  for (const corpus of corpora()) {
    const uris = corpus.map((f) => f.uri);
    const { parsedHere, fromFacts } = parsedAndFromFacts(reader, corpus);
    const local = findingsOf(fromFacts, uris, true);
    const parsed = uris.filter((uri) => fromFacts.workspace.file(uri)?.parsed.hasTree && fromFacts.workspace.file(uri)?.parsed.outlines.length);
    assert.deepEqual(parsed, [], 'the index and the file-local findings need no tree');
    assert.deepEqual(local, findingsOf(parsedHere, uris, true), `file-local findings of ${uris[0]}`);
    assert.deepEqual(findingsOf(fromFacts, uris), findingsOf(parsedHere, uris), `findings of ${uris[0]}`);
    files += uris.length;
  }
  assert.ok(files > 400, `only ${files} files compared`);
});

test('facts read with another unknown-field severity are not trusted for schema findings', () => {
  const text = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  selectr: {}\n';
  const reader = createEngine({ catalog: testCatalog() });
  const engine = createEngine({ catalog: testCatalog(), unknownFieldSeverity: 'warning' });
  const [facts] = readFileFacts(reader, [{ uri: uriOf('gw.yaml'), text }], { defaultNamespace: 'default', unknownFieldSeverity: 'error' });
  engine.setFileFacts(uriOf('gw.yaml'), text, facts as FileFacts);
  const severities = engine.diagnoseFileLocal(uriOf('gw.yaml')).map((f) => f.severity);
  assert.ok(severities.length > 0 && severities.every((s) => s === 'warning'), `got ${severities.join(', ')}`);
});

test('a pool of real worker threads reads what the engine reads here; a worker that cannot start fails its batch, no hang', async () => {
  const workerFile = path.join(repoRoot, 'dist', 'scan-worker.js');
  const pool = new ScanPool(2, workerFile, { catalogFile: path.join(repoRoot, 'dist', 'istio-schemas.json') });
  const corpus = corpora().at(-1) ?? [];
  const options = { defaultNamespace: 'default', unknownFieldSeverity: 'error' as const };
  try {
    const halves = [corpus.slice(0, 20), corpus.slice(20, 40)];
    const answers = await Promise.all(halves.map((files) => pool.read(files, options)));
    const here = createEngine({ catalog: testCatalog() });
    assert.deepEqual(answers, halves.map((files) => readFileFacts(here, files, options)));
  } finally {
    await pool.idle();
  }
  const broken = new ScanPool(1, path.join(repoRoot, 'no-such-worker.js'), { catalogFile: 'none' });
  await assert.rejects(broken.read(corpus.slice(0, 2), options));
  await broken.idle();
});

/** A scan over an in-memory disk with a given fact reader, recording how each file reached the engine. */
async function scanWith(reader: WorkerPool, disk: Record<string, string>) {
  const how: string[] = [];
  const errors: string[] = [];
  const imported: string[] = [];
  const held = new Map<string, string>();
  const engine = {
    setFile: (uri: string, text: string) => (held.set(uri, text), how.push(`parsed ${uri}`), new Set([uri])),
    setFileFacts: (uri: string, text: string) => (held.set(uri, text), how.push(`facts ${uri}`), new Set([uri])),
    readOptions: () => ({ defaultNamespace: 'default', unknownFieldSeverity: 'error' as const }),
    removeFile: (uri: string) => new Set([uri]),
    fileFacts: () => undefined,
    generation: 7,
    importAnalyses: (uri: string, _analyses: unknown, generation: number) => (imported.push(`${uri} at ${generation}`), true),
    workspace: { file: (uri: string) => (held.has(uri) ? { parsed: { text: held.get(uri) } } : undefined), uris: () => [...held.keys()] },
  };
  const files = new WorkspaceFiles();
  files.setFolders(['file:///ws']);
  let ended = false;
  const deps: WorkspaceSyncDeps = {
    engine: engine as unknown as WorkspaceSyncDeps['engine'],
    workerPool: () => reader,
    documents: { get: () => undefined },
    files,
    fileSystem: {
      listYamlFiles: async () => Object.keys(disk).map((name) => `/ws/${name}`),
      readFile: async (file) => disk[path.basename(file)],
      exists: async () => true,
    },
    publisher: { add: () => undefined, schedule: () => undefined, beginIndexing: () => undefined, endIndexing: () => void (ended = true), waitFor: () => undefined },
    startProgress: () => undefined,
    log: { info: () => undefined, error: (message) => void errors.push(message) },
  };
  new WorkspaceSync(deps).rescan();
  while (!ended) await new Promise((resolve) => setImmediate(resolve));
  return { how, errors, imported };
}

test('the scan takes workers\' facts in file order, reads a failed batch itself, imports the workers\' analyses, then lets them stop', async () => {
  const disk = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`f${String(i).padStart(2, '0')}.yaml`, `k: ${i}\n`]));
  let idled = 0;
  let batches = 0;
  const reader: WorkerPool = {
    size: 2,
    read: async (files) => {
      // The second batch fails, as when a worker dies.
      if (batches++ === 1) throw new Error('worker died');
      return files.map(() => ({ options: { defaultNamespace: 'default', unknownFieldSeverity: 'error' }, outlines: [], resources: [] }));
    },
    analyze: async (_files, targets) => targets.map(() => [{ findings: [], reads: [] }]),
    idle: async () => void idled++,
  };
  const { how, errors, imported } = await scanWith(reader, disk);
  const names = Object.keys(disk).map((name) => `file:///ws/${name}`);
  assert.deepEqual(
    how,
    names.map((uri, i) => `${i >= 20 && i < 40 ? 'parsed' : 'facts'} ${uri}`),
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0], /worker died/);
  assert.equal(idled, 1);
  assert.deepEqual(imported.sort(), names.map((uri) => `${uri} at 7`).sort(), 'every closed file\'s analysis is imported, made on the snapshot of generation 7');
});

test('analyses made by other engines on a snapshot are imported: the same findings, and nothing parsed here', () => {
  const reader = createEngine({ catalog: testCatalog(), closedTreeBudget: 0 });
  let files = 0;
  let imported = 0;
  for (const corpus of corpora()) {
    const uris = corpus.map((f) => f.uri);
    const { parsedHere, fromFacts: engine, facts } = parsedAndFromFacts(reader, corpus);
    const snapshot = corpus.map((f, i) => ({ ...f, facts: facts[i] }));
    // Two "workers", each analyzing half of the files with the whole snapshot in its index.
    const halves = [uris.filter((_, i) => i % 2 === 0), uris.filter((_, i) => i % 2 === 1)];
    for (const half of halves) {
      const analyses = structuredClone(analyzeSnapshot(testCatalog(), snapshot, half, engine.readOptions()));
      half.forEach((uri, i) => {
        const analysis = analyses[i];
        if (analysis && engine.importAnalyses(uri, analysis, engine.generation)) imported++;
      });
    }
    assert.deepEqual(findingsOf(engine, uris), findingsOf(parsedHere, uris), `findings of ${uris[0]}`);
    const parsed = uris.filter((uri) => engine.workspace.file(uri)?.parsed.hasTree && engine.workspace.file(uri)?.parsed.outlines.length);
    assert.deepEqual(parsed, [], 'no file was parsed here to diagnose it');
    files += uris.length;
  }
  assert.ok(imported > 400 && imported <= files, `${imported} of ${files} files imported`);
});

test('analyses made before a change are refused, and the imported reads still drive re-analysis after an edit', () => {
  const gw = gatewayText(['a.example.com']);
  const vs = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\nspec:\n  hosts: [b.example.com]\n  gateways: [gw]\n  http:\n  - route:\n    - destination:\n        host: b\n';
  const corpus = [
    { uri: uriOf('gw.yaml'), text: gw },
    { uri: uriOf('vs.yaml'), text: vs },
  ];
  const engine = createEngine({ catalog: testCatalog() });
  for (const { uri, text } of corpus) engine.setFile(uri, text);
  const at = engine.generation;
  const [analysis] = analyzeSnapshot(testCatalog(), corpus, [uriOf('vs.yaml')], engine.readOptions());
  engine.setFile(uriOf('gw.yaml'), gatewayText(['b.example.com']));
  assert.equal(engine.importAnalyses(uriOf('vs.yaml'), analysis ?? [], at), false, 'the Gateway changed since the snapshot');
  assert.deepEqual(engine.diagnose(uriOf('vs.yaml')).map((f) => f.code), []);

  engine.setFile(uriOf('gw.yaml'), gw);
  const [current] = analyzeSnapshot(testCatalog(), corpus, [uriOf('vs.yaml')], engine.readOptions());
  assert.equal(engine.importAnalyses(uriOf('vs.yaml'), current ?? [], engine.generation), true);
  assert.deepEqual(engine.diagnose(uriOf('vs.yaml')).map((f) => f.code), ['IST0132'], 'imported: b.example.com is not served');
  assert.deepEqual([...engine.setFile(uriOf('gw.yaml'), gatewayText(['b.example.com']))].sort(), [uriOf('gw.yaml'), uriOf('vs.yaml')], 'the edit reaches the imported reader');
  assert.deepEqual(engine.diagnose(uriOf('vs.yaml')).map((f) => f.code), []);
});

function gatewayText(hosts: string[]): string {
  return `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [${hosts.join(', ')}]\n`;
}

test('the CLI with worker threads prints what it prints without them, and uses the workers from 64 files on', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-jobs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Every parity case (a file per document) and the seeds, together: cross-file lookups of all kinds.
  const files = corpora().flat();
  files.forEach(({ text }, i) => fs.writeFileSync(path.join(dir, `f-${String(i).padStart(4, '0')}.yaml`), text));
  assert.ok(files.length >= 64, `only ${files.length} files`);
  const catalogFile = path.join(repoRoot, 'dist', 'istio-schemas.json');
  const run = async (jobs: number) => {
    let out = '';
    let pools = 0;
    const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += `stderr: ${s}`) };
    const workers = { create: (size: number) => (pools++, new ScanPool(size, path.join(repoRoot, 'dist', 'scan-worker.js'), { catalogFile })), defaultSize: 0 };
    const code = await runCliOnWorkers(['check', '--format', 'json', '--jobs', String(jobs), dir], testCatalog, io, 'test', workers);
    return { code, out, pools };
  };
  const here = await run(0);
  const onWorkers = await run(2);
  assert.equal(here.pools, 0);
  assert.equal(onWorkers.pools, 1, 'a pool was started');
  assert.equal(onWorkers.code, here.code);
  assert.ok(JSON.parse(here.out).diagnostics.length > 100, 'the files hold findings to compare');
  assert.equal(onWorkers.out, here.out);
});
