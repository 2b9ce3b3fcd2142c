import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/engine/engine';
import { anyInput } from '../fuzz/arbitraries';
import { exercise } from '../fuzz/exercise';
import { companionText, seedManifests } from '../fuzz/seeds';
import { applyTextEdits } from '../helpers/apply-edits';
import { repoRoot, testCatalog } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';
import { LspClient } from '../lsp/lsp-client';
import { installGuards } from '../safety/guard';
import { positionOf } from '../helpers/positions';

/**
 * The engine and the language server only read. With every file write, network call and process start
 * turned into a trip wire (and reads confined to the workspace and the server's own folder), a full session
 * of every feature must trip none of them.
 */

const preload = path.join(repoRoot, 'out', 'test', 'safety', 'preload.js');
const distDir = path.join(repoRoot, 'dist');

test('the guards themselves work: writes, connections, lookups and processes are caught (control)', () => {
  const seen: string[] = [];
  const restore = installGuards({ onViolation: (what) => seen.push(what), readRoots: [] });
  const target = path.join(tmpdir(), `istio-yaml-guard-${process.pid}.txt`);
  const attempts: Array<() => unknown> = [
    () => writeFileSync(target, 'x'),
    () => require('node:fs').promises.writeFile(target, 'x'),
    () => require('node:fs').createWriteStream(target),
    () => require('node:fs').openSync(target, 'w'),
    () => require('node:fs').readFileSync('/etc/hostname'),
    () => require('node:net').connect(80, 'example.com'),
    () => require('node:https').get('https://example.com/'),
    () => require('node:dns').lookup('example.com', () => undefined),
    () => require('node:child_process').spawnSync('true'),
    () => fetch('https://example.com/'),
  ];
  for (const attempt of attempts) assert.throws(attempt, /safety guard/);
  restore();
  assert.equal(seen.length, attempts.length, seen.join('\n'));
  assert.equal(existsSync(target), false);

  // The preload does the same in a child process, and reports on stderr.
  const probe = spawnSync(process.execPath, ['--require', preload, '-e', `try { require('fs').writeFileSync(${JSON.stringify(target)}, 'x') } catch {} try { require('net').connect(80, 'example.com') } catch {}`], { encoding: 'utf8' });
  assert.match(probe.stderr, /SAFETY-GUARD installed/);
  assert.equal(probe.stderr.match(/SAFETY-VIOLATION/g)?.length, 2, probe.stderr);
  assert.equal(existsSync(target), false);
});

