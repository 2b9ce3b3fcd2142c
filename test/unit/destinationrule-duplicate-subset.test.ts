import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { destinationRule } from '../helpers/manifests';

const dupFindings = (text: string) => check(text).filter((f) => f.code === 'IY0105');

test('distinct subset names are fine', () => {
  assert.deepEqual(dupFindings(destinationRule('reviews', undefined, 'reviews', ['v1', 'v2', 'v3'])), []);
});

test('a repeated subset name is an error on the repeat, pointing at the first', () => {
  const found = dupFindings(destinationRule('reviews', undefined, 'reviews', ['v1', 'v2', 'v1']));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'v1');
  assert.equal(found[0].line, 14);
  assert.match(found[0].message, /Subset "v1" is defined twice.*Istio rejects duplicate subset names/);
  assert.equal(found[0].finding.related?.[0].message, 'first definition of subset v1');
});
