import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';
import { closeAllClientsAndCheck, LspClient, type ClientOptions } from './lsp-client';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

const testTimeoutMs = 30_000;

/** A temporary workspace folder with the given files (relative path → text). */
function workspace(t: TestContext, files: Record<string, string>): { dir: string; uri: (name: string) => string; write: (name: string, text: string) => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-ws-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, uri: (name) => URI.file(path.join(dir, name)).toString(), write };
}

async function start(t: TestContext, dir: string, options: ClientOptions = {}, istio: Record<string, unknown> = {}) {
  const { client } = await LspClient.start({ workspaceFolders: [URI.file(dir).toString()], workspaceCapabilities: true, ...options });
  client.istioSettings = istio;
  t.after(() => client.close());
  return client;
}

const codes = (diagnostics: Array<{ code?: number | string }>) => diagnostics.map((d) => String(d.code)).sort();

test('files on disk are indexed at start and their findings published without opening them', { timeout: testTimeoutMs }, async (t) => {
  const ws = workspace(t, {
    'gateways/gw.yaml': gateway('gw', 'istio-system', ['*.example.com']),
    'apps/web.yaml': virtualService('web', undefined, ['web.example.org'], ['istio-system/gw']),
    'apps/reviews.yaml': virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v2' }])),
    'apps/reviews-dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']),
    'node_modules/pkg/bad.yaml': virtualService('x', undefined, ['x'], ['missing']),
    'notes.txt': 'not yaml',
  });
  const client = await start(t, ws.dir);
  const web = await client.waitForDiagnostics(ws.uri('apps/web.yaml'), (d) => d.length > 0, 15_000);
  assert.deepEqual(codes(web), ['IST0132']);
  assert.equal(web[0].relatedInformation?.[0].location.uri, ws.uri('gateways/gw.yaml'), 'related info points at the other file');
  assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), 'file watcher registered');
  const kinds = client.progress.map((p) => p.kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds[kinds.length - 1], 'end');
  assert.equal(client.lastDiagnostics(ws.uri('apps/reviews.yaml')), undefined, 'clean files get no noise');
  assert.equal(client.lastDiagnostics(ws.uri('node_modules/pkg/bad.yaml')), undefined, 'node_modules is skipped');
});

test('open text wins over the disk, and closing returns to the disk content', { timeout: testTimeoutMs }, async (t) => {
  const ws = workspace(t, {
    'gw.yaml': gateway('gw', 'default', ['a.example.com']),
    'vs.yaml': virtualService('vs', undefined, ['a.example.com'], ['gw']),
  });
  const client = await start(t, ws.dir);
  // The VirtualService is clean; wait until the index is built by watching the gateway file edited in the editor.
  const broken = client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => codes(d).includes('IST0132'), 15_000);
  await client.open(ws.uri('gw.yaml'), gateway('gw', 'default', ['b.example.com']));
  await broken;
  const healed = client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => d.length === 0);
  await client.closeDocument(ws.uri('gw.yaml'));
  await healed;
});

test('file watcher events add, change and delete files', { timeout: testTimeoutMs }, async (t) => {
  const ws = workspace(t, { 'vs.yaml': virtualService('vs', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }])) });
  const client = await start(t, ws.dir);
  await client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => codes(d).includes('IST0101'), 15_000);

  const cleared = client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => d.length === 0);
  ws.write('dr.yaml', destinationRule('reviews', undefined, 'reviews', ['v1']));
  await client.filesChanged([{ uri: ws.uri('dr.yaml'), type: FileChangeType.Created }]);
  await cleared;

  const back = client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => codes(d).includes('IST0101'));
  ws.write('dr.yaml', destinationRule('reviews', undefined, 'reviews', ['v2']));
  await client.filesChanged([{ uri: ws.uri('dr.yaml'), type: FileChangeType.Changed }]);
  await back;

  const again = client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => d.length === 0);
  ws.write('dr.yaml', destinationRule('reviews', undefined, 'reviews', ['v1']));
  await client.filesChanged([{ uri: ws.uri('dr.yaml'), type: FileChangeType.Changed }]);
  await again;

  const gone = client.waitForDiagnostics(ws.uri('vs.yaml'), (d) => codes(d).includes('IST0101'));
  fs.rmSync(path.join(ws.dir, 'dr.yaml'));
  await client.filesChanged([{ uri: ws.uri('dr.yaml'), type: FileChangeType.Deleted }]);
  await gone;
});

