import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionItem,
  type CompletionList,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from '../helpers/apply-edits';
import { gatewayApiFiles } from '../helpers/gateway-api-workspace';
import { positionOf } from '../helpers/positions';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

const timeout = 30_000;
const gwUri = 'file:///gapi/gw.yaml';
const routesUri = 'file:///gapi/routes.yaml';
const gwText = gatewayApiFiles['gw.yaml'];
const routesText = gatewayApiFiles['routes.yaml'];

async function opened(t: TestContext) {
  const { client } = await LspClient.start();
  t.after(() => client.close());
  await client.open(gwUri, gwText);
  await client.open(routesUri, routesText);
  return client;
}

function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  assert.ok(result, 'completion returned null');
  return Array.isArray(result) ? result : result.items;
}

test('definition from a parentRef and its sectionName into the Gateway file, references back', { timeout }, async (t) => {
  const client = await opened(t);
  const toGateway = (await client.request(DefinitionRequest.type, { textDocument: { uri: routesUri }, position: positionOf(routesText, 'public') })) as Location[];
  assert.deepEqual(toGateway.map((l) => [l.uri, l.range.start]), [[gwUri, positionOf(gwText, 'public')]]);
  const toListener = (await client.request(DefinitionRequest.type, { textDocument: { uri: routesUri }, position: positionOf(routesText, 'https') })) as Location[];
  assert.deepEqual(toListener.map((l) => [l.uri, l.range.start]), [[gwUri, positionOf(gwText, 'https')]]);

  const references = (await client.request(ReferencesRequest.type, { textDocument: { uri: gwUri }, position: positionOf(gwText, 'http'), context: { includeDeclaration: false } })) ?? [];
  assert.deepEqual(references.map((r) => [r.uri, r.range.start.line]), [[routesUri, positionOf(routesText, 'sectionName: http').line], [routesUri, positionOf(routesText, 'sectionName: http', 2).line]]);
});

test('completion of a sectionName just typed lists the listeners of the Gateway in the other file', { timeout }, async (t) => {
  const client = await opened(t);
  const typed = routesText.replace('  - name: public\n  rules:', '  - name: public\n    namespace: infra\n    sectionName: \n  rules:');
  await client.change(routesUri, { text: typed });
  const position = { line: positionOf(typed, '    sectionName: \n').line, character: '    sectionName: '.length };
  const result = items(await client.request(CompletionRequest.type, { textDocument: { uri: routesUri }, position }));
  assert.deepEqual(result.map((i) => [i.label, i.detail]), [['http', 'port 80 · HTTP · any host'], ['https', 'port 443 · HTTPS · *.example.com']]);
  assert.deepEqual(result[0].textEdit, { range: { start: position, end: position }, newText: 'http' });
});

test('listener lenses and a Gateway rename over the protocol', { timeout }, async (t) => {
  const client = await opened(t);
  const lenses = (await client.request(CodeLensRequest.type, { textDocument: { uri: gwUri } })) ?? [];
  assert.deepEqual(lenses.map((l) => l.command?.title), ['2 routes attached', '1 route attached', '1 route attached']);
  const edit = await client.request(RenameRequest.type, { textDocument: { uri: gwUri }, position: positionOf(gwText, 'public'), newName: 'edge' });
  assert.match(applyTextEdits(routesText, edit?.changes?.[routesUri] ?? []), /  - name: edge\n    namespace: infra\n    sectionName: http\n  - name: "edge"\n/);
});
