import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, CompletionRequest, InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-protocol/node';
import { virtualService } from '../helpers/manifests';
import { positionOf } from '../helpers/positions';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

after(closeAllClientsAndCheck);

const timeout = 30_000;

async function startClient(t: TestContext) {
  const started = await LspClient.start();
  t.after(() => started.client.close());
  return started.client;
}

function snippetItems(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  assert.ok(result, 'completion returned null');
  return (Array.isArray(result) ? result : result.items).filter((i) => i.kind === CompletionItemKind.Snippet);
}

test('the bundled server offers the resource snippets in an empty file, and the route snippets inside an http route', { timeout }, async (t) => {
  const client = await startClient(t);
  const emptyUri = 'file:///work/new.yaml';
  await client.open(emptyUri, '');
  const atStart = snippetItems(await client.request(CompletionRequest.type, { textDocument: { uri: emptyUri }, position: { line: 0, character: 0 } }));
  const gateway = atStart.find((i) => i.label === 'istio-gateway');
  assert.ok(gateway, `no istio-gateway in ${atStart.map((i) => i.label).join(', ')}`);
  assert.equal(gateway.insertTextFormat, InsertTextFormat.Snippet);
  assert.match((gateway.textEdit as TextEdit).newText, /^kind: Gateway$/m);

  const uri = 'file:///work/route.yaml';
  const text = virtualService('reviews', 'default', ['reviews'], [], '  http:\n  - \n');
  await client.open(uri, text);
  const position = { line: positionOf(text, '  - \n').line, character: 4 };
  const inRoute = snippetItems(await client.request(CompletionRequest.type, { textDocument: { uri }, position }));
  const labels = inRoute.map((i) => i.label);
  assert.ok(labels.includes('http-route') && labels.includes('retry-policy'), labels.join(', '));
  assert.ok(!labels.includes('istio-gateway') && !labels.includes('istio-virtualservice'), `resource snippets inside an http route: ${labels.join(', ')}`);
  assert.deepEqual((inRoute.find((i) => i.label === 'http-route')?.textEdit as TextEdit).range, { start: position, end: position });
});
