import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { annotatedPod, sidecar } from '../helpers/policies';

const conflicts = (text: string) => check(text).filter((f) => f.code === 'IST0110');

test('two Sidecars selecting one workload are each reported, naming the other and the workload', () => {
  const found = conflicts(docs(deployment('cart', 'shop', { app: 'cart', tier: 'api' }), sidecar('by-app', 'shop', { app: 'cart' }), sidecar('by-tier', 'shop', { tier: 'api' })));
  assert.equal(found.length, 2);
  assert.deepEqual(found.map((f) => f.text).sort(), ['by-app', 'by-tier']);
  for (const f of found) {
    assert.equal(f.severity, 'error');
    assert.match(f.message, /The Sidecars by-app, by-tier in namespace shop all select Deployment shop\/cart/);
    const related = f.finding.related ?? [];
    assert.ok(related.some((r) => r.resource?.kind === 'Deployment' && r.resource.name === 'cart'));
    assert.ok(related.some((r) => r.resource?.kind === 'Sidecar' && r.resource.name !== f.text));
  }
});

test('one report per Sidecar and shared workload', () => {
  const text = docs(pod('a', 'shop', { tier: 'api' }), pod('b', 'shop', { tier: 'api' }), sidecar('one', 'shop', { tier: 'api' }), sidecar('two', 'shop', { tier: 'api' }));
  assert.equal(conflicts(text).length, 4);
});

test('distinct workloads, other namespaces and placeholder selectors do not conflict', () => {
  assert.deepEqual(conflicts(docs(pod('a', 'shop', { app: 'a' }), pod('b', 'shop', { app: 'b' }), sidecar('one', 'shop', { app: 'a' }), sidecar('two', 'shop', { app: 'b' }))), []);
  assert.deepEqual(conflicts(docs(pod('a', 'shop', { app: 'a' }), pod('a', 'dev', { app: 'a' }), sidecar('one', 'shop', { app: 'a' }), sidecar('one', 'dev', { app: 'a' }))), []);
  assert.deepEqual(conflicts(docs(pod('a', 'shop', { app: 'a' }), sidecar('one', 'shop', { app: 'a' }), sidecar('two', 'shop', { app: '${APP}' }))), []);
});

test('a workload in ambient mode has no sidecar to conflict over', () => {
  const ambient = annotatedPod('a', 'shop', { app: 'a' }, { 'ambient.istio.io/redirection': 'enabled' });
  assert.deepEqual(conflicts(docs(ambient, sidecar('one', 'shop', { app: 'a' }), sidecar('two', 'shop', { app: 'a' }))), []);
});

test('removing one of the Sidecars clears the other', () => {
  const engine = engineWith({ 'a.yaml': docs(pod('a', 'shop', { app: 'a' }), sidecar('one', 'shop', { app: 'a' })), 'b.yaml': sidecar('two', 'shop', { app: 'a' }) });
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0110').length, 1);
  engine.setFile('file:///b.yaml', '');
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0110').length, 0);
});