test('istio.exclude and files.exclude keep files out; openFilesOnly limits publishing', { timeout: testTimeoutMs }, async (t) => {
  const ws = workspace(t, {
    'generated/vs.yaml': virtualService('gen', undefined, ['a'], ['missing']),
    'scratch/vs.yaml': virtualService('scratch', undefined, ['a'], ['missing']),
    'app/vs.yaml': virtualService('app', undefined, ['a'], ['missing']),
  });
  const { client } = await LspClient.start({ workspaceFolders: [URI.file(ws.dir).toString()], workspaceCapabilities: true });
  t.after(() => client.close());
  client.istioSettings = { exclude: ['generated/**'] };
  client.filesExclude = { '**/scratch': true };
  await client.waitForDiagnostics(ws.uri('app/vs.yaml'), (d) => d.length === 1, 15_000);
  assert.equal(client.lastDiagnostics(ws.uri('generated/vs.yaml')), undefined);
  assert.equal(client.lastDiagnostics(ws.uri('scratch/vs.yaml')), undefined);

  const cleared = client.waitForDiagnostics(ws.uri('app/vs.yaml'), (d) => d.length === 0);
  client.istioSettings = { exclude: ['generated/**'], openFilesOnly: true };
  await client.changeConfiguration();
  await cleared;
  const opened = await client.open(ws.uri('app/vs.yaml'), virtualService('app', undefined, ['a'], ['missing']));
  assert.deepEqual(codes(opened), ['IST0101']);
});

test('severity settings change and silence codes', { timeout: testTimeoutMs }, async (t) => {
  const ws = workspace(t, {});
  const client = await start(t, ws.dir, {}, { severity: { IST0101: 'hint' } });
  const uri = ws.uri('open.yaml');
  // Settings arrive asynchronously after `initialized`; wait for the published severity rather than the first publish.
  const hinted = client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === 4);
  await client.open(uri, virtualService('vs', undefined, ['a'], ['missing']));
  const [diagnostic] = await hinted;
  assert.equal(diagnostic.code, 'IST0101');
  const silenced = client.waitForDiagnostics(uri, (d) => d.length === 0);
  client.istioSettings = { severity: { IST0101: 'off' } };
  await client.changeConfiguration();
  await silenced;
});

/**
 * Opens a file whose Gateway and DestinationRule are in files the scan reads last, and checks that no publish ever
 * showed a finding the final one withdraws; with `istio` settings for the server (scan workers or not).
 */
async function holdBackScenario(t: TestContext, istio: Record<string, unknown>) {
  // The VirtualService's Gateway and DestinationRule are in files the scan reads last, behind hundreds of others.
  const files: Record<string, string> = {
    'zz/gw.yaml': gateway('gw', 'default', ['shop.example.org']),
    'zz/dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']),
    // A closed file with a real cross-resource mistake: its finding must come once the index is complete.
    'b/closed.yaml': virtualService('closed', undefined, ['closed'], [], httpRoute([{ host: 'reviews', subset: 'v9' }])),
  };
  for (let i = 0; i < 400; i++) files[`m/filler-${String(i).padStart(3, '0')}.yaml`] = virtualService(`filler-${i}`, undefined, [`filler-${i}`], []);
  const ws = workspace(t, files);
  const vsText = virtualService('shop', undefined, ['shop.example.org'], ['gw'], httpRoute([{ host: 'reviews', subset: 'v2' }])).replace('  - route:', '  - timout: 5s\n    route:');
  const client = await start(t, ws.dir, {}, istio);
  const uri = ws.uri('a/shop.yaml');
  ws.write('a/shop.yaml', vsText);
  await client.open(uri, vsText);
  // The scan ends, then the held-back files are published again (after the 30 ms debounce).
  for (let waited = 0; !client.progress.some((p) => p.kind === 'end'); waited += 20) {
    assert.ok(waited < 20_000, 'the workspace scan did not end');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const last = client.lastDiagnostics(uri) ?? [];
  assert.deepEqual(codes(last), ['IST0106'], 'the schema error stays; the Gateway and the subset exist');
  const finalSet = new Set(last.map((d) => `${String(d.code)}@${d.range.start.line}`));
  const mine = client.publishes.filter((p) => p.params.uri === uri);
  assert.ok(mine.length >= 1);
  for (const { params } of mine) {
    for (const d of params.diagnostics) assert.ok(finalSet.has(`${String(d.code)}@${d.range.start.line}`), `published ${String(d.code)} at line ${d.range.start.line + 1}, which the final publish withdrew`);
  }
  // The file's own finding was not held back until the end of the scan.
  const endIndex = client.progress.findIndex((p) => p.kind === 'end');
  assert.ok(mine.some((p) => p.progressSeen <= endIndex && codes(p.params.diagnostics).includes('IST0106')), 'the schema finding went out while indexing');
  assert.deepEqual(codes(client.lastDiagnostics(ws.uri('b/closed.yaml')) ?? []), ['IST0101'], 'the closed file\'s subset v9 is reported');
  return client;
}

test('while the workspace is indexed, no published finding is one the final publish withdraws', { timeout: testTimeoutMs }, async (t) => {
  const client = await holdBackScenario(t, {});
  assert.ok(!client.progress.some((p) => p.kind === 'report' && p.message === 'analyzing on worker threads'), 'read on the main thread');
});

test('with scan workers the same holds, and the closed files\' findings come from the workers\' analyses', { timeout: testTimeoutMs }, async (t) => {
  const client = await holdBackScenario(t, { scanWorkers: 2 });
  assert.ok(client.progress.some((p) => p.kind === 'report' && p.message === 'analyzing on worker threads'), 'the workers analyzed');
});
