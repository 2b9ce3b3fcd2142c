import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';

const selectorFindings = (text: string) => check(text).filter((f) => f.code === 'IST0101');

const gatewaySelecting = (selector: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  selector:
    ${selector}
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*"
`;
const app = deployment('app', undefined, { app: 'shop' });

test('a workspace without workloads stays quiet', () => {
  assert.deepEqual(selectorFindings(gatewaySelecting('app: my-gateway')), []);
});

test('only the default ingress gateway is assumed (labelled istio=ingressgateway, app=istio-ingressgateway), not the egress gateway', () => {
  for (const selector of ['istio: ingressgateway', 'app: istio-ingressgateway']) assert.deepEqual(selectorFindings(docs(app, gatewaySelecting(selector))), [], selector);
  assert.equal(selectorFindings(docs(app, gatewaySelecting('istio: egressgateway'))).length, 1);
});

test('a selector matching a workload (Deployment or Pod) in any namespace is fine', () => {
  assert.deepEqual(selectorFindings(docs(app, deployment('my-gw', 'gateways', { app: 'my-gateway', istio: 'custom' }), gatewaySelecting('app: my-gateway'))), []);
  assert.deepEqual(selectorFindings(docs(pod('my-gw-1', 'gateways', { app: 'my-gateway' }), gatewaySelecting('app: my-gateway'))), []);
});

test('a selector matching no workload is an error on the selector key; a placeholder is not judged', () => {
  const found = selectorFindings(docs(app, gatewaySelecting('istio: ingress-gateway')));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'selector');
  assert.match(found[0].message, /Referenced selector not found: no workload in the workspace has the pod labels istio=ingress-gateway/);
  assert.deepEqual(selectorFindings(docs(app, gatewaySelecting('istio: ${GATEWAY}'))), []);
});

test('the finding goes when the gateway Deployment appears in another file', () => {
  const engine = engineWith({ 'gw.yaml': docs(app, gatewaySelecting('app: my-gateway')) });
  assert.equal(findingsIn(engine, 'gw.yaml').filter((f) => f.code === 'IST0101').length, 1);
  engine.setFile('file:///deploy.yaml', deployment('my-gw', 'istio-system', { app: 'my-gateway' }));
  assert.equal(findingsIn(engine, 'gw.yaml').filter((f) => f.code === 'IST0101').length, 0);
});
