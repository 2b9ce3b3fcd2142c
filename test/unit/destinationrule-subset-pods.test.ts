import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { destinationRule } from '../helpers/manifests';
import { deployment, pod, service, serviceEntry } from '../helpers/kubernetes';

const podFindings = (text: string) => check(text).filter((f) => f.code === 'IST0173');
const reviews = service('reviews', undefined, [{ port: 9080, name: 'http' }]);
const v1 = deployment('reviews-v1', undefined, { app: 'reviews', version: 'v1' });
const v2 = deployment('reviews-v2', undefined, { app: 'reviews', version: 'v2' });

/** A Pod placed on a node, with labels. */
function placedPod(name: string, nodeName: string | undefined, labels: Record<string, string>): string {
  return pod(name, undefined, labels) + (nodeName ? `  nodeName: ${nodeName}\n` : '');
}

function node(name: string, labels: Record<string, string>): string {
  return `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels:\n${Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n')}\n`;
}

function ruleWithLabels(subsets: Record<string, Record<string, string>>): string {
  const items = Object.entries(subsets).map(
    ([name, labels]) =>
      `  - name: ${name}\n    labels:\n${Object.entries(labels)
        .map(([k, v]) => `      ${k}: ${v}`)
        .join('\n')}`,
  );
  return `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews\n  subsets:\n${items.join('\n')}\n`;
}

test('subsets that select workloads are fine', () => {
  assert.deepEqual(podFindings(docs(reviews, v1, v2, destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']))), []);
});

test('quiet when the host is unknown or the workspace holds no workloads', () => {
  assert.deepEqual(podFindings(docs(v1, destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
  assert.deepEqual(podFindings(docs(reviews, destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
});

test('a subset selecting no workload is an error on the subset name, listing the Service\'s workloads', () => {
  const found = podFindings(docs(reviews, v1, v2, destinationRule('reviews', undefined, 'reviews', ['v1', 'v3'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'v3');
  assert.match(found[0].message, /Subset "v3" selects no pods: no workload in the workspace has the labels version=v3\. The workloads of Service default\/reviews here are Deployment reviews-v1 \(version=v1\), Deployment reviews-v2 \(version=v2\)/);
  assert.equal(found[0].finding.related?.length, 3);
});

test('as istioctl: subset labels alone, against workloads of every namespace (the Service selector is not added)', () => {
  const otherNs = deployment('reviews-v3', 'other', { app: 'reviews', version: 'v3' });
  assert.deepEqual(podFindings(docs(reviews, v1, otherNs, destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
  const otherApp = pod('ratings-v3', undefined, { app: 'ratings', version: 'v3' });
  assert.deepEqual(podFindings(docs(reviews, v1, otherApp, destinationRule('reviews', undefined, 'reviews', ['v3']))), []);
});

test('a ServiceEntry\'s workloadSelector is merged under the subset labels', () => {
  const se = serviceEntry('legacy', undefined, ['legacy.internal'], ['80/HTTP']).replace('  location: MESH_EXTERNAL\n', '  location: MESH_INTERNAL\n  workloadSelector:\n    labels:\n      app: legacy\n');
  const rule = destinationRule('legacy', undefined, 'legacy.internal', ['v1']);
  assert.equal(podFindings(docs(se, pod('other-v1', undefined, { app: 'other', version: 'v1' }), rule)).length, 1);
  assert.deepEqual(podFindings(docs(se, pod('legacy-v1', undefined, { app: 'legacy', version: 'v1' }), rule)), []);
});

test('topology labels come from the pod\'s Node; the hostname is its nodeName', () => {
  const rule = ruleWithLabels({
    east: { 'topology.kubernetes.io/region': 'us-east' },
    west: { 'topology.kubernetes.io/region': 'us-west' },
    here: { 'kubernetes.io/hostname': 'worker-1' },
    there: { 'kubernetes.io/hostname': 'worker-2' },
  });
  const found = podFindings(docs(reviews, node('worker-1', { 'topology.kubernetes.io/region': 'us-east' }), placedPod('reviews-0', 'worker-1', { app: 'reviews' }), rule));
  assert.deepEqual(found.map((f) => f.text).sort(), ['there', 'west']);
});

test('a subzone without a zone is dropped, as pilot\'s locality string drops it', () => {
  const rule = ruleWithLabels({ rack: { 'topology.istio.io/subzone': 'rack-1' } });
  const nodeLabels = { 'topology.kubernetes.io/region': 'us-east', 'topology.istio.io/subzone': 'rack-1' };
  assert.equal(podFindings(docs(reviews, node('worker-1', nodeLabels), placedPod('reviews-0', 'worker-1', { app: 'reviews' }), rule)).length, 1);
  const withZone = { ...nodeLabels, 'topology.kubernetes.io/zone': 'us-east-a' };
  assert.deepEqual(podFindings(docs(reviews, node('worker-1', withZone), placedPod('reviews-0', 'worker-1', { app: 'reviews' }), rule)), []);
});

test('a Node-derived label is not judged where the pod\'s Node is unknown', () => {
  const rule = ruleWithLabels({ west: { 'topology.kubernetes.io/region': 'us-west', version: 'v1' } });
  // No nodeName: the pod may land anywhere.
  assert.deepEqual(podFindings(docs(reviews, placedPod('reviews-0', undefined, { app: 'reviews', version: 'v1' }), rule)), []);
  // A nodeName whose Node is not in the workspace: the region is unknown, the other labels are still judged.
  assert.deepEqual(podFindings(docs(reviews, placedPod('reviews-0', 'worker-9', { app: 'reviews', version: 'v1' }), rule)), []);
  assert.equal(podFindings(docs(reviews, placedPod('reviews-0', 'worker-9', { app: 'reviews', version: 'v2' }), rule)).length, 1);
});

test('placeholders in pod labels may match; the finding follows workload and Node edits', () => {
  assert.deepEqual(podFindings(docs(reviews, deployment('x', undefined, { app: 'reviews', version: '${VERSION}' }), destinationRule('reviews', undefined, 'reviews', ['v9']))), []);
  const engine = engineWith({ 'app.yaml': docs(reviews, v1), 'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']) });
  assert.equal(findingsIn(engine, 'dr.yaml').filter((f) => f.code === 'IST0173').length, 1);
  engine.setFile('file:///v2.yaml', v2);
  assert.equal(findingsIn(engine, 'dr.yaml').filter((f) => f.code === 'IST0173').length, 0);
  const placed = engineWith({
    'app.yaml': docs(reviews, placedPod('reviews-0', 'worker-1', { app: 'reviews' })),
    'node.yaml': node('worker-1', { 'topology.kubernetes.io/region': 'us-east' }),
    'dr.yaml': ruleWithLabels({ west: { 'topology.kubernetes.io/region': 'us-west' } }),
  });
  assert.equal(findingsIn(placed, 'dr.yaml').filter((f) => f.code === 'IST0173').length, 1);
  placed.setFile('file:///node.yaml', node('worker-1', { 'topology.kubernetes.io/region': 'us-west' }));
  assert.equal(findingsIn(placed, 'dr.yaml').filter((f) => f.code === 'IST0173').length, 0);
});
