import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, LocationLink } from 'vscode-languageserver-types';
import { doDefinition } from '../../server/src/features/definition';
import { doReferences } from '../../server/src/features/references';
import { uriOf } from '../helpers/engine';
import { describeLocations, gatewayApiWorkspace, offsetIn } from '../helpers/gateway-api-workspace';

const engine = gatewayApiWorkspace();

/** Go to definition from the `occurrence`-th `needle` (+at) of file `name`. */
function definitions(name: string, needle: string, at = 1, occurrence = 0): string[] {
  return describeLocations(engine, doDefinition(engine, uriOf(name), offsetIn(engine, name, needle, at, occurrence)) as Location[]);
}

function references(name: string, needle: string, includeDeclaration: boolean, at = 1, occurrence = 0): string[] {
  return describeLocations(engine, doReferences(engine, uriOf(name), offsetIn(engine, name, needle, at, occurrence), includeDeclaration));
}

test('a parentRef name leads to the Gateway it names, its namespace defaulting to the route\'s', () => {
  assert.deepEqual(definitions('routes.yaml', '- name: public', 8), ['gw.yaml:4 public'], 'namespace infra written');
  assert.deepEqual(definitions('routes.yaml', '- name: "public"', 9), ['gw.yaml:4 public'], 'quoted');
  assert.deepEqual(definitions('routes.yaml', '- name: public', 8, 2), ['gw.yaml:4 public'], 'the route in infra, namespace absent');
  assert.deepEqual(definitions('routes.yaml', '- name: public', 8, 1), [], 'shop/public does not exist');
  assert.deepEqual(definitions('routes.yaml', '- name: extra', 8), ['gw.yaml:29 extra'], 'kind ListenerSet');
  assert.deepEqual(definitions('gw.yaml', '    name: public', 10), ['gw.yaml:4 public'], 'a ListenerSet\'s parentRef');
});

test('a sectionName leads to the listener of the Gateway its parentRef resolves to', () => {
  assert.deepEqual(definitions('routes.yaml', 'sectionName: https', 14), ['gw.yaml:15 https']);
  assert.deepEqual(definitions('routes.yaml', 'sectionName: http\n', 14, 1), ['gw.yaml:9 http'], 'in the Gateway\'s namespace');
  const [link] = doDefinition(engine, uriOf('routes.yaml'), offsetIn(engine, 'routes.yaml', 'sectionName: https', 14), true) as LocationLink[];
  assert.deepEqual(link.targetRange.start, { line: 14, character: 4 }, 'the whole listener item');
  assert.deepEqual(link.targetSelectionRange, { start: { line: 14, character: 10 }, end: { line: 14, character: 15 } });
  assert.equal(link.originSelectionRange?.start.line, 12);
});

test('a backendRef (and a mirror backendRef) leads to its Service; a cross-namespace one\'s namespace to the ReferenceGrant', () => {
  assert.deepEqual(definitions('routes.yaml', '- name: web\n', 8), ['svc.yaml:4 web']);
  assert.deepEqual(definitions('routes.yaml', '- name: web-canary', 8), ['svc.yaml:14 web-canary']);
  assert.deepEqual(definitions('routes.yaml', '- name: db', 8), ['svc.yaml:24 db'], 'namespace data written');
  assert.deepEqual(definitions('routes.yaml', '  name: web\n', 8, 1), ['svc.yaml:4 web'], 'RequestMirror backendRef');
  assert.deepEqual(definitions('routes.yaml', 'namespace: data', 12), ['grant.yaml:4 shop-to-db']);
  // infra/internal → shop/web has no ReferenceGrant: nothing to go to.
  assert.deepEqual(definitions('routes.yaml', 'namespace: shop', 12, 2), []);
  assert.deepEqual(definitions('routes.yaml', 'namespace: infra', 12), [], 'a parentRef namespace is not a backend');
});

test('ReferenceGrant entries lead to what they allow and to who uses them', () => {
  assert.deepEqual(definitions('grant.yaml', 'name: db', 7), ['svc.yaml:24 db']);
  assert.deepEqual(definitions('grant.yaml', 'kind: Service', 7), ['svc.yaml:24 db']);
  assert.deepEqual(definitions('grant.yaml', 'namespace: shop', 12), ['routes.yaml:4 web'], 'the shop route reaching into data, not shop/local');
  assert.deepEqual(definitions('grant.yaml', 'kind: HTTPRoute', 7), ['routes.yaml:4 web']);
});

