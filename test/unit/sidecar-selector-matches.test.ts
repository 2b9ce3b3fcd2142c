import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { sidecar } from '../helpers/policies';

const notFound = (text: string) => check(text).filter((f) => f.code === 'IST0101');

test('a selector no workload of the namespace matches is an error on workloadSelector.labels', () => {
  const found = notFound(docs(pod('cart-1', 'shop', { app: 'cart' }), sidecar('checkout', 'shop', { app: 'checkout' })));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'labels');
  assert.match(found[0].message, /Referenced selector not found: "app=checkout"/);
  assert.match(found[0].message, /namespace shop/);
});

test('a workspace without workloads stays quiet', () => {
  assert.deepEqual(notFound(sidecar('checkout', 'shop', { app: 'checkout' })), []);
});

test('pods of another namespace do not count', () => {
  assert.equal(notFound(docs(pod('cart-1', 'shop', { app: 'cart' }), sidecar('cart', 'staging', { app: 'cart' }))).length, 1);
});

test("a controller's pod template and every selector label count", () => {
  assert.deepEqual(notFound(docs(deployment('cart', 'shop', { app: 'cart', version: 'v1' }), sidecar('cart', 'shop', { app: 'cart', version: 'v1' }))), []);
  assert.equal(notFound(docs(deployment('cart', 'shop', { app: 'cart', version: 'v1' }), sidecar('cart', 'shop', { app: 'cart', version: 'v2' }))).length, 1);
});

test('the ingress gateway istioctl assumes in istio-system is selectable there only', () => {
  const app = pod('cart-1', 'shop', { app: 'cart' });
  assert.deepEqual(notFound(docs(app, sidecar('gw', 'istio-system', { istio: 'ingressgateway' }))), []);
  assert.equal(notFound(docs(app, sidecar('gw', 'shop', { istio: 'ingressgateway' }))).length, 1);
});

test('a placeholder in the selector is not judged; Sidecars without selector are not this check', () => {
  const app = pod('cart-1', 'shop', { app: 'cart' });
  assert.deepEqual(notFound(docs(app, sidecar('c', 'shop', { app: '${APP}' }))), []);
  assert.deepEqual(notFound(docs(app, sidecar('c', 'shop'))), []);
});

test('the finding goes when the workload appears in another file', () => {
  const engine = engineWith({ 'sc.yaml': docs(pod('cart-1', 'shop', { app: 'cart' }), sidecar('web', 'shop', { app: 'web' })) });
  assert.equal(findingsIn(engine, 'sc.yaml').filter((f) => f.code === 'IST0101').length, 1);
  engine.setFile('file:///web.yaml', deployment('web', 'shop', { app: 'web' }));
  assert.equal(findingsIn(engine, 'sc.yaml').filter((f) => f.code === 'IST0101').length, 0);
});
