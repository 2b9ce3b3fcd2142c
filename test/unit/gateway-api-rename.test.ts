import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../server/src/engine/engine';
import { doRename, prepareRename } from '../../server/src/features/rename';
import { allFindings, applyWorkspaceEdit } from '../helpers/apply-edits';
import { uriOf } from '../helpers/engine';
import { gatewayApiFiles, gatewayApiWorkspace, offsetIn } from '../helpers/gateway-api-workspace';

const files = Object.keys(gatewayApiFiles);

/** Renames from `needle` (+at) in `name`, applies the edit, returns the new texts by file name. */
function rename(engine: Engine, name: string, needle: string, at: number, newName: string, occurrence = 0): Record<string, string> {
  const outcome = doRename(engine, uriOf(name), offsetIn(engine, name, needle, at, occurrence), newName);
  if ('error' in outcome) assert.fail(outcome.error);
  const texts = applyWorkspaceEdit(engine, outcome.edit);
  return Object.fromEntries(Object.entries(texts).map(([uri, text]) => [uri.replace('file:///', ''), text]));
}

function renameError(engine: Engine, name: string, needle: string, at: number, newName: string, occurrence = 0): string {
  const outcome = doRename(engine, uriOf(name), offsetIn(engine, name, needle, at, occurrence), newName);
  return 'error' in outcome ? outcome.error : 'no error';
}

const codes = (engine: Engine) => allFindings(engine, files).map((k) => k.split(' ').slice(0, 2).join(' '));

test('renaming a Gateway API Gateway renames the parentRefs resolving to it, the ListenerSet parent and the bound VirtualService entry', () => {
  const engine = gatewayApiWorkspace();
  const before = codes(engine);
  const texts = rename(engine, 'gw.yaml', 'name: public', 7, 'edge');
  assert.match(texts['gw.yaml'], /metadata:\n  name: edge\n/);
  assert.match(texts['gw.yaml'], /parentRef:\n    name: edge\n/);
  const routes = texts['routes.yaml'];
  assert.match(routes, /  - name: edge\n    namespace: infra\n    sectionName: http\n  - name: "edge"\n    namespace: infra\n/, 'namespace kept, quotes kept');
  assert.match(routes, /name: local\n[^]*parentRefs:\n  - name: public\n/, 'shop/public is another Gateway');
  assert.match(routes, /name: internal\n[^]*parentRefs:\n  - name: edge\n/);
  assert.match(texts['vs.yaml'], /gateways:\n  - infra\/edge\n/);
  // shop/local's parentRef "public" was reported as missing because a Gateway of that name exists in infra; once it is
  // renamed no Gateway of that name is left anywhere (and none is in shop), so nothing says the route means it.
  assert.ok(before.includes('routes.yaml: IY0201'));
  assert.deepEqual(codes(engine), before.filter((c) => c !== 'routes.yaml: IY0201'), 'the rename adds no finding');
});

test('renaming from a parentRef renames the Gateway; a waypoint rename renames the use-waypoint labels', () => {
  const engine = gatewayApiWorkspace();
  const texts = rename(engine, 'routes.yaml', '- name: "public"', 10, 'edge');
  assert.match(texts['gw.yaml'], /metadata:\n  name: edge\n/);
  const waypoint = rename(engine, 'waypoint.yaml', 'name: waypoint', 7, 'wp')['waypoint.yaml'];
  assert.match(waypoint, /name: wp\n/);
  assert.match(waypoint, /name: mesh\n  labels:\n    istio.io\/use-waypoint: wp\n/);
  assert.match(waypoint, /istio.io\/use-waypoint: "wp"\n/);
  assert.match(waypoint, /istio.io\/use-waypoint: none\n/);
});

test('renaming a listener renames the sectionNames naming it; a taken listener name is refused', () => {
  const engine = gatewayApiWorkspace();
  assert.match(renameError(engine, 'gw.yaml', '- name: http\n', 9, 'https'), /Gateway infra\/public already has a listener "https"/);
  const texts = rename(engine, 'routes.yaml', 'sectionName: http\n', 14, 'plain');
  assert.match(texts['gw.yaml'], /  - name: plain\n    port: 80\n/);
  assert.equal(texts['routes.yaml'].match(/sectionName: plain\n/g)?.length, 2);
  assert.match(texts['routes.yaml'], /sectionName: https\n/);
});

test('renaming a Service renames the backendRefs resolving to it, mirrors included', () => {
  const engine = gatewayApiWorkspace();
  const before = codes(engine);
  const texts = rename(engine, 'svc.yaml', 'name: web\n', 6, 'storefront');
  assert.match(texts['svc.yaml'], /name: storefront\n  namespace: shop\n/);
  const routes = texts['routes.yaml'];
  assert.equal(routes.match(/name: storefront\n/g)?.length, 4);
  assert.match(routes, /- name: web-canary\n/);
  assert.deepEqual(codes(engine), before);
});

test('Service rename is refused when Istio resources name it by host, or the name is taken or invalid', () => {
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts:
  - web
  http:
  - route:
    - destination:
        host: web
`;
  const engine = gatewayApiWorkspace({ 'istio.yaml': vs });
  assert.match(renameError(engine, 'routes.yaml', '- name: web\n', 8, 'shopfront'), /Service shop\/web is also named by host in VirtualService shop\/web/);
  assert.match(renameError(engine, 'svc.yaml', 'name: web-canary', 7, 'web'), /A Service shop\/web already exists/);
  assert.match(renameError(engine, 'svc.yaml', 'name: web-canary', 7, '1web'), /not a valid Service name/);
  assert.match(renameError(engine, 'gw.yaml', 'name: public', 7, 'Edge'), /not a valid Gateway name/);
});

test('no rename for placeholders, undeclared parents, namespaces and ReferenceGrant entries', () => {
  const templated = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: \${GATEWAY}
  namespace: infra
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: infra
spec:
  parentRefs:
  - name: \${GATEWAY}
`;
  const engine = gatewayApiWorkspace({ 't.yaml': templated });
  const error = (name: string, needle: string, at: number, occurrence = 0) => {
    const outcome = prepareRename(engine, uriOf(name), offsetIn(engine, name, needle, at, occurrence));
    return 'error' in outcome ? outcome.error : 'no error';
  };
  assert.match(error('t.yaml', '- name: ${GATEWAY}', 10), /placeholder/);
  assert.match(error('t.yaml', 'name: ${GATEWAY}', 8), /placeholder/);
  assert.match(error('routes.yaml', '- name: public', 8, 1), /Gateway "public" is not defined in the workspace/);
  assert.match(error('routes.yaml', 'namespace: data', 12), /not renamed here/);
  assert.match(error('grant.yaml', 'name: db', 7), /not renamed here/);
  const prepared = prepareRename(engine, uriOf('routes.yaml'), offsetIn(engine, 'routes.yaml', '- name: "public"', 10));
  assert.ok('range' in prepared && prepared.placeholder === 'public' && prepared.range.end.character - prepared.range.start.character === 6, 'inside the quotes');
});

test('renaming a ListenerSet renames the parentRefs of kind ListenerSet naming it', () => {
  const engine = gatewayApiWorkspace();
  const texts = rename(engine, 'routes.yaml', '- name: extra', 8, 'more');
  assert.match(texts['gw.yaml'], /kind: ListenerSet\nmetadata:\n  name: more\n/);
  assert.match(texts['routes.yaml'], /  - name: more\n    kind: ListenerSet\n/);
  assert.match(renameError(engine, 'gw.yaml', 'name: more', 7, 'public'), /no error/, 'a Gateway of that name is another kind');
});
