import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ApplyWorkspaceEditRequest,
  CompletionRequest,
  ExecuteCommandRequest,
  type ApplyWorkspaceEditParams,
  type CompletionItem,
  type CompletionList,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from '../helpers/apply-edits';
import { docs } from '../helpers/engine';
import { deployment, service as kubernetesService } from '../helpers/kubernetes';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

const timeout = 30_000;
const serviceUri = 'file:///cmd/reviews.yaml';
const routeUri = 'file:///cmd/route.yaml';
const service = docs(
  kubernetesService('reviews', 'shop', [{ name: 'http', port: 9080 }], { app: 'reviews' }),
  deployment('reviews-v2', 'shop', { app: 'reviews', version: 'v2' }),
);
const route = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: 
`;

test('a create-subset completion item over the protocol: its command makes the server ask the editor to add a DestinationRule, which clears IST0101', { timeout }, async (t) => {
  const { client, initializeResult } = await LspClient.start();
  t.after(() => client.close());
  assert.deepEqual(initializeResult.capabilities.executeCommandProvider?.commands, ['istio.createSubset']);
  await client.open(serviceUri, service);
  await client.open(routeUri, route);
  const position = { line: 11, character: 16 };
  const result = (await client.request(CompletionRequest.type, { textDocument: { uri: routeUri }, position })) as CompletionList | CompletionItem[] | null;
  assert.ok(result);
  const items = Array.isArray(result) ? result : result.items;
  const create = items.find((i) => i.label === 'v2');
  assert.ok(create?.command, JSON.stringify(items));

  // The editor inserts the item's text, then runs its command.
  const inserted = applyTextEdits(route, [create.textEdit as TextEdit]);
  const withSubset = await client.change(routeUri, { text: inserted });
  assert.ok(withSubset.some((d) => d.code === 'IST0101'), 'the inserted subset is not defined yet');
  const asked: ApplyWorkspaceEditParams[] = [];
  client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
    asked.push(params);
    return { applied: true };
  });
  await client.request(ExecuteCommandRequest.type, { command: create.command.command, arguments: create.command.arguments });
  assert.equal(asked.length, 1);
  const edits = asked[0].edit.changes?.[routeUri];
  assert.ok(edits, JSON.stringify(asked[0].edit));
  const created = applyTextEdits(inserted, edits);
  assert.match(created, /subset: v2\n---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\n[^]*subsets:\n  - name: v2\n    labels:\n      version: v2\n$/);
  const fixed = await client.change(routeUri, { text: created });
  assert.deepEqual(fixed.filter((d) => d.code === 'IST0101'), [], JSON.stringify(fixed));
});
