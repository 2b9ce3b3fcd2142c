import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentSymbols } from '../../server/src/features/symbols';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { destinationRule, gateway, virtualService } from '../helpers/manifests';
import { gatewayApiWorkspace } from '../helpers/gateway-api-workspace';

test('one outline entry per resource, named Kind namespace/name', () => {
  const text = docs(gateway('gw', 'istio-system', ['*']), virtualService('vs', undefined, ['a.b'], ['istio-system/gw']), 'just: a comment-free map\n', destinationRule('dr', 'bookinfo', 'r', ['v1']));
  const symbols = documentSymbols(engineWith({ 's.yaml': text }), uriOf('s.yaml'));
  assert.deepEqual(symbols.map((s) => s.name), ['Gateway istio-system/gw', 'VirtualService default/vs', 'DestinationRule bookinfo/dr']);
  const [gw, vs] = symbols;
  assert.equal(gw.range.start.line, 0);
  assert.equal(vs.range.start.line, gw.range.end.line, 'second resource starts where the first ends');
  assert.equal(vs.selectionRange.start.line, vs.range.start.line + 4, 'selection is the name');
  assert.ok(vs.selectionRange.start.line >= vs.range.start.line && vs.selectionRange.end.line <= vs.range.end.line);
});

test('Gateway API listeners and route rules are children of their resource', () => {
  const symbols = documentSymbols(gatewayApiWorkspace(), uriOf('gw.yaml'));
  assert.deepEqual(symbols.map((s) => [s.name, (s.children ?? []).map((c) => `${c.name} (${c.detail})`)]), [
    ['Gateway infra/public', ['http (80 HTTP)', 'https (443 HTTPS *.example.com)']],
    ['ListenerSet infra/extra', ['admin (8443 HTTP)']],
  ]);
  const [http] = symbols[0].children!;
  assert.deepEqual(http.selectionRange, { start: { line: 8, character: 10 }, end: { line: 8, character: 14 } });
  assert.equal(http.range.start.line, 8);
  assert.equal(http.range.end.line, 14);

  const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
spec:
  rules:
  - name: api
    matches:
    - path:
        type: Exact
        value: /api
    backendRefs:
    - name: api
    - name: api-v2
  - matches:
    - headers:
      - name: x-canary
        value: "1"
    backendRefs:
    - name: canary
  - backendRefs:
    - name: web
`;
  const rules = documentSymbols(engineWith({ 'r.yaml': route }), uriOf('r.yaml'))[0].children ?? [];
  assert.deepEqual(rules.map((c) => `${c.name}: ${c.detail}`), ['api: Exact /api → api, api-v2', 'rule 2: headers x-canary → canary', 'rule 3: → web']);
  assert.deepEqual(rules[1].selectionRange.start, rules[1].range.start, 'an unnamed rule selects its start');
});
