import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { meshConfigMap, telemetry } from '../helpers/policies';

const deprecated = (text: string) => check(text).filter((f) => f.code === 'IST0002');
const mesh = meshConfigMap(`extensionProviders:
- name: ls
  lightstep:
    service: collector.example.org
    port: 443
    accessToken: token
- name: otel
  opentelemetry:
    service: otel.observability.svc.cluster.local
    port: 4317
`);
const tracing = (...providers: string[]) => telemetry('t', 'shop', `  tracing:\n${providers.map((p) => `  - providers:\n    - name: ${p}`).join('\n')}`);

test('tracing to a Lightstep provider of the mesh config is deprecated, on the provider name', () => {
  const found = deprecated(docs(mesh, tracing('ls')));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'ls');
  assert.match(found[0].message, /The Lightstep provider ls is deprecated, please migrate to OpenTelemetry provider/);
});

test('other providers, a mere name, and no mesh config are fine', () => {
  assert.deepEqual(deprecated(docs(mesh, tracing('otel'))), []);
  assert.deepEqual(deprecated(tracing('ls')), []);
  assert.deepEqual(deprecated(tracing('lightstep')), []);
});

test('the same provider used twice is reported once', () => {
  assert.equal(deprecated(docs(mesh, tracing('ls', 'ls'))).length, 1);
});