test('the engine and every feature touch no file, network or process (in-process)', () => {
  // Everything the test needs from disk is read before the guards go up: the engine itself must read nothing.
  const catalog = testCatalog();
  const inputs = [...seedManifests().map((s) => ({ text: s.text, file: 'input.yaml', offsets: [s.text.length >> 1] })), ...fc.sample(anyInput, { seed: 77, numRuns: 300 })];
  const companion = companionText();
  const seen: string[] = [];
  const restore = installGuards({ onViolation: (what) => seen.push(what), readRoots: [] });
  const problems: string[] = [];
  try {
    const engine = createEngine({ catalog });
    engine.setFile('file:///safety/companion.yaml', companion);
    for (const input of inputs) problems.push(...exercise(engine, `file:///safety/${input.file}`, input.text, { offsets: input.offsets }).problems);
  } finally {
    restore();
  }
  assert.deepEqual(seen, []);
  assert.deepEqual(problems, []);
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('the language server, in a full session over a workspace, writes nothing, connects nowhere, reads only its workspace', { timeout: 60_000 }, async (t) => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'istio-yaml-safety-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'istio-yaml-outside-'));
  t.after(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const gatewayText = gateway('public', 'istio-system', ['*.example.com']);
  const routesText = docs(
    virtualService('web', 'shop', ['web.example.com'], ['public'], httpRoute([{ host: 'web', subset: 'v1', weight: 90 }, { host: 'web', subset: 'v2', weight: 10 }])),
    destinationRule('web', 'shop', 'web', ['v1']),
  );
  const files: Record<string, string> = {
    'gateway.yaml': gatewayText,
    'routes.yaml': routesText,
    'nested/deeper/service.yml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n    name: http\n',
    'overlay/kustomization.yaml': 'resources:\n- ../routes.yaml\npatches:\n- path: patch.yaml\n',
    'overlay/patch.yaml': 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  http:\n  - timeout: 5s\n',
    'node_modules/ignored.yaml': 'apiVersion: networking.istio.io/v1\nkind: Gateway\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
    writeFileSync(path.join(workspace, name), text);
  }
  // Links that lead out of the workspace: the scan must not follow them.
  writeFileSync(path.join(outside, 'secret.yaml'), 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: secret\n');
  symlinkSync(path.join(outside, 'secret.yaml'), path.join(workspace, 'linked.yaml'));
  symlinkSync(outside, path.join(workspace, 'linked-dir'));

  const uriOf = (name: string) => URI.file(path.join(workspace, name)).toString();
  const { client } = await LspClient.start({
    workspaceFolders: [URI.file(workspace).toString()],
    workspaceCapabilities: true,
    execArgv: ['--require', preload],
    env: { SAFETY_READ_ROOTS: [workspace, distDir].join(path.delimiter) },
  });
  t.after(() => client.close());

  // The initial scan publishes the disk files' findings.
  await until(() => (client.lastDiagnostics(uriOf('routes.yaml'))?.length ?? 0) > 0, 'diagnostics of routes.yaml from the scan');
  assert.equal(client.lastDiagnostics(uriOf('linked.yaml')), undefined, 'a symlink out of the workspace was followed');

  const routes = uriOf('routes.yaml');
  const gw = uriOf('gateway.yaml');
  await client.open(routes, routesText);
  await client.open(gw, gatewayText);
  const textDocument = { uri: routes };
  const at = positionOf(routesText, '- public');
  const ref = { line: at.line, character: at.character + 3 };
  await client.request(CompletionRequest.type, { textDocument, position: { line: at.line, character: 2 } });
  await client.request(HoverRequest.type, { textDocument, position: positionOf(routesText, 'hosts') });
  await client.request(DefinitionRequest.type, { textDocument, position: ref });
  await client.request(ReferencesRequest.type, { textDocument: { uri: gw }, position: positionOf(gatewayText, 'public'), context: { includeDeclaration: true } });
  await client.request(DocumentSymbolRequest.type, { textDocument });
  await client.request(CodeLensRequest.type, { textDocument: { uri: gw } });
  await client.request(WorkspaceSymbolRequest.type, { query: 'web' });
  const actions = await client.request(CodeActionRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } }, context: { diagnostics: [] } });
  assert.ok((actions ?? []).length > 0, 'no quick fixes offered');
  await client.request(PrepareRenameRequest.type, { textDocument: { uri: gw }, position: positionOf(gatewayText, 'public') });
  const rename = await client.request(RenameRequest.type, { textDocument: { uri: gw }, position: positionOf(gatewayText, 'public'), newName: 'edge' });
  // The editor, not the server, applies edits: here, as didChange notifications.
  let version = 1;
  for (const [uri, edits] of Object.entries(rename?.changes ?? {})) {
    const before = uri === gw ? gatewayText : routesText;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ text: applyTextEdits(before, edits) }] });
  }
  // Files appear and disappear on disk; a symlink out of the workspace changes; settings change.
  writeFileSync(path.join(workspace, 'new.yaml'), gateway('other', 'shop', ['*']));
  unlinkSync(path.join(workspace, 'nested/deeper/service.yml'));
  await client.filesChanged([
    { uri: uriOf('new.yaml'), type: FileChangeType.Created },
    { uri: uriOf('nested/deeper/service.yml'), type: FileChangeType.Deleted },
  ]);
  await until(() => client.lastDiagnostics(uriOf('new.yaml')) !== undefined || client.stderrOutput.includes('SAFETY-VIOLATION'), 'the new file indexed', 5000).catch(() => undefined);
  await client.changeConfiguration();
  // Closing a workspace file makes the server read it back from disk.
  await client.closeDocument(routes);
  await client.closeDocument(gw);
  await until(() => client.configurationRequests.length >= 2, 'settings pulled again');
  const exit = await client.shutdownAndExit();
  assert.equal(exit.code, 0);

  const stderr = client.stderrOutput;
  t.diagnostic(stderr.trim().split('\n')[0] ?? '');
  assert.match(stderr, /SAFETY-GUARD installed/, 'the preload did not run');
  assert.deepEqual(stderr.split('\n').filter((l) => l.startsWith('SAFETY-VIOLATION')), []);
  assert.deepEqual(client.loggedErrors, []);
  assert.equal(readFileSync(path.join(workspace, 'routes.yaml'), 'utf8'), routesText, 'a workspace file changed on disk');
});
