import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

const ist0140 = (text: string) => check(text).filter((f) => f.code === 'IST0140');
const base = [gateway('gw', 'default', ['*.example.com']), destinationRule('reviews', undefined, 'reviews', ['v1', 'v2'])];
const meshSplit = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 90 }, { host: 'reviews', subset: 'v2', weight: 10 }]));

test('a gateway route without subset to a host the mesh splits by subsets is reported on its host', () => {
  const ingress = virtualService('edge', undefined, ['shop.example.com'], ['gw'], httpRoute([{ host: 'reviews' }]));
  const found = ist0140(docs(...base, meshSplit, ingress));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'reviews');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /mesh VirtualService default\/reviews \(v1, v2\) does not apply/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('quiet when the gateway route uses subsets, when the mesh VirtualService does not split, or when both bind the gateway', () => {
  const withSubset = virtualService('edge', undefined, ['shop.example.com'], ['gw'], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  assert.deepEqual(ist0140(docs(...base, meshSplit, withSubset)), []);
  const plainMesh = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews' }]));
  const ingress = virtualService('edge', undefined, ['shop.example.com'], ['gw'], httpRoute([{ host: 'reviews' }]));
  assert.deepEqual(ist0140(docs(...base, plainMesh, ingress)), []);
  // A mesh-only VirtualService never gets the finding itself.
  assert.deepEqual(ist0140(docs(...base, meshSplit)), []);
});
