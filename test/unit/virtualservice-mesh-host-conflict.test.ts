import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { httpRoute, virtualService } from '../helpers/manifests';

const conflictFindings = (text: string) => check(text).filter((f) => f.code === 'IST0109');
const meshVs = (name: string, ns: string | undefined, hosts: string | string[], gateways: string[] = [], extra = '') =>
  virtualService(name, ns, Array.isArray(hosts) ? hosts : [hosts], gateways, extra + httpRoute([{ host: 'reviews' }]));
const exportTo = (...values: string[]) => `  exportTo: [${values.map((v) => JSON.stringify(v)).join(', ')}]\n`;
const reported = (text: string) => conflictFindings(text).map((f) => `${f.finding.resource?.namespace}/${f.finding.resource?.name}`).sort();

test('one mesh VirtualService per host, or same host on gateways only, is fine', () => {
  assert.deepEqual(conflictFindings(docs(meshVs('a', undefined, 'reviews'), meshVs('b', undefined, 'ratings'))), []);
  // Istio merges VirtualServices of the same host bound to gateways.
  assert.deepEqual(conflictFindings(docs(meshVs('a', undefined, 'reviews', ['gw']), meshVs('b', undefined, 'reviews', ['gw']))), []);
  // `ns/mesh` is not the mesh keyword to istioctl.
  assert.deepEqual(conflictFindings(docs(meshVs('a', undefined, 'reviews'), meshVs('b', undefined, 'reviews', ['default/mesh']))), []);
});

test('two mesh VirtualServices for the same host are reported once each, on the host', () => {
  const found = conflictFindings(docs(meshVs('a', undefined, 'reviews'), meshVs('b', 'other', 'reviews.default.svc.cluster.local', ['mesh', 'gw'])));
  assert.equal(found.length, 2);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, '"reviews"');
  assert.match(found[0].message, /also defined for the mesh \(the same host or one overlapping it\) by VirtualService other\/b, both exported to all namespaces/);
  assert.equal(found[0].finding.related?.length, 1);
  const twice = docs(meshVs('a', undefined, ['reviews', 'ratings']), meshVs('b', undefined, ['reviews', 'ratings']));
  assert.deepEqual(reported(twice), ['default/a', 'default/b']);
});

test('exportTo scopes: "." is the own namespace, other values are compared as written', () => {
  const host = 'reviews.shared.svc.cluster.local';
  const a = meshVs('a', 'ns1', host, [], exportTo('.'));
  assert.deepEqual(conflictFindings(docs(a, meshVs('b', 'ns2', host, [], exportTo('.')))), []);
  assert.deepEqual(reported(docs(a, meshVs('c', 'ns2', host, [], exportTo('ns1')))), ['ns1/a', 'ns2/c']);
  assert.deepEqual(reported(docs(meshVs('d', 'ns1', host, [], exportTo('nowhere')), meshVs('e', 'ns2', host, [], exportTo('nowhere')))), ['ns1/d', 'ns2/e']);
});

test('a scoped host collides with an exported-everywhere wildcard covering it; two exported-everywhere hosts only when equal', () => {
  const scoped = meshVs('pay', 'team-a', 'pay.shop.example', [], exportTo('.'));
  const wildcard = meshVs('all', 'team-b', '*.shop.example');
  assert.deepEqual(reported(docs(scoped, wildcard)), ['team-a/pay', 'team-b/all']);
  assert.deepEqual(conflictFindings(docs(meshVs('pay', 'team-a', 'pay.shop.example'), wildcard)), []);
});

test('a host listed short and as its FQDN collides with itself', () => {
  const found = conflictFindings(meshVs('a', 'core', ['backend', 'backend.core.svc.cluster.local']));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /this VirtualService itself/);
});
