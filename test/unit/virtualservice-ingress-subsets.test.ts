import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

const ist0140 = (text: string) => check(text).filter((f) => f.code === 'IST0140');
const base = [gateway('gw', 'default', ['*.example.com']), destinationRule('reviews', undefined, 'reviews', ['v1', 'v2'])];
const meshSplit = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 90 }, { host: 'reviews', subset: 'v2', weight: 10 }]));
const ingress = (gateways = ['gw'], host = 'reviews') => virtualService('edge', undefined, ['shop.example.com'], gateways, httpRoute([{ host }]));

test('a gateway route without subset to a host another VirtualService routes by subset: one finding per subset destination', () => {
  const found = ist0140(docs(...base, meshSplit, ingress()));
  assert.equal(found.length, 2);
  assert.equal(found[0].text, 'reviews');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /VirtualService default\/reviews routes host reviews to subset "v1"/);
  assert.match(found[1].message, /subset "v2"/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('`gateways: [mesh]` is checked too; no gateways is not', () => {
  assert.equal(ist0140(docs(...base, meshSplit, ingress(['mesh']))).length, 2);
  assert.deepEqual(ist0140(docs(...base, meshSplit, ingress([]))), []);
});

test('quiet when the gateway route uses subsets, when nothing splits the host, or when the same name is another namespace\'s service', () => {
  const withSubset = virtualService('edge', undefined, ['shop.example.com'], ['gw'], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  assert.deepEqual(ist0140(docs(...base, meshSplit, withSubset)), []);
  const plainMesh = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews' }]));
  assert.deepEqual(ist0140(docs(...base, plainMesh, ingress())), []);
  // The FQDN of the same service is the same host (istioctl compares names as written and misses it).
  assert.equal(ist0140(docs(...base, meshSplit, ingress(['gw'], 'reviews.default.svc.cluster.local'))).length, 2);
  // `reviews` in another namespace is another service (istioctl compares names as written and reports it).
  assert.deepEqual(ist0140(docs(...base, meshSplit.replace('metadata:\n', 'metadata:\n  namespace: other\n'), ingress())), []);
  // The splitting VirtualService must list the host it routes by subset.
  const unlisted = virtualService('reviews', undefined, ['reviews-alias'], [], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  assert.deepEqual(ist0140(docs(...base, unlisted, ingress())), []);
});

test('the Gateway VirtualService may split the host itself in another rule', () => {
  const routes = `  http:\n  - match:\n    - uri:\n        prefix: /beta\n    route:\n    - destination:\n        host: reviews\n        subset: v2\n  - route:\n    - destination:\n        host: reviews\n`;
  const found = ist0140(docs(...base, virtualService('edge', undefined, ['shop.example.com', 'reviews'], ['gw'], routes)));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /this VirtualService routes host reviews/);
});
