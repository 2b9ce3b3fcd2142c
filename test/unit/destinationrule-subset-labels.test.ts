import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';

const labelFindings = (text: string) => check(text).filter((f) => f.code === 'IY0106');

const rule = (subsets: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
${subsets}`;

test('subsets with labels are fine', () => {
  assert.deepEqual(labelFindings(rule('  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2\n')), []);
});

test('a lone subset without labels is the documented "all endpoints" idiom and stays quiet', () => {
  assert.deepEqual(labelFindings(rule('  - name: cnn\n')), []);
});

test('a subset without labels beside others is a warning on its name', () => {
  const found = labelFindings(rule('  - name: v1\n    labels:\n      version: v1\n  - name: v2\n  - name: v3\n    labels: {}\n'));
  assert.deepEqual(found.map((f) => f.text), ['v2', 'v3']);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /Subset "v2" has no labels, so it selects every endpoint of reviews.*version: v2/);
});

test('labels written as an alias are labels', () => {
  assert.deepEqual(labelFindings(rule('  - name: v1\n    labels: &l\n      version: v1\n  - name: v2\n    labels: *l\n')), []);
});
