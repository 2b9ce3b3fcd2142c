import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { pod } from '../helpers/kubernetes';
import { selecting, telemetry } from '../helpers/policies';

const conflicts = (text: string) => check(text).filter((f) => f.code === 'IST0159');

test('two Telemetries selecting one pod are each reported, naming the other and the pod', () => {
  const found = conflicts(docs(pod('cart-1', 'shop', { app: 'cart', v: '1' }), telemetry('a', 'shop', selecting({ app: 'cart' })), telemetry('b', 'shop', selecting({ v: '1' }))));
  assert.deepEqual(found.map((f) => f.text).sort(), ['a', 'b']);
  assert.match(found[0].message, /The Telemetries a, b in namespace shop all select Pod shop\/cart-1/);
  const related = found[0].finding.related ?? [];
  assert.ok(related.some((r) => r.resource?.kind === 'Pod'));
  assert.ok(related.some((r) => r.resource?.kind === 'Telemetry'));
});

test('one report per Telemetry and shared pod; namespace defaults and other namespaces do not take part', () => {
  const pods = docs(pod('p1', 'shop', { tier: 'api' }), pod('p2', 'shop', { tier: 'api' }));
  assert.equal(conflicts(docs(pods, telemetry('a', 'shop', selecting({ tier: 'api' })), telemetry('b', 'shop', selecting({ tier: 'api' })))).length, 4);
  assert.deepEqual(conflicts(docs(pods, telemetry('a', 'shop', selecting({ tier: 'api' })), telemetry('all', 'shop', '  tracing:\n  - randomSamplingPercentage: 1'))), []);
  assert.deepEqual(conflicts(docs(pods, pod('p1', 'dev', { tier: 'api' }), telemetry('a', 'shop', selecting({ tier: 'api' })), telemetry('a', 'dev', selecting({ tier: 'api' })))), []);
});

test('two Telemetries on the assumed ingress gateway in istio-system conflict', () => {
  const found = conflicts(docs(telemetry('a', 'istio-system', selecting({ istio: 'ingressgateway' })), telemetry('b', 'istio-system', selecting({ istio: 'ingressgateway' }))));
  assert.equal(found.length, 2);
  assert.match(found[0].message, /ingress gateway pod istio-system\/istio-ingressgateway \(assumed installed\)/);
});
