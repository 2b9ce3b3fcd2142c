import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  RenameRequest,
  type CodeAction,
  type CompletionList,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { createEngine } from '../../server/src/engine/engine';
import { isCurrentText } from '../../server/src/features/code-actions';
import { applyTextEdits } from '../helpers/apply-edits';
import { testCatalog } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';
import { positionOf } from '../helpers/positions';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

/**
 * Edits are never computed on one version and applied to another: requests that follow an edit see the
 * edited text (the server applies didChange before it answers what comes after), requests about text the
 * server does not hold get nothing, and an answer to a request sent before an edit describes the old version.
 */

const timeout = 30_000;
const uri = 'file:///stale/routes.yaml';
const v1 = docs(gateway('bookinfo-gateway', 'istio-system', ['*']), virtualService('reviews', 'default', ['reviews'], ['bookinfo-gateway']));
const inserted = '# one\n# two\n# three\n';
const v2 = inserted + v1;

/** The `gateways` entry (not the Gateway's own name). */
const refIn = (text: string) => positionOf(text, '- bookinfo-gateway');

async function opened(t: TestContext): Promise<LspClient> {
  const { client } = await LspClient.start();
  t.after(() => client.close());
  const diagnostics = await client.open(uri, v1);
  assert.ok(diagnostics.some((d) => d.code === 'IST0101'), 'the fixture has no IST0101');
  return client;
}

function editsFor(edit: WorkspaceEdit | undefined, target: string): TextEdit[] {
  return edit?.changes?.[target] ?? [];
}

const insertTopLines = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted };

test('a quick fix requested right after an edit is computed on the edited text', { timeout }, async (t) => {
  const client = await opened(t);
  // No wait for diagnostics between the edit and the request: the server must still answer for version 2.
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [insertTopLines] });
  const ref = refIn(v2);
  const actions = (await client.request(CodeActionRequest.type, { textDocument: { uri }, range: { start: ref, end: { line: ref.line, character: ref.character + 18 } }, context: { diagnostics: [] } })) as CodeAction[];
  const qualify = actions.find((a) => /istio-system\/bookinfo-gateway/.test(a.title));
  assert.ok(qualify, `no qualify fix among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(qualify.diagnostics?.[0]?.range.start.line, ref.line, 'the fix is attached to a diagnostic of the old version');
  assert.equal(applyTextEdits(v2, editsFor(qualify.edit, uri)), v2.replace('- bookinfo-gateway', '- istio-system/bookinfo-gateway'));

  // The old coordinates of the finding now point at other lines: nothing is offered there.
  const old = refIn(v1);
  const stale = (await client.request(CodeActionRequest.type, { textDocument: { uri }, range: { start: old, end: { line: old.line, character: old.character + 18 } }, context: { diagnostics: [] } })) as CodeAction[];
  assert.deepEqual(stale.map((a) => a.title), []);
});

test('a rename requested right after an edit is computed on the edited text', { timeout }, async (t) => {
  const client = await opened(t);
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [insertTopLines] });
  const name = positionOf(v2, 'bookinfo-gateway');
  const rename = await client.request(RenameRequest.type, { textDocument: { uri }, position: name, newName: 'edge' });
  // Only the Gateway's own name: the VirtualService's plain `bookinfo-gateway` means default/bookinfo-gateway, another Gateway.
  assert.equal(applyTextEdits(v2, editsFor(rename ?? undefined, uri)), v2.replace('name: bookinfo-gateway', 'name: edge'));
});

test('completion typed right after an edit answers for the edited text, and later requests see the edit too', { timeout }, async (t) => {
  const client = await opened(t);
  // A new key started under the VirtualService's spec, and completion asked at once, as when typing.
  const at = v1.length;
  const end = positionOf(v1 + '|', '|');
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: end, end }, text: '  ht' }],
  });
  const cursor = { line: end.line, character: 4 };
  const list = (await client.request(CompletionRequest.type, { textDocument: { uri }, position: cursor })) as CompletionList;
  const http = list.items.find((i) => i.label === 'http');
  assert.ok(http, `no http among ${list.items.map((i) => i.label).join(', ')}`);
  assert.deepEqual((http.textEdit as TextEdit).range, { start: { line: end.line, character: 2 }, end: cursor });
  assert.ok(!list.items.some((i) => i.label === 'hosts'), 'hosts is already there');
  // The engine reads the edit when it next needs it: a rename now sees the new text.
  const name = positionOf(v1, 'bookinfo-gateway');
  const rename = await client.request(RenameRequest.type, { textDocument: { uri }, position: name, newName: 'edge' });
  assert.equal(applyTextEdits(v1.slice(0, at) + '  ht', editsFor(rename ?? undefined, uri)), (v1.slice(0, at) + '  ht').replace('name: bookinfo-gateway', 'name: edge'));
});

test('code actions for a document the server does not hold (never opened, or closed) are empty', { timeout }, async (t) => {
  const client = await opened(t);
  const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
  assert.deepEqual(await client.request(CodeActionRequest.type, { textDocument: { uri: 'file:///stale/never-opened.yaml' }, range, context: { diagnostics: [] } }), []);
  await client.closeDocument(uri);
  assert.deepEqual(await client.request(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } }), []);
});

test('a quick fix requested before an edit answers for the old version (a client must drop it)', { timeout }, async (t) => {
  const client = await opened(t);
  const ref = refIn(v1);
  // Request first, edit right behind it: messages are handled in order, so the answer is about version 1.
  const pending = client.request(CodeActionRequest.type, { textDocument: { uri }, range: { start: ref, end: { line: ref.line, character: ref.character + 18 } }, context: { diagnostics: [] } });
  void client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [insertTopLines] });
  const actions = (await pending) as CodeAction[];
  const qualify = actions.find((a) => /istio-system\/bookinfo-gateway/.test(a.title));
  assert.ok(qualify);
  const versioned = qualify.edit?.documentChanges?.find((c): c is Extract<typeof c, { textDocument: unknown }> => 'textDocument' in c);
  if (versioned) {
    // A versioned edit lets the client refuse it by itself.
    assert.equal(versioned.textDocument.version, 1);
  } else {
    // An unversioned edit (WorkspaceEdit.changes) is right for version 1 only; applied to version 2 it would land 3 lines too high.
    const edits = editsFor(qualify.edit, uri);
    assert.equal(applyTextEdits(v1, edits), v1.replace('- bookinfo-gateway', '- istio-system/bookinfo-gateway'));
    assert.notEqual(applyTextEdits(v2, edits), v2.replace('- bookinfo-gateway', '- istio-system/bookinfo-gateway'));
  }
});

test('isCurrentText: the server answers code actions only when its document text is the engine text', () => {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile(uri, v1);
  assert.equal(isCurrentText(engine, uri, v1), true);
  assert.equal(isCurrentText(engine, uri, v2), false);
  assert.equal(isCurrentText(engine, 'file:///stale/other.yaml', v1), false);
});
