import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { readFileFacts } from '../../server/src/engine/workspace/fact-reader';
import { testCatalog } from '../helpers/catalog';
import { docs, uriOf } from '../helpers/engine';
import { hboneListener, labelled, ref, targeting, waypoint } from '../helpers/ambient';

const describe = (f: Finding) => JSON.stringify([f.code, f.message, f.range, f.related]);
const ambientFindings = (engine: Engine, uri: string) => engine.diagnose(uri).filter((f) => /^IY030/.test(f.code)).map(describe);

test('the ambient checks read other files through shared views: taken over from facts, those files are never parsed', () => {
  const selector = hboneListener('        from: Selector\n        selector:\n          matchLabels:\n            mesh: ambient\n');
  const workloadClass = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: workload-waypoints
  labels:
    istio.io/waypoint-for: workload
spec:
  controllerName: istio.io/mesh-controller
`;
  const corpus = [
    { uri: uriOf('labelled.yaml'), text: docs(labelled('Namespace', 'apps', '', { 'istio.io/use-waypoint': 'wp', 'istio.io/use-waypoint-namespace': 'shared' }), labelled('Service', 's', 'apps', { 'istio.io/use-waypoint': 'wwp', 'istio.io/use-waypoint-namespace': 'shared' }), targeting('AuthorizationPolicy', 'p', 'apps', ref('Service', 'other', '') + ref('Gateway', 'x', 'gateway.networking.k8s.io'))) },
    { uri: uriOf('namespaces.yaml'), text: labelled('Namespace', 'shared', '', { mesh: 'sidecar' }) },
    { uri: uriOf('waypoints.yaml'), text: docs(waypoint('wp', 'shared', { listeners: selector }), waypoint('wwp', 'shared', { className: 'workload-waypoints', listeners: hboneListener('        from: All\n') })) },
    { uri: uriOf('class.yaml'), text: workloadClass },
    { uri: uriOf('targets.yaml'), text: docs(labelled('Service', 'reviews', 'apps', {}), waypoint('gw', 'apps')) },
  ];
  const parsedHere = createEngine({ catalog: testCatalog() });
  for (const { uri, text } of corpus) parsedHere.setFile(uri, text);
  const fromFacts = createEngine({ catalog: testCatalog(), closedTreeBudget: 0 });
  const facts = structuredClone(readFileFacts(createEngine({ catalog: testCatalog() }), corpus, fromFacts.readOptions()));
  corpus.forEach(({ uri, text }, i) => fromFacts.setFileFacts(uri, text, facts[i]!));
  const uri = uriOf('labelled.yaml');
  const expected = ambientFindings(parsedHere, uri);
  // The Namespace is not matched by the selector (no labels), the Service's waypoint serves workloads, the policy's two targets are missing.
  assert.equal(expected.length, 4, expected.join('\n'));
  const parsed: string[] = [];
  for (const { uri: other } of corpus) {
    const file = fromFacts.workspace.file(other)?.parsed;
    if (!file || other === uri) continue;
    const counting = file.onRebuilt;
    file.onRebuilt = (f) => (parsed.push(f.uri), counting?.(f));
  }
  assert.deepEqual(ambientFindings(fromFacts, uri), expected);
  assert.deepEqual(parsed, [], 'no other file was parsed to analyze labelled.yaml');
});
