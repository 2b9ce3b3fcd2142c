import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { selecting, telemetry } from '../helpers/policies';

const notFound = (text: string) => check(text).filter((f) => f.code === 'IST0101');

test('a selector no workload of the namespace matches is an error on matchLabels', () => {
  const found = notFound(docs(pod('cart-1', 'shop', { app: 'cart' }), telemetry('t', 'shop', selecting({ app: 'checkout' }))));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'matchLabels');
  assert.match(found[0].message, /Referenced selector not found: "app=checkout"/);
});

test('quiet without workloads, for pod templates, and for the assumed ingress gateway in istio-system', () => {
  assert.deepEqual(notFound(telemetry('t', 'shop', selecting({ app: 'checkout' }))), []);
  assert.deepEqual(notFound(docs(deployment('cart', 'shop', { app: 'cart' }), telemetry('t', 'shop', selecting({ app: 'cart' })))), []);
  assert.deepEqual(notFound(docs(pod('cart-1', 'shop', { app: 'cart' }), telemetry('t', 'istio-system', selecting({ istio: 'ingressgateway' })))), []);
});

test('pods of another namespace do not count; placeholders and empty selectors are not judged', () => {
  const app = pod('cart-1', 'shop', { app: 'cart' });
  assert.equal(notFound(docs(app, telemetry('t', 'audit', selecting({ app: 'cart' })))).length, 1);
  assert.deepEqual(notFound(docs(app, telemetry('t', 'shop', selecting({ app: '${APP}' })))), []);
  assert.deepEqual(notFound(docs(app, telemetry('t', 'shop', '  selector: {}'))), []);
});
