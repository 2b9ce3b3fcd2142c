import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { labelled, ref, targeting, waypoint } from '../helpers/ambient';

const targetRefs = (text: string) => check(text).filter((f) => f.code === 'IY0304');
const gwGroup = 'gateway.networking.k8s.io';

test('targetRefs to an existing Service, ServiceEntry and Gateway are fine', () => {
  const text = docs(
    labelled('Service', 'reviews', 'apps', {}),
    labelled('ServiceEntry', 'ext', 'apps', {}),
    waypoint('wp', 'apps'),
    targeting('AuthorizationPolicy', 'p', 'apps', ref('Service', 'reviews', '') + ref('ServiceEntry', 'ext', 'networking.istio.io') + ref('Gateway', 'wp', gwGroup)),
  );
  assert.deepEqual(targetRefs(text), []);
  assert.equal(targetRefs(text.replace('kind: ServiceEntry\n    name: ext', 'kind: ServiceEntry\n    name: ext2')).length, 1);
});

test('a kind istiod does not attach policies to is an error on the kind', () => {
  const found = targetRefs(targeting('AuthorizationPolicy', 'p', 'apps', ref('Deployment', 'reviews', 'apps')));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'Deployment');
  assert.match(found[0].message, /targetRef kind Deployment \(group apps\) is not one istiod attaches policies to: use Service \(core group\)/);
  assert.match(found[0].message, /use a selector/);
});

test('a known kind in the wrong group, and an Istio Gateway, are errors on the group', () => {
  const found = targetRefs(targeting('Telemetry', 't', 'apps', ref('Service', 'reviews', 'networking.istio.io') + ref('Gateway', 'gw', 'networking.istio.io') + ref('Gateway', 'gw2')));
  assert.equal(found.length, 3);
  assert.equal(found[0].text, '"networking.istio.io"');
  assert.match(found[0].message, /istiod knows Service only in the core group.*Write no group/);
  assert.match(found[1].message, /targetRef to an Istio Gateway/);
  // No group: the core group, where there is no Gateway; the finding goes on the kind.
  assert.equal(found[2].text, 'Gateway');
  assert.match(found[2].message, /Write group: gateway.networking.k8s.io/);
});

test('a targetRef namespace is rejected, another namespace with the fix to move the policy', () => {
  const found = targetRefs(docs(labelled('Service', 'reviews', 'apps', {}), targeting('RequestAuthentication', 'r', 'apps', ref('Service', 'reviews', '', 'apps') + ref('Service', 'reviews', '', 'other'))));
  assert.equal(found.length, 2);
  assert.equal(found[0].text, 'apps');
  assert.match(found[0].message, /even the policy's own/);
  assert.equal(found[1].text, 'other');
  assert.match(found[1].message, /create the policy in namespace other/);
});

test('a missing target is reported where the workspace holds that kind in the namespace, with where it exists', () => {
  const policy = targeting('AuthorizationPolicy', 'p', 'apps', ref('Service', 'nope', ''));
  assert.deepEqual(targetRefs(policy), [], 'no Services of apps: not judged');
  const found = targetRefs(docs(labelled('Service', 'reviews', 'apps', {}), policy));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'nope');
  assert.match(found[0].message, /targetRef Service "nope" not found in namespace apps.*Services of namespace apps: reviews/);
  const elsewhere = targetRefs(docs(labelled('Service', 'nope', 'other', {}), policy));
  assert.match(elsewhere[0].message, /exists in namespace other: create the policy there/);
});

test('a Gateway target that is an Istio Gateway is named as such', () => {
  const istioGateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ingress
  namespace: apps
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts: ["*"]
`;
  const found = targetRefs(docs(istioGateway, targeting('WasmPlugin', 'w', 'apps', ref('Gateway', 'ingress', gwGroup))));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /apps\/ingress is an Istio Gateway/);
});

test('GatewayClass istio-waypoint only from the root namespace; another class never', () => {
  const classRef = (name: string) => ref('GatewayClass', name, gwGroup);
  assert.deepEqual(targetRefs(targeting('AuthorizationPolicy', 'p', 'istio-system', classRef('istio-waypoint'))), []);
  const found = targetRefs(targeting('AuthorizationPolicy', 'p', 'apps', classRef('istio-waypoint')));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /only from a policy in the root namespace istio-system/);
  const other = targetRefs(targeting('AuthorizationPolicy', 'p', 'istio-system', classRef('istio')));
  assert.equal(other[0].text, 'istio');
  assert.match(other[0].message, /only for istio-waypoint/);
});

test('the single targetRef and EnvoyFilter targetRefs are checked too', () => {
  const single = targetRefs(targeting('WasmPlugin', 'w', 'apps', '    kind: Pod\n    name: x\n', true));
  assert.equal(single.length, 1);
  assert.equal(single[0].text, 'Pod');
  assert.equal(targetRefs(targeting('EnvoyFilter', 'e', 'apps', ref('HTTPRoute', 'r', gwGroup))).length, 1);
});

test('creating the target in another file withdraws the finding', () => {
  const engine = engineWith({
    'policy.yaml': targeting('AuthorizationPolicy', 'p', 'apps', ref('Gateway', 'wp', gwGroup)),
    'gw.yaml': waypoint('other', 'apps'),
  });
  assert.deepEqual(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IY0304').length, 1);
  assert.ok(engine.setFile(uriOf('gw.yaml'), docs(waypoint('other', 'apps'), waypoint('wp', 'apps'))).has(uriOf('policy.yaml')));
  assert.deepEqual(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IY0304'), []);
});
