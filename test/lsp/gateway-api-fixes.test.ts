import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionRequest, type CodeAction, type TextEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from '../helpers/apply-edits';
import { gatewayWithListeners, httpRoute } from '../helpers/gateway-api-routes';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

const timeout = 30_000;

test('a ReferenceGrant quick fix for IY0211 over the protocol: one edit appending the grant, which clears the diagnostic', { timeout }, async (t) => {
  const { client } = await LspClient.start();
  t.after(() => client.close());
  const gwUri = 'file:///gwapi/gateway.yaml';
  const routeUri = 'file:///gwapi/route.yaml';
  const routeText = httpRoute('r', 'shop', [{ name: 'gw' }], [], [[{ name: 'pay', namespace: 'payments', port: 80 }]]);
  await client.open(gwUri, gatewayWithListeners('gw', 'shop', '- name: http\n  port: 80\n  protocol: HTTP'));
  const diagnostics = await client.open(routeUri, routeText);
  const refused = diagnostics.find((d) => d.code === 'IY0211');
  assert.ok(refused, JSON.stringify(diagnostics));

  const actions = ((await client.request(CodeActionRequest.type, { textDocument: { uri: routeUri }, range: refused.range, context: { diagnostics: [refused] } })) ?? []) as CodeAction[];
  const fix = actions.find((a) => a.title === 'Add a ReferenceGrant in namespace payments allowing HTTPRoutes from shop');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['IY0211']);
  const changes = fix.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [routeUri], 'only the route file changes');
  const edits = changes[routeUri] as TextEdit[];
  assert.equal(edits.length, 1);
  const end = { line: routeText.split('\n').length - 1, character: 0 };
  assert.deepEqual(edits[0].range, { start: end, end }, 'inserted at the end of the file');
  assert.match(edits[0].newText, /^---\napiVersion: gateway\.networking\.k8s\.io\/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow-shop-httproute-to-pay\n  namespace: payments\n/);

  const fixed = applyTextEdits(routeText, edits);
  const afterFix = await client.change(routeUri, { text: fixed });
  assert.deepEqual(afterFix.filter((d) => d.code === 'IY0211'), [], JSON.stringify(afterFix));
});
