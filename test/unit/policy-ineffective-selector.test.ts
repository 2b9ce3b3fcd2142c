import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { gatewayPod } from '../helpers/security-policies';

const ist0166 = (text: string) => check(text).filter((f) => f.code === 'IST0166');
const policy = (apiVersion: string, kind: string, name: string, spec: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: ${name}
  namespace: docks
spec:
${spec}`;
const selectorOn = (labels: string) => `  selector:\n    matchLabels:\n      ${labels}\n`;
const onGateway = selectorOn('gateway.networking.k8s.io/gateway-name: harbor');

test('a selector picking a Gateway API gateway pod is reported for each policy kind', () => {
  const text = docs(
    gatewayPod('harbor-1', 'docks', 'harbor'),
    policy('security.istio.io/v1', 'AuthorizationPolicy', 'a', onGateway),
    policy('security.istio.io/v1', 'RequestAuthentication', 'b', onGateway),
    policy('telemetry.istio.io/v1', 'Telemetry', 'c', onGateway),
    policy('extensions.istio.io/v1alpha1', 'WasmPlugin', 'd', onGateway + '  url: oci://example.org/f:1\n'),
  );
  const found = ist0166(text);
  assert.deepEqual(found.map((f) => f.finding.resource?.kind), ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin']);
  assert.equal(found[0].text, 'matchLabels');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /Kubernetes Gateway harbor/);
  assert.match(found[0].message, /targetRefs/);
  assert.equal(found[0].finding.related?.[0].resource?.name, 'harbor-1');
});

test('one finding per gateway, however many of its pods match', () => {
  const text = docs(
    gatewayPod('harbor-1', 'docks', 'harbor', { tier: 'edge' }),
    gatewayPod('harbor-2', 'docks', 'harbor', { tier: 'edge' }),
    gatewayPod('pier-1', 'docks', 'pier', { tier: 'edge' }),
    policy('security.istio.io/v1', 'RequestAuthentication', 'r', selectorOn('tier: edge')),
  );
  const found = ist0166(text);
  assert.deepEqual(found.map((f) => f.finding.data?.gateway), ['harbor', 'pier']);
  assert.equal(found[0].finding.related?.length, 2);
});

test('the declared Gateway is a related location', () => {
  const gw = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: harbor
  namespace: docks
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`;
  const found = ist0166(docs(gw, gatewayPod('harbor-1', 'docks', 'harbor'), policy('security.istio.io/v1', 'RequestAuthentication', 'r', onGateway)));
  assert.ok(found[0].finding.related?.some((r) => r.resource?.kind === 'Gateway'));
});

test('other namespaces, ordinary pods, no selector and targetRef are not judged', () => {
  const otherNs = policy('security.istio.io/v1', 'RequestAuthentication', 'r', onGateway).replace('namespace: docks', 'namespace: yard');
  assert.deepEqual(ist0166(docs(gatewayPod('harbor-1', 'docks', 'harbor'), otherNs)), []);
  assert.deepEqual(ist0166(docs(pod('app-1', 'docks', { app: 'x' }), policy('security.istio.io/v1', 'RequestAuthentication', 'r', selectorOn('app: x')))), []);
  assert.deepEqual(ist0166(docs(gatewayPod('harbor-1', 'docks', 'harbor'), policy('security.istio.io/v1', 'RequestAuthentication', 'r', '  jwtRules: []\n'))), []);
  const withTargetRef = onGateway + '  targetRef:\n    kind: Gateway\n    group: gateway.networking.k8s.io\n    name: harbor\n';
  assert.deepEqual(ist0166(docs(gatewayPod('harbor-1', 'docks', 'harbor'), policy('telemetry.istio.io/v1', 'Telemetry', 't', withTargetRef))), []);
});

test('an empty selector picks every gateway pod; a placeholder picks none', () => {
  assert.equal(ist0166(docs(gatewayPod('harbor-1', 'docks', 'harbor'), policy('security.istio.io/v1', 'RequestAuthentication', 'r', '  selector: {}\n'))).length, 1);
  assert.deepEqual(ist0166(docs(gatewayPod('harbor-1', 'docks', 'harbor'), policy('security.istio.io/v1', 'RequestAuthentication', 'r', selectorOn('gateway.networking.k8s.io/gateway-name: ${GW}')))), []);
});

test('a pod template labelled with the gateway name counts as the gateway pods', () => {
  const text = docs(deployment('harbor', 'docks', { 'gateway.networking.k8s.io/gateway-name': 'harbor' }), policy('security.istio.io/v1', 'RequestAuthentication', 'r', onGateway));
  assert.equal(ist0166(text).length, 1);
});

test('labelling a pod in another file re-runs the check', () => {
  const engine = engineWith({ 'pods.yaml': pod('harbor-1', 'docks', { app: 'x' }), 'policy.yaml': policy('security.istio.io/v1', 'RequestAuthentication', 'r', onGateway) });
  assert.equal(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IST0166').length, 0);
  engine.setFile('file:///pods.yaml', gatewayPod('harbor-1', 'docks', 'harbor'));
  assert.equal(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IST0166').length, 1);
});
