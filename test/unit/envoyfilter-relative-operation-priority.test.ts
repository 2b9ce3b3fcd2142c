import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { envoyFilter } from '../helpers/envoyfilter';

const relativeFindings = (text: string) => check(text).filter((f) => f.code === 'IST0151' || f.code === 'IST0155');
const codes = (text: string) => relativeFindings(text).map((f) => `${f.code}:${f.text}`);

test('relative operations without priority are IST0151 on the operation, once per filter', () => {
  const text = envoyFilter('f', [
    { applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE', name: 'a' },
    { applyTo: 'HTTP_FILTER', operation: 'INSERT_AFTER', name: 'b' },
  ]);
  const found = relativeFindings(text);
  assert.deepEqual(found.map((f) => `${f.code}:${f.text}:${f.severity}`), ['IST0151:INSERT_BEFORE:warning']);
  assert.match(found[0].message, /patches 1 and 2 use the relative operation INSERT_BEFORE\/INSERT_AFTER/);
});

test('which operations are relative: REMOVE except on routes, REPLACE on filters and virtual hosts', () => {
  assert.deepEqual(codes(envoyFilter('f', [{ applyTo: 'HTTP_FILTER', operation: 'REMOVE', value: false }])), ['IST0151:REMOVE']);
  assert.deepEqual(codes(envoyFilter('f', [{ applyTo: 'VIRTUAL_HOST', operation: 'REPLACE', name: 'v' }])), ['IST0151:REPLACE']);
  for (const absolute of [
    { applyTo: 'HTTP_FILTER', operation: 'INSERT_FIRST', name: 'a' },
    { applyTo: 'CLUSTER', operation: 'ADD', name: 'a' },
    { applyTo: 'CLUSTER', operation: 'MERGE', name: 'a' },
    { applyTo: 'HTTP_ROUTE', operation: 'REMOVE', value: false },
    { applyTo: 'CLUSTER', operation: 'REPLACE', name: 'a' },
  ]) {
    assert.deepEqual(codes(envoyFilter('f', [absolute])), [], JSON.stringify(absolute));
  }
});

test('a priority (even negative) silences it; a placeholder priority is not judged', () => {
  const patch = { applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE', name: 'a' };
  assert.deepEqual(codes(envoyFilter('f', [patch], -3)), []);
  assert.deepEqual(codes(envoyFilter('f', [patch], '${PRIORITY}')), []);
  assert.deepEqual(codes(envoyFilter('f', [patch], 0)), ['IST0151:INSERT_BEFORE']);
});

test('IST0155 when an earlier patch of the same name matches a proxyVersion; later ones do not count', () => {
  const versioned = { applyTo: 'HTTP_FILTER', operation: 'INSERT_BEFORE', name: 'lua', proxyVersion: '^1\\.2.*' };
  const plain = { applyTo: 'HTTP_FILTER', operation: 'INSERT_AFTER', name: 'lua' };
  assert.deepEqual(codes(envoyFilter('f', [versioned, plain])), ['IST0151:INSERT_BEFORE', 'IST0155:INSERT_AFTER']);
  assert.deepEqual(codes(envoyFilter('f', [plain, versioned])), ['IST0151:INSERT_AFTER']);
  assert.deepEqual(codes(envoyFilter('f', [versioned, { ...plain, name: 'other' }])), ['IST0151:INSERT_BEFORE']);
});

test('the name is the value\'s name, else the matched listener filter, else empty', () => {
  const versioned = { applyTo: 'NETWORK_FILTER', operation: 'MERGE', filter: 'envoy.filters.network.tcp_proxy', proxyVersion: '^1\\.2.*' };
  assert.deepEqual(codes(envoyFilter('f', [versioned, { applyTo: 'NETWORK_FILTER', operation: 'REPLACE', filter: 'envoy.filters.network.tcp_proxy' }])), ['IST0155:REPLACE']);
  // A value name and a filter name never compare equal, as istioctl compares a typed value with plain text.
  assert.deepEqual(codes(envoyFilter('f', [versioned, { applyTo: 'NETWORK_FILTER', operation: 'REPLACE', name: 'envoy.filters.network.tcp_proxy' }])), ['IST0151:REPLACE']);
  // Without a value there is no name at all, and two empty names are equal.
  const bare = { applyTo: 'HTTP_FILTER', operation: 'REMOVE', value: false };
  assert.deepEqual(codes(envoyFilter('f', [{ ...bare, proxyVersion: '.*' }, bare])), ['IST0151:REMOVE', 'IST0155:REMOVE']);
});

test('a proxyVersion patch in another EnvoyFilter ties patches of the same name, and is related', () => {
  const other = envoyFilter('versioned', [{ applyTo: 'HTTP_FILTER', operation: 'INSERT_FIRST', name: 'lua', proxyVersion: '^1\\.2.*' }], 5);
  const found = relativeFindings(docs(other, envoyFilter('plain', [{ applyTo: 'HTTP_FILTER', operation: 'INSERT_AFTER', name: 'lua' }])));
  assert.deepEqual(found.map((f) => f.code), ['IST0155']);
  assert.match(found[0].message, /EnvoyFilter default\/versioned patches only for some proxy versions/);
  assert.equal(found[0].finding.related?.length, 1);
});
