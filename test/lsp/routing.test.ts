import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { RequestType } from 'vscode-languageserver-protocol/node';
import { traceRequestMethod, trafficGraphRequestMethod, type TraceParams, type TraceResponse, type TrafficGraphParams } from '../../server/src/lsp/custom-requests';
import type { TrafficGraph } from '../../server/src/engine/model/routing/graph-types';
import { repoRoot } from '../helpers/catalog';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

const timeout = 30_000;
const traceRequestType = new RequestType<TraceParams, TraceResponse, void>(traceRequestMethod);
const trafficGraphRequestType = new RequestType<TrafficGraphParams, TrafficGraph, void>(trafficGraphRequestMethod);
const folder = path.join(repoRoot, 'test', 'fixtures', 'routing');
const ingressUri = pathToFileURL(path.join(folder, 'ingress.yaml')).href;

test('istio/traceRequest answers from the scanned workspace folder, and says why a request cannot be read', { timeout }, async (t) => {
  const { client } = await LspClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
  t.after(() => client.close());
  // Sent right away: the server answers once its scan of the folder is done, never from half of it.
  const response = await client.connection.sendRequest(traceRequestType, { url: 'http://bookinfo.example.com/reviews/1', headers: ['end-user: jason'] });
  assert.ok('result' in response, JSON.stringify(response));
  assert.equal(response.result.outcome, 'route');
  assert.equal(response.result.route?.ruleName, 'jason');
  assert.deepEqual(response.result.destinations.map((d) => d.workloads), [['Deployment default/reviews-v2']]);
  assert.ok(response.result.steps.some((s) => s.file === ingressUri && (s.line ?? 0) > 0));

  const bad = await client.connection.sendRequest(traceRequestType, { url: 'http://example.com/', headers: ['missing colon'] });
  assert.ok('error' in bad && bad.error.includes('missing colon'), JSON.stringify(bad));
});

test('a Trace… lens on each VirtualService http rule carries a request that rule takes', { timeout }, async (t) => {
  const { client } = await LspClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
  t.after(() => client.close());
  await client.open(ingressUri, fs.readFileSync(path.join(folder, 'ingress.yaml'), 'utf8'));
  const lenses = (await client.request(CodeLensRequest.type, { textDocument: { uri: ingressUri } })) ?? [];
  const traces = lenses.filter((l) => l.command?.command === 'istio.traceRequest');
  // bookinfo has 4 http rules, catch-all 1, shop 1.
  assert.equal(traces.length, 6);
  for (const [i, lens] of traces.slice(0, 4).entries()) {
    const params = lens.command?.arguments?.[0] as TraceParams;
    assert.deepEqual(params.entry, { kind: 'ingress', gateway: { namespace: 'istio-system', name: 'public' } });
    const response = await client.connection.sendRequest(traceRequestType, params);
    assert.ok('result' in response, JSON.stringify(response));
    assert.deepEqual([response.result.route?.name, response.result.route?.rule], ['bookinfo', i], JSON.stringify(params));
  }
});

test('istio/trafficGraph returns the picture of the workspace, and a focused one', { timeout }, async (t) => {
  const { client } = await LspClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
  t.after(() => client.close());
  const whole = await client.connection.sendRequest(trafficGraphRequestType, {});
  assert.ok(whole.nodes.some((n) => n.kind === 'gateway'));
  assert.ok(whole.edges.length > 0);
  const text = fs.readFileSync(path.join(folder, 'gateway-api.yaml'), 'utf8');
  const uri = pathToFileURL(path.join(folder, 'gateway-api.yaml')).href;
  await client.open(uri, text);
  const line = text.split('\n').findIndex((l) => l.includes('name: storefront'));
  const focused = await client.connection.sendRequest(trafficGraphRequestType, { focus: { uri, position: { line, character: 20 } } });
  assert.ok(focused.focus);
  assert.ok(focused.nodes.length > 0 && focused.nodes.length < whole.nodes.length, `${focused.nodes.length} of ${whole.nodes.length}`);
  // Beyond what the view can lay out, only the size comes back.
  const capped = await client.connection.sendRequest(trafficGraphRequestType, { maxNodes: whole.nodes.length - 1 });
  assert.deepEqual(capped, { nodes: [], edges: [], omitted: { nodes: whole.nodes.length, edges: whole.edges.length } });
});
