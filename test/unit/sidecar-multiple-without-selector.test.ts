import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { namespaceObject, sidecar } from '../helpers/policies';

const defaults = (text: string) => check(text).filter((f) => f.code === 'IST0111');

test('two Sidecars without selector in one namespace are each reported, naming the other', () => {
  const found = defaults(docs(sidecar('one', 'shop'), sidecar('two', 'shop'), sidecar('solo', 'dev')));
  assert.deepEqual(found.map((f) => f.text).sort(), ['one', 'two']);
  assert.match(found[0].message, /The Sidecars one, two in namespace shop have no workload selector/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('a selector with no labels counts as none; one with labels does not', () => {
  const emptyLabels = sidecar('empty', 'shop').replace('spec:\n', 'spec:\n  workloadSelector:\n    labels: {}\n');
  assert.equal(defaults(docs(sidecar('one', 'shop'), emptyLabels)).length, 2);
  assert.deepEqual(defaults(docs(sidecar('one', 'shop'), sidecar('two', 'shop', { app: 'a' }))), []);
});

test('an ambient namespace gets IST0167 instead', () => {
  const text = docs(namespaceObject('shop', { 'istio.io/dataplane-mode': 'ambient' }), sidecar('one', 'shop'), sidecar('two', 'shop'));
  assert.deepEqual(defaults(text), []);
  assert.equal(check(text).filter((f) => f.code === 'IST0167').length, 2);
});

test('a namespace without a readable spec shape is not judged', () => {
  const broken = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: odd\n  namespace: shop\nspec:\n  workloadSelector: just-text\n';
  assert.deepEqual(defaults(docs(sidecar('one', 'shop'), broken)), []);
});
