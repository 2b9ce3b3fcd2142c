import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { httpRoute, virtualService } from '../helpers/manifests';

const conflictFindings = (text: string) => check(text).filter((f) => f.code === 'IST0109');
const meshVs = (name: string, ns: string | undefined, host: string, gateways: string[] = [], extra = '') =>
  virtualService(name, ns, [host], gateways, extra + httpRoute([{ host: 'reviews' }]));

test('one mesh VirtualService per host, or same host on gateways only, is fine', () => {
  assert.deepEqual(conflictFindings(docs(meshVs('a', undefined, 'reviews'), meshVs('b', undefined, 'ratings'))), []);
  // Istio merges VirtualServices of the same host bound to gateways.
  assert.deepEqual(conflictFindings(docs(meshVs('a', undefined, 'reviews', ['gw']), meshVs('b', undefined, 'reviews', ['gw']))), []);
});

test('two mesh VirtualServices for the same host are an error on each host entry', () => {
  const found = conflictFindings(docs(meshVs('a', undefined, 'reviews'), meshVs('b', 'other', 'reviews.default.svc.cluster.local', ['mesh', 'gw'])));
  assert.equal(found.length, 2);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, '"reviews"');
  assert.match(found[0].message, /VirtualService other\/b also defines host reviews\.default\.svc\.cluster\.local for the mesh/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('exportTo scopes that do not overlap do not conflict', () => {
  const a = meshVs('a', 'ns1', 'reviews.shared.svc.cluster.local', [], '  exportTo:\n  - "."\n');
  const b = meshVs('b', 'ns2', 'reviews.shared.svc.cluster.local', [], '  exportTo:\n  - "."\n');
  assert.deepEqual(conflictFindings(docs(a, b)), []);
  const c = meshVs('c', 'ns2', 'reviews.shared.svc.cluster.local', [], '  exportTo:\n  - ns1\n');
  assert.equal(conflictFindings(docs(a, c)).length, 2);
});
