import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { destinationRule } from '../helpers/manifests';

const hostFindings = (text: string) => check(text).filter((f) => f.code === 'IY0107');

test('one DestinationRule per host, or the same host in different namespaces, is fine', () => {
  assert.deepEqual(hostFindings(docs(destinationRule('a', undefined, 'reviews', ['v1']), destinationRule('b', undefined, 'ratings', ['v1']))), []);
  assert.deepEqual(hostFindings(docs(destinationRule('a', 'ns1', 'reviews.shared.svc.cluster.local', ['v1']), destinationRule('b', 'ns2', 'reviews.shared.svc.cluster.local', ['v1']))), []);
});

test('two DestinationRules for the same host in one namespace both get a warning on their host', () => {
  const found = hostFindings(docs(destinationRule('a', undefined, 'reviews', ['v1']), destinationRule('b', undefined, 'reviews.default.svc.cluster.local', ['v2'])));
  assert.equal(found.length, 2);
  assert.deepEqual(found.map((f) => f.text), ['"reviews"', '"reviews.default.svc.cluster.local"']);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /DestinationRule default\/b also configures host reviews\.default\.svc\.cluster\.local in namespace default/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('a wildcard rule and a specific one are not the same host; a workloadSelector rule is scoped apart', () => {
  assert.deepEqual(hostFindings(docs(destinationRule('a', undefined, '*.default.svc.cluster.local', ['v1']), destinationRule('b', undefined, 'reviews', ['v1']))), []);
  const scoped = destinationRule('b', undefined, 'reviews', ['v1'], '  workloadSelector:\n    matchLabels:\n      app: x\n');
  assert.deepEqual(hostFindings(docs(destinationRule('a', undefined, 'reviews', ['v1']), scoped)), []);
});

test('the finding appears and goes as the other file changes', () => {
  const engine = engineWith({ 'a.yaml': destinationRule('a', undefined, 'reviews', ['v1']), 'b.yaml': destinationRule('b', undefined, 'ratings', ['v1']) });
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IY0107').length, 0);
  engine.setFile('file:///b.yaml', destinationRule('b', undefined, 'reviews', ['v1']));
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IY0107').length, 1);
});
