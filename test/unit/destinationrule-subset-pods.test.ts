import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { destinationRule } from '../helpers/manifests';
import { deployment, pod, service } from '../helpers/kubernetes';

const podFindings = (text: string) => check(text).filter((f) => f.code === 'IST0173');
const reviews = service('reviews', undefined, [{ port: 9080, name: 'http' }]);
const v1 = deployment('reviews-v1', undefined, { app: 'reviews', version: 'v1' });
const v2 = deployment('reviews-v2', undefined, { app: 'reviews', version: 'v2' });

test('subsets that select workloads are fine', () => {
  assert.deepEqual(podFindings(docs(reviews, v1, v2, destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']))), []);
});

test('quiet when the workspace lacks the Service or its workloads', () => {
  assert.deepEqual(podFindings(docs(v1, destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
  assert.deepEqual(podFindings(docs(reviews, destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
  // Workloads of another service do not count.
  assert.deepEqual(podFindings(docs(reviews, deployment('ratings', undefined, { app: 'ratings', version: 'v3' }), destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
});

test('a subset selecting no pod of the Service is an error (as istioctl) on the subset name', () => {
  const found = podFindings(docs(reviews, v1, v2, destinationRule('reviews', undefined, 'reviews', ['v1', 'v3'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'v3');
  assert.match(found[0].message, /Subset "v3" selects no pods: no workload of Service default\/reviews has the labels version=v3; its workloads here are Deployment reviews-v1 \(version=v1\), Deployment reviews-v2 \(version=v2\)/);
  assert.equal(found[0].finding.related?.length, 3);
});

test('pods in another namespace are not the service\'s; bare Pods count as workloads', () => {
  const otherNs = deployment('reviews-v3', 'other', { app: 'reviews', version: 'v3' });
  assert.equal(podFindings(docs(reviews, v1, otherNs, destinationRule('reviews', undefined, 'reviews', ['v3']))).length, 1);
  assert.deepEqual(podFindings(docs(reviews, v1, pod('reviews-v3', undefined, { app: 'reviews', version: 'v3' }), destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
});

test('placeholders in pod labels may match; the finding follows workload edits', () => {
  assert.deepEqual(podFindings(docs(reviews, deployment('x', undefined, { app: 'reviews', version: '${VERSION}' }), destinationRule('reviews', undefined, 'reviews', ['v9']))), []);
  const engine = engineWith({ 'app.yaml': docs(reviews, v1), 'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']) });
  assert.equal(findingsIn(engine, 'dr.yaml').filter((f) => f.code === 'IST0173').length, 1);
  engine.setFile('file:///v2.yaml', v2);
  assert.equal(findingsIn(engine, 'dr.yaml').filter((f) => f.code === 'IST0173').length, 0);
});
