import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { documentSymbols } from '../../server/src/features/symbols';
import { testCatalog } from '../helpers/catalog';
import { engineWith, findingsIn, uriOf } from '../helpers/engine';

/** Two objects as `kubectl get gw,vs -o yaml` prints them: one List document whose items are the objects. */
const listOf = (gatewayName: string, timeoutKey = 'timeout') => `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata:
    name: ${gatewayName}
    namespace: shop
  spec:
    selector:
      istio: ingressgateway
    servers:
    - port:
        number: 80
        name: http
        protocol: HTTP
      hosts:
      - shop.example.org
- apiVersion: networking.istio.io/v1
  kind: VirtualService
  metadata:
    name: storefront
    namespace: shop
  spec:
    hosts:
    - shop.example.org
    gateways:
    - public
    http:
    - ${timeoutKey}: 5s
      route:
      - destination:
          host: storefront
`;

test('the items of a List are resources: cross-references between them resolve', () => {
  assert.deepEqual(findingsIn(engineWith({ 'list.yaml': listOf('public') }), 'list.yaml'), []);
  const missing = findingsIn(engineWith({ 'list.yaml': listOf('other') }), 'list.yaml');
  assert.deepEqual(missing.map((f) => [f.code, f.line, f.text]), [['IST0101', 30, 'public']]);
  assert.equal(missing[0].finding.resource?.name, 'storefront');
});

test('schema findings land inside the item, on the offending key', () => {
  const found = findingsIn(engineWith({ 'list.yaml': listOf('public', 'timout') }), 'list.yaml');
  assert.deepEqual(found.map((f) => [f.code, f.line, f.text]), [['IST0106', 32, 'timout']]);
  assert.match(found[0].message, /Unknown field "timout".*Did you mean "timeout"/);
});

test('an edit of one item re-checks the other: renaming the Gateway raises and clears the finding', () => {
  const engine = engineWith({ 'list.yaml': listOf('public') });
  assert.deepEqual(findingsIn(engine, 'list.yaml'), []);
  engine.setFile(uriOf('list.yaml'), listOf('renamed'));
  assert.deepEqual(findingsIn(engine, 'list.yaml').map((f) => f.code), ['IST0101']);
  engine.setFile(uriOf('list.yaml'), listOf('public'));
  assert.deepEqual(findingsIn(engine, 'list.yaml'), []);
});

test('a Gateway in a List serves a VirtualService in another file', () => {
  const vsOnly = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: api
  namespace: shop
spec:
  hosts: [shop.example.org]
  gateways: [public]
  http:
  - route:
    - destination:
        host: api
`;
  const engine = engineWith({ 'list.yaml': listOf('public'), 'vs.yaml': vsOnly });
  assert.deepEqual(findingsIn(engine, 'vs.yaml'), []);
});

test('the outline has one entry per item, spanning the item', () => {
  const symbols = documentSymbols(engineWith({ 'list.yaml': listOf('public') }), uriOf('list.yaml'));
  assert.deepEqual(symbols.map((s) => [s.name, s.range.start.line]), [
    ['Gateway shop/public', 5],
    ['VirtualService shop/storefront', 20],
  ]);
});

test('the CLI reads List items too', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-list-'));
  try {
    const file = path.join(dir, 'dump.yaml');
    fs.writeFileSync(file, listOf('other', 'timout'));
    let stdout = '';
    const code = runCli(['check', file], testCatalog, { stdout: (s) => (stdout += s), stderr: () => undefined });
    assert.equal(code, 1);
    assert.match(stdout, /dump\.yaml:30:7 error IST0101 \[VirtualService shop\/storefront\]/);
    assert.match(stdout, /dump\.yaml:32:7 error IST0106 \[VirtualService shop\/storefront\] Unknown field "timout"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
