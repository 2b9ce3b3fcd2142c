import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { meshConfigMap, virtualService } from '../helpers/manifests';
import { gatewayOf } from '../helpers/gateways';
import { kubernetesGateway } from '../helpers/gateway-api';

/** A Gateway in `namespace` with `selector` (none when undefined), serving *.example.com on port 80. */
const gatewayWith = (name: string, namespace: string, selector: Record<string, string> | undefined) => gatewayOf(name, namespace, selector, [{ port: 80, name: 'http', hosts: ['*.example.com'] }]);

/** A RequestAuthentication in `namespace` selecting `matchLabels` (all workloads when undefined). */
function requestAuthn(name: string, namespace: string, matchLabels?: Record<string, string>): string {
  const selector = matchLabels ? `  selector:\n    matchLabels:\n${Object.entries(matchLabels).map(([k, v]) => `      ${k}: ${v}`).join('\n')}\n` : '';
  return `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${selector}  jwtRules:
  - issuer: https://issuer.example.com
`;
}

/** A VirtualService bound to `gateways`, matching `field` (headers or withoutHeaders) on header `key`. */
function claimRoute(gateways: string[], key = '@request.auth.claims.plan', field = 'headers'): string {
  const routes = `  http:\n  - match:\n    - ${field}:\n        "${key}":\n          exact: gold\n    route:\n    - destination:\n        host: web\n`;
  return virtualService('vs', 'shop', ['web.example.com'], gateways, routes);
}

const jwt = (text: string) => check(text).filter((f) => f.code === 'IST0149');
const ingress = gatewayWith('gw', 'edge', { istio: 'ingressgateway' });

test('claim routing through the installed ingress gateway without a RequestAuthentication is IST0149', () => {
  const found = jwt(docs(ingress, claimRoute(['edge/gw'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'edge/gw');
  assert.match(found[0].message, /JWT claim "@request\.auth\.claims\.plan"/);
  assert.match(found[0].message, /ingress gateway Istio installs \(istio-system\/istio-ingressgateway\)/);
  assert.match(found[0].message, /a pod of Gateway edge\/gw/);
});

test('a RequestAuthentication of the root namespace selecting the pod (or all pods) is enough', () => {
  assert.deepEqual(jwt(docs(ingress, claimRoute(['edge/gw']), requestAuthn('jwt', 'istio-system'))), []);
  assert.deepEqual(jwt(docs(ingress, claimRoute(['edge/gw']), requestAuthn('jwt', 'istio-system', { istio: 'ingressgateway' }))), []);
  assert.equal(jwt(docs(ingress, claimRoute(['edge/gw']), requestAuthn('jwt', 'istio-system', { app: 'other' }))).length, 1);
});

test('a RequestAuthentication elsewhere (the Gateway or VirtualService namespace) does not apply to the pod', () => {
  assert.equal(jwt(docs(ingress, claimRoute(['edge/gw']), requestAuthn('jwt', 'edge'), requestAuthn('jwt', 'shop'))).length, 1);
});

test('workspace gateway pods: one finding per pod without a RequestAuthentication of its namespace', () => {
  const gw = gatewayWith('gw', 'edge', { app: 'edge-proxy' });
  const pods = docs(pod('proxy-a', 'edge', { app: 'edge-proxy' }), pod('proxy-b', 'edge-2', { app: 'edge-proxy' }), pod('web', 'shop', { app: 'web' }));
  const found = jwt(docs(gw, pods, claimRoute(['edge/gw'])));
  assert.deepEqual(found.map((f) => f.finding.data?.pod).sort(), ['Pod edge-2/proxy-b', 'Pod edge/proxy-a']);
  assert.equal(found[0].finding.related?.length, 2);
  const covered = jwt(docs(gw, pods, claimRoute(['edge/gw']), requestAuthn('jwt', 'edge', { app: 'edge-proxy' })));
  assert.deepEqual(covered.map((f) => f.finding.data?.pod), ['Pod edge-2/proxy-b']);
});

test('a Gateway selecting no workload and not the installed ingress gateway is quiet', () => {
  assert.deepEqual(jwt(docs(gatewayWith('gw', 'edge', { app: 'nothing' }), claimRoute(['edge/gw']))), []);
});

test('a Gateway without selector picks every pod, the installed ingress gateway included', () => {
  const found = jwt(docs(gatewayWith('gw', 'edge', undefined), pod('web', 'shop', { app: 'web' }), claimRoute(['edge/gw'])));
  assert.equal(found.length, 2);
});

test('an ingress gateway the workspace holds stands for the installed one (reported once)', () => {
  const found = jwt(docs(ingress, deployment('istio-ingressgateway', 'istio-system', { istio: 'ingressgateway', app: 'istio-ingressgateway' }), claimRoute(['edge/gw'])));
  assert.deepEqual(found.map((f) => f.finding.data?.pod), ['Deployment istio-system/istio-ingressgateway']);
});

test('claim keys: dotted or bracketed, any case of the prefix, in headers or withoutHeaders', () => {
  for (const key of ['@request.auth.claims.plan', '@request.auth.claims[plan][tier]', '@Request.Auth.Claims.plan']) {
    assert.equal(jwt(docs(ingress, claimRoute(['edge/gw'], key))).length, 1, key);
  }
  assert.equal(jwt(docs(ingress, claimRoute(['edge/gw'], '@request.auth.claims.plan', 'withoutHeaders'))).length, 1);
  for (const key of ['@request.auth.claims.', '@request.auth.claims[]', '@request.auth.claims', 'x-plan', '@request.auth.claimsplan']) {
    assert.deepEqual(jwt(docs(ingress, claimRoute(['edge/gw'], key))), [], key);
  }
});

test('mesh, a missing Gateway and a Gateway API Gateway are not looked at', () => {
  assert.deepEqual(jwt(docs(ingress, claimRoute(['mesh']))), []);
  assert.deepEqual(jwt(claimRoute(['edge/missing'])), []);
  assert.deepEqual(jwt(docs(kubernetesGateway('gw', 'edge', [{ name: 'http' }]), claimRoute(['edge/gw']))), []);
});

test('the root namespace comes from the mesh config', () => {
  const mesh = meshConfigMap('rootNamespace: mesh-root\n');
  // The installed ingress gateway runs in istio-system, so a mesh-root policy is what applies to it now.
  assert.deepEqual(jwt(docs(mesh, ingress, claimRoute(['edge/gw']), requestAuthn('jwt', 'mesh-root'))), []);
  assert.deepEqual(jwt(docs(mesh, ingress, claimRoute(['edge/gw']), requestAuthn('jwt', 'istio-system'))), []);
  const gw = gatewayWith('gw', 'edge', { app: 'edge-proxy' });
  assert.equal(jwt(docs(mesh, gw, pod('proxy', 'edge', { app: 'edge-proxy' }), claimRoute(['edge/gw']), requestAuthn('jwt', 'istio-system'))).length, 1);
});
