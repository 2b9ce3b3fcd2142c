import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CodeLensRequest,
  DefinitionRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type Location,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from '../helpers/apply-edits';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';
import { positionOf } from '../helpers/positions';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

const timeout = 30_000;
const gwUri = 'file:///nav/gateway.yaml';
const vsUri = 'file:///nav/routes.yaml';
const gwText = gateway('public', 'istio-system', ['*.example.com']);
const vsText = docs(
  virtualService('web', 'shop', ['web.example.com'], ['istio-system/public'], httpRoute([{ host: 'web', subset: 'v1', weight: 90 }, { host: 'web', subset: 'v2', weight: 10 }])),
  destinationRule('web', 'shop', 'web', ['v1']),
);

async function opened(t: TestContext) {
  const { client } = await LspClient.start();
  t.after(() => client.close());
  await client.open(gwUri, gwText);
  const diagnostics = await client.open(vsUri, vsText);
  return { client, diagnostics };
}

test('definition, references and workspace symbols over the protocol', { timeout }, async (t) => {
  const { client } = await opened(t);
  const definition = (await client.request(DefinitionRequest.type, { textDocument: { uri: vsUri }, position: positionOf(vsText, 'istio-system/public', 0) })) as Location[];
  assert.equal(definition.length, 1);
  assert.equal(definition[0].uri, gwUri);
  assert.equal(definition[0].range.start.line, positionOf(gwText, 'public').line);

  const references = (await client.request(ReferencesRequest.type, { textDocument: { uri: gwUri }, position: positionOf(gwText, 'public'), context: { includeDeclaration: false } })) ?? [];
  assert.deepEqual(references.map((r) => [r.uri, r.range.start.line]), [[vsUri, positionOf(vsText, 'istio-system/public').line]]);

  const symbols = ((await client.request(WorkspaceSymbolRequest.type, { query: 'web' })) ?? []) as SymbolInformation[];
  assert.deepEqual(symbols.map((s) => s.name).sort(), ['DestinationRule shop/web', 'VirtualService shop/web']);
});

test('rename a Gateway updates the reference in the other file', { timeout }, async (t) => {
  const { client } = await opened(t);
  const position = positionOf(gwText, 'public');
  const prepared = await client.request(PrepareRenameRequest.type, { textDocument: { uri: gwUri }, position });
  assert.ok(prepared && 'placeholder' in prepared && prepared.placeholder === 'public');
  const edit = await client.request(RenameRequest.type, { textDocument: { uri: gwUri }, position, newName: 'edge' });
  const changes = edit?.changes ?? {};
  assert.match(applyTextEdits(vsText, changes[vsUri] ?? []), /- istio-system\/edge\n/);
  assert.match(applyTextEdits(gwText, changes[gwUri] ?? []), /name: edge\n/);
  await assert.rejects(client.request(PrepareRenameRequest.type, { textDocument: { uri: vsUri }, position: positionOf(vsText, 'weight') }));
});

test('a quick fix for a missing subset, applied, clears the diagnostic', { timeout }, async (t) => {
  const { client, diagnostics } = await opened(t);
  const missing = diagnostics.find((d) => d.code === 'IST0101');
  assert.ok(missing, JSON.stringify(diagnostics));
  const actions = ((await client.request(CodeActionRequest.type, { textDocument: { uri: vsUri }, range: missing.range, context: { diagnostics: [missing] } })) ?? []) as CodeAction[];
  const fix = actions.find((a) => a.title.includes('Add subset "v2"'));
  assert.ok(fix?.edit?.changes, JSON.stringify(actions.map((a) => a.title)));
  const fixed = applyTextEdits(vsText, (fix.edit.changes[vsUri] ?? []) as TextEdit[]);
  const after = await client.change(vsUri, { text: fixed });
  assert.equal(after.filter((d) => d.code === 'IST0101').length, 0, JSON.stringify(after));
});

test('code lenses: Gateway bindings and the weighted split', { timeout }, async (t) => {
  const { client } = await opened(t);
  const gwLenses = (await client.request(CodeLensRequest.type, { textDocument: { uri: gwUri } })) ?? [];
  assert.deepEqual(gwLenses.map((l) => l.command?.title), ['bound by 1 VirtualService']);
  const vsLenses = (await client.request(CodeLensRequest.type, { textDocument: { uri: vsUri } })) ?? [];
  assert.ok(vsLenses.some((l) => /v1 90% · v2 10%/.test(l.command?.title ?? '')), JSON.stringify(vsLenses.map((l) => l.command?.title)));
});