test('a use-waypoint label leads to the waypoint Gateway: the object\'s namespace, a Namespace\'s own name, or use-waypoint-namespace', () => {
  assert.deepEqual(definitions('waypoint.yaml', 'istio.io/use-waypoint: waypoint', 24), ['waypoint.yaml:4 waypoint'], 'on the Namespace mesh');
  assert.deepEqual(definitions('waypoint.yaml', 'istio.io/use-waypoint: "waypoint"', 25), ['waypoint.yaml:4 waypoint'], 'from sales via use-waypoint-namespace');
  assert.deepEqual(definitions('waypoint.yaml', 'istio.io/use-waypoint: none', 24), [], 'none opts out');
});

test('references of a Gateway API Gateway: route parentRefs, ListenerSet parentRefs, bound VirtualService entries', () => {
  assert.deepEqual(references('gw.yaml', 'name: public', false, 7), [
    'gw.yaml:33 public',
    'routes.yaml:8 public',
    'routes.yaml:11 "public"',
    'routes.yaml:55 public',
    'vs.yaml:10 infra/public',
  ]);
  assert.deepEqual(references('gw.yaml', 'name: public', true, 7)[0], 'gw.yaml:4 public');
  // From any reference: the same symbol.
  assert.deepEqual(references('routes.yaml', '- name: public', true, 8), references('gw.yaml', 'name: public', true, 7));
  assert.deepEqual(references('vs.yaml', 'infra/public', true, 8), references('gw.yaml', 'name: public', true, 7));
  // shop/public: no declaration, its own references.
  assert.deepEqual(references('routes.yaml', '- name: public', true, 8, 1), ['routes.yaml:42 public']);
});

test('references of a waypoint Gateway include the use-waypoint labels naming it', () => {
  assert.deepEqual(references('waypoint.yaml', 'name: waypoint', false, 7), ['waypoint.yaml:18 waypoint', 'waypoint.yaml:26 "waypoint"']);
});

test('references of a listener: the sectionNames naming it, through the Gateway\'s namespace defaults', () => {
  assert.deepEqual(references('gw.yaml', '- name: http', true, 9), ['gw.yaml:9 http', 'routes.yaml:10 http', 'routes.yaml:56 http']);
  assert.deepEqual(references('routes.yaml', 'sectionName: https', true, 14), ['gw.yaml:15 https', 'routes.yaml:13 https']);
  assert.deepEqual(references('gw.yaml', '- name: admin', false, 9), [], 'no route names the ListenerSet listener');
});

test('references of a Service: backendRefs and mirror backendRefs resolving to it, not those of another namespace', () => {
  assert.deepEqual(references('svc.yaml', 'name: web', true, 7), ['svc.yaml:4 web', 'routes.yaml:18 web', 'routes.yaml:32 web', 'routes.yaml:45 web', 'routes.yaml:61 web']);
  assert.deepEqual(references('routes.yaml', '- name: db', false, 8), ['routes.yaml:25 db']);
});

test('a ReferenceGrant from Gateways leads to the Gateways whose certificateRefs it allows', () => {
  const tls = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: tls
  namespace: infra
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs:
      - name: wildcard
        namespace: certs
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: gateways-to-certs
  namespace: certs
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: Gateway
    namespace: infra
  to:
  - group: ""
    kind: Secret
---
apiVersion: v1
kind: Secret
metadata:
  name: wildcard
  namespace: certs
`;
  const withTls = gatewayApiWorkspace({ 'tls.yaml': tls });
  const at = (needle: string, offset: number) => describeLocations(withTls, doDefinition(withTls, uriOf('tls.yaml'), offsetIn(withTls, 'tls.yaml', needle, offset)) as Location[]);
  assert.deepEqual(at('kind: Gateway\n    namespace: infra', 7), ['tls.yaml:4 tls'], 'public in infra has no certificate in certs');
  assert.deepEqual(at('kind: Secret', 7), ['tls.yaml:34 wildcard'], 'a to entry without name: every Secret of the namespace');
});
