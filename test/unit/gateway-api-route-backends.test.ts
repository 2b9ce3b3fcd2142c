import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { gatewayWithListeners, httpRoute, referenceGrant, service, type BackendSpec } from '../helpers/gateway-api-routes';

const backendCodes = ['IY0208', 'IY0209', 'IY0210', 'IY0211', 'IY0212', 'IY0216', 'IY0217'];
const backends = (text: string) => check(text).filter((f) => backendCodes.includes(f.code));
const gw = gatewayWithListeners('gw', 'shop', `\n- name: http\n  port: 80\n  protocol: HTTP`);
const routeTo = (...list: BackendSpec[][]) => httpRoute('r', 'shop', [{ name: 'gw' }], [], list);

test('a backendRef to an existing Service port in the route namespace has no finding', () => {
  assert.deepEqual(backends(docs(gw, service('web', 'shop', [8080]), routeTo([{ name: 'web', port: 8080 }]))), []);
});

test('IY0208: a backend kind Istio cannot route to, and a Service named by host name (InvalidKind)', () => {
  const found = backends(docs(gw, routeTo([{ name: 'bucket', kind: 'Bucket', group: 's3.example.io', port: 80 }])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0208');
  assert.match(found[0].message, /InvalidKind/);
  const hostName = backends(docs(gw, routeTo([{ name: 'web.shop.svc.cluster.local', port: 80 }])));
  assert.equal(hostName[0]?.code, 'IY0208');
  // Istio's own backend kinds are accepted.
  assert.deepEqual(backends(docs(gw, routeTo([{ name: 'api.example.com', kind: 'Hostname', group: 'networking.istio.io', port: 443 }]))), []);
});

test('IY0209: a Service that does not exist, only where the workspace holds Services of that namespace (BackendNotFound)', () => {
  assert.deepEqual(backends(docs(gw, routeTo([{ name: 'web', port: 80 }]))), [], 'no Services in the workspace: not judged');
  const found = backends(docs(gw, service('api', 'shop', [80]), routeTo([{ name: 'web', port: 80 }])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0209');
  assert.match(found[0].message, /Service shop\/web not found.*BackendNotFound.*api/);
});

test('IY0210: a port the Service does not expose', () => {
  const found = backends(docs(gw, service('web', 'shop', [8080, 9090]), routeTo([{ name: 'web', port: 80 }])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0210');
  assert.equal(found[0].text, '80');
  assert.match(found[0].message, /8080, 9090/);
});

test('IY0212: a Service backendRef without port, with the Service\'s only port as the fix', () => {
  const found = backends(docs(gw, service('web', 'shop', [8080]), routeTo([{ name: 'web' }])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0212');
  assert.equal(found[0].finding.data?.fix, 'set-backend-port');
  assert.equal(found[0].finding.data?.port, 8080);
  const two = backends(docs(gw, service('web', 'shop', [8080, 9090]), routeTo([{ name: 'web' }])));
  assert.equal(two[0]?.finding.data, undefined);
});

test('IY0211: a cross-namespace backendRef needs a ReferenceGrant in the target namespace that allows it (RefNotPermitted)', () => {
  const cross = routeTo([{ name: 'pay', namespace: 'payments', port: 80 }]);
  const found = backends(docs(gw, cross));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0211');
  assert.equal(found[0].finding.data?.fix, 'add-reference-grant');
  assert.equal(found[0].finding.data?.toNamespace, 'payments');
  assert.deepEqual(backends(docs(gw, cross, referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service' }))), []);
  assert.deepEqual(backends(docs(gw, cross, referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service', name: 'pay' }))), []);
  // A grant for another name, another route kind, another source namespace or in the wrong namespace does not count.
  for (const grant of [
    referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service', name: 'other' }),
    referenceGrant('payments', { kind: 'GRPCRoute', namespace: 'shop' }, { kind: 'Service' }),
    referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'cart' }, { kind: 'Service' }),
    referenceGrant('shop', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service' }),
  ]) {
    assert.equal(backends(docs(gw, cross, grant))[0]?.code, 'IY0211', grant);
  }
});

test('IY0211 also applies to a RequestMirror backendRef', () => {
  const mirror = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: m
  namespace: shop
spec:
  parentRefs:
  - name: gw
  rules:
  - filters:
    - type: RequestMirror
      requestMirror:
        backendRef:
          name: shadow
          namespace: test
          port: 80
    backendRefs:
    - name: web
      port: 80
`;
  const found = backends(docs(gw, mirror));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /RequestMirror backendRef test\/shadow/);
});

test('IY0216: every backend of a rule weighted 0 sends nothing; IY0217 shows the effective split', () => {
  const zero = backends(docs(gw, routeTo([{ name: 'a', port: 80, weight: 0 }, { name: 'b', port: 80, weight: 0 }])));
  assert.deepEqual(zero.map((f) => f.code), ['IY0216']);
  const split = backends(docs(gw, routeTo([{ name: 'v1', port: 80, weight: 3 }, { name: 'v2', port: 80, weight: 1 }])));
  assert.deepEqual(split.map((f) => f.code), ['IY0217']);
  assert.match(split[0].message, /v1:80 75%, v2:80 25%/);
  // One backend, or several without weights: no split to show.
  assert.deepEqual(backends(docs(gw, routeTo([{ name: 'v1', port: 80, weight: 5 }]))), []);
  assert.deepEqual(backends(docs(gw, routeTo([{ name: 'v1', port: 80 }, { name: 'v2', port: 80 }]))), []);
});

test('IY0211: a mesh route (parents that are Services) needs no ReferenceGrant, as Istio does not enforce them there', () => {
  const meshRoute = httpRoute('r', 'shop', [{ name: 'pay', namespace: 'payments', kind: 'Service', group: '', port: 80 }], [], [[{ name: 'pay', namespace: 'payments', port: 80 }]]);
  assert.deepEqual(backends(meshRoute), []);
  const both = httpRoute('r', 'shop', [{ name: 'pay', namespace: 'payments', kind: 'Service', group: '' }, { name: 'gw' }], [], [[{ name: 'pay', namespace: 'payments', port: 80 }]]);
  assert.equal(backends(docs(gw, both))[0]?.code, 'IY0211');
});

test('IY0208 is Istio\'s rule: a route whose every parent another controller programs may use that controller\'s backend kinds', () => {
  const foreignClass = `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: example\nspec:\n  controllerName: example.com/gateway-controller\n`;
  const foreign = gatewayWithListeners('other', 'shop', `\n- name: http\n  port: 80\n  protocol: HTTP`, 'example');
  const toBucket = httpRoute('r', 'shop', [{ name: 'other' }], [], [[{ name: 'b', kind: 'Bucket', group: 'example.com', port: 80 }]]);
  assert.deepEqual(backends(docs(foreignClass, foreign, toBucket)), []);
  // Without the GatewayClass the controller is unknown, and Istio's built-in class is Istio's: judged.
  assert.equal(backends(docs(foreign, toBucket))[0]?.code, 'IY0208');
  const both = httpRoute('r', 'shop', [{ name: 'other' }, { name: 'gw' }], [], [[{ name: 'b', kind: 'Bucket', group: 'example.com', port: 80 }]]);
  assert.equal(backends(docs(foreignClass, foreign, gw, both))[0]?.code, 'IY0208');
});
