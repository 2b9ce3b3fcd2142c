import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { envoyLogs, selecting, telemetry } from '../helpers/policies';

const defaults = (text: string) => check(text).filter((f) => f.code === 'IST0160');

test('two Telemetries without selector in one namespace are each reported', () => {
  const found = defaults(docs(telemetry('a', 'shop', envoyLogs), telemetry('b', 'shop', envoyLogs), telemetry('c', 'dev', envoyLogs)));
  assert.deepEqual(found.map((f) => f.text).sort(), ['a', 'b']);
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /The Telemetries a, b in namespace shop have no workload selector: each claims every workload of namespace shop/);
});

test('in the root namespace they are mesh-wide defaults', () => {
  const found = defaults(docs(telemetry('a', 'istio-system', envoyLogs), telemetry('b', 'istio-system', envoyLogs)));
  assert.equal(found.length, 2);
  assert.match(found[0].message, /the whole mesh/);
});

test('a selector, an empty selector or targetRefs take a Telemetry out of the namespace default', () => {
  const targetRefs = `  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: gw\n${envoyLogs}`;
  for (const other of [selecting({ app: 'a' }), '  selector: {}', targetRefs]) {
    assert.deepEqual(defaults(docs(telemetry('a', 'shop', envoyLogs), telemetry('b', 'shop', other))), [], other);
  }
});
