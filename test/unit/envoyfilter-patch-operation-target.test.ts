import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { envoyFilter } from '../helpers/envoyfilter';

const targetFindings = (text: string) => check(text).filter((f) => ['IST0152', 'IST0153', 'IST0154'].includes(f.code));

test('operations where they work are fine', () => {
  const ok = envoyFilter('ok', [
    { applyTo: 'HTTP_FILTER', operation: 'REPLACE', name: 'a' },
    { applyTo: 'NETWORK_FILTER', operation: 'REPLACE', name: 'b' },
    { applyTo: 'VIRTUAL_HOST', operation: 'REPLACE', name: 'c' },
    { applyTo: 'CLUSTER', operation: 'ADD', name: 'd' },
    { applyTo: 'VIRTUAL_HOST', operation: 'REMOVE', value: false },
    { applyTo: 'ROUTE_CONFIGURATION', operation: 'MERGE', name: 'e' },
  ], 1);
  assert.deepEqual(targetFindings(ok), []);
});

test('REPLACE elsewhere is IST0152 on the operation, an absent applyTo included', () => {
  const found = targetFindings(envoyFilter('f', [{ applyTo: 'CLUSTER', operation: 'REPLACE', name: 'x' }], 1));
  assert.deepEqual(found.map((f) => `${f.code}:${f.text}:${f.severity}`), ['IST0152:REPLACE:error']);
  assert.match(found[0].message, /REPLACE works only on HTTP_FILTER, NETWORK_FILTER or VIRTUAL_HOST, not on CLUSTER \(patch 1\)/);
  assert.equal(targetFindings(envoyFilter('f', [{ operation: 'REPLACE', name: 'x' }], 1)).length, 1);
});

test('ADD and REMOVE on routes are IST0153 and IST0154, once per filter', () => {
  const found = targetFindings(
    envoyFilter('f', [
      { applyTo: 'ROUTE_CONFIGURATION', operation: 'ADD', name: 'a' },
      { applyTo: 'HTTP_ROUTE', operation: 'REMOVE', value: false },
      { applyTo: 'HTTP_ROUTE', operation: 'ADD', name: 'b' },
    ], 1),
  );
  assert.deepEqual(found.map((f) => f.code), ['IST0153', 'IST0154']);
  assert.match(found[0].message, /\(patches 1 and 3\)/);
});

test('unknown or placeholder values are not judged; a patch without `patch` ends what istioctl reads', () => {
  assert.deepEqual(targetFindings(envoyFilter('f', [{ applyTo: '${TARGET}', operation: 'REPLACE', name: 'x' }], 1)), []);
  assert.deepEqual(targetFindings(envoyFilter('f', [{ applyTo: 'CLUSTER', operation: '${OP}', name: 'x' }], 1)), []);
  const cut = envoyFilter('f', [{ applyTo: 'CLUSTER', operation: 'MERGE', name: 'x' }, { applyTo: 'CLUSTER', operation: 'REPLACE', name: 'y' }], 1).replace(
    '    patch:\n      operation: MERGE\n      value:\n        name: x\n        typed_config:\n          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua\n',
    '',
  );
  assert.deepEqual(targetFindings(cut), []);
});
