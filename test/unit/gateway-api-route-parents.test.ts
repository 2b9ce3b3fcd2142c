import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { gatewayWithListeners, httpRoute, namespaceObject, route } from '../helpers/gateway-api-routes';

const parentCodes = ['IY0201', 'IY0203', 'IY0204', 'IY0205', 'IY0206'];
const parents = (text: string) => check(text).filter((f) => parentCodes.includes(f.code));

const webGateway = gatewayWithListeners(
  'web',
  'infra',
  `
- name: http
  port: 80
  protocol: HTTP
  hostname: "*.example.com"
  allowedRoutes:
    namespaces:
      from: All
- name: tls
  port: 443
  protocol: TLS
  tls:
    mode: Passthrough
  allowedRoutes:
    namespaces:
      from: All`,
);

test('a route attached to an existing Gateway whose listener admits it has no parent finding', () => {
  assert.deepEqual(parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra' }], ['www.example.com']))), []);
  // Absent hostnames match every listener hostname.
  assert.deepEqual(parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'http' }]))), []);
});

test('IY0201: a parent Gateway that does not exist; a plain name means the route namespace, and the fix names the namespace', () => {
  const found = parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web' }], ['www.example.com'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0201');
  assert.equal(found[0].text, '"web"');
  assert.match(found[0].message, /Parent Gateway shop\/web not found.*namespace infra.*"namespace: infra"/);
  assert.equal(found[0].finding.data?.fix, 'qualify-parent-namespace');
  assert.equal(found[0].finding.data?.namespace, 'infra');
  assert.deepEqual(parents(httpRoute('r', 'shop', [{ name: 'ghost', namespace: 'infra' }])), [], 'no Gateway of infra in the workspace: it lives elsewhere');
  const nowhere = parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'ghost', namespace: 'infra' }])));
  assert.equal(nowhere.length, 1);
  assert.match(nowhere[0].message, /Gateway infra\/ghost not found/);
  assert.equal(nowhere[0].finding.data?.fix, undefined);
});

test('IY0201: a Service parent (mesh route) is judged only where the workspace holds Services of its namespace', () => {
  const serviceParent = httpRoute('r', 'shop', [{ name: 'reviews', kind: 'Service', group: '' }]);
  assert.deepEqual(parents(serviceParent), []);
  const other = `apiVersion: v1\nkind: Service\nmetadata:\n  name: ratings\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n`;
  const found = parents(docs(other, serviceParent));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Service shop\/reviews not found/);
});

test('parents of kinds Istio does not serve are another controller\'s: not judged', () => {
  assert.deepEqual(parents(httpRoute('r', 'shop', [{ name: 'x', kind: 'Mesh', group: 'example.io' }])), []);
});

test('IY0203: a sectionName or port that no listener has (NoMatchingParent)', () => {
  const bySection = parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'htp' }], ['www.example.com'])));
  assert.equal(bySection.length, 1);
  assert.equal(bySection[0].code, 'IY0203');
  assert.equal(bySection[0].text, '"htp"');
  assert.match(bySection[0].message, /NoMatchingParent/);
  assert.match(bySection[0].message, /http \(port 80\), tls \(port 443\)/);
  const byPort = parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra', port: 8080 }], ['www.example.com'])));
  assert.equal(byPort.length, 1);
  assert.equal(byPort[0].code, 'IY0203');
  assert.equal(byPort[0].text, '8080');
  // sectionName and port must both match one listener.
  const both = parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'http', port: 443 }], ['www.example.com'])));
  assert.equal(both[0]?.code, 'IY0203');
});

test('IY0204: the default allowedRoutes (Same) admits only the Gateway namespace (NotAllowedByListeners)', () => {
  const same = gatewayWithListeners('gw', 'infra', `\n- name: http\n  port: 80\n  protocol: HTTP`);
  const found = parents(docs(same, httpRoute('r', 'shop', [{ name: 'gw', namespace: 'infra' }])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0204');
  assert.match(found[0].message, /namespace shop.*from Same \(default\).*NotAllowedByListeners/);
  assert.deepEqual(parents(docs(same, httpRoute('r', 'infra', [{ name: 'gw' }]))), []);
});

test('IY0204: a Selector is judged over the Namespace labels, with the implicit metadata.name label, and not judged without the Namespace', () => {
  const selective = gatewayWithListeners(
    'gw',
    'infra',
    `
- name: http
  port: 80
  protocol: HTTP
  allowedRoutes:
    namespaces:
      from: Selector
      selector:
        matchLabels:
          shared-gateway: "true"`,
  );
  const byName = gatewayWithListeners(
    'named',
    'infra',
    `
- name: http
  port: 80
  protocol: HTTP
  allowedRoutes:
    namespaces:
      from: Selector
      selector:
        matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: In
          values: [shop, cart]`,
  );
  const routeIn = (gw: string) => httpRoute('r', 'shop', [{ name: gw, namespace: 'infra' }]);
  assert.deepEqual(parents(docs(selective, routeIn('gw'))), [], 'no Namespace manifest: not judged');
  assert.deepEqual(parents(docs(selective, namespaceObject('shop', { 'shared-gateway': 'true' }), routeIn('gw'))), []);
  const refused = parents(docs(selective, namespaceObject('shop', { team: 'a' }), routeIn('gw')));
  assert.equal(refused.length, 1);
  assert.equal(refused[0].code, 'IY0204');
  assert.deepEqual(parents(docs(byName, namespaceObject('shop'), routeIn('named'))), []);
  const other = parents(docs(byName, namespaceObject('pay'), httpRoute('r', 'pay', [{ name: 'named', namespace: 'infra' }])));
  assert.equal(other[0]?.code, 'IY0204');
});

test('IY0205: a route kind the targeted listeners do not carry, by protocol or allowedRoutes.kinds (NotAllowedByListeners)', () => {
  const tcpRoute = route('TCPRoute', 't', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'http' }], []);
  const found = parents(docs(webGateway, tcpRoute));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0205');
  assert.match(found[0].message, /do not admit TCPRoute/);
  const tlsRoute = route('TLSRoute', 't', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'tls' }], ['db.example.com']);
  assert.deepEqual(parents(docs(webGateway, tlsRoute)), []);
  const onlyGrpc = gatewayWithListeners(
    'grpc',
    'shop',
    `
- name: http
  port: 80
  protocol: HTTP
  allowedRoutes:
    kinds:
    - kind: GRPCRoute`,
  );
  assert.equal(parents(docs(onlyGrpc, httpRoute('r', 'shop', [{ name: 'grpc' }])))[0]?.code, 'IY0205');
  assert.deepEqual(parents(docs(onlyGrpc, route('GRPCRoute', 'g', 'shop', [{ name: 'grpc' }], []))), []);
  // A terminating TLS listener carries TCPRoutes.
  const terminating = gatewayWithListeners('t', 'shop', `\n- name: tls\n  port: 443\n  protocol: TLS\n  tls:\n    mode: Terminate`);
  assert.deepEqual(parents(docs(terminating, route('TCPRoute', 'x', 'shop', [{ name: 't' }], []))), []);
});

test('IY0206: no route hostname intersects a targeted listener hostname, with wildcards both ways (NoMatchingListenerHostname)', () => {
  const found = parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'http' }], ['example.com', 'www.example.org'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0206');
  assert.match(found[0].message, /\*\.example\.com/);
  assert.deepEqual(found[0].finding.data?.hostnames, ['example.com', 'www.example.org']);
  // *.example.com covers deeper names; a route wildcard covers a listener name under it.
  assert.deepEqual(parents(docs(webGateway, httpRoute('r', 'shop', [{ name: 'web', namespace: 'infra', sectionName: 'http' }], ['a.b.example.com']))), []);
  const exact = gatewayWithListeners('exact', 'shop', `\n- name: http\n  port: 80\n  protocol: HTTP\n  hostname: shop.example.com`);
  assert.deepEqual(parents(docs(exact, httpRoute('r', 'shop', [{ name: 'exact' }], ['*.example.com']))), []);
  assert.equal(parents(docs(exact, httpRoute('r', 'shop', [{ name: 'exact' }], ['*.shop.example.com'])))[0]?.code, 'IY0206');
});

test('a route is accepted when one of the targeted listeners admits it', () => {
  const mixed = gatewayWithListeners(
    'mixed',
    'shop',
    `
- name: a
  port: 80
  protocol: HTTP
  hostname: a.example.com
- name: b
  port: 80
  protocol: HTTP
  hostname: b.example.com`,
  );
  assert.deepEqual(parents(docs(mixed, httpRoute('r', 'shop', [{ name: 'mixed' }], ['b.example.com']))), []);
});

test('a fix in the Gateway file withdraws the route finding in another file', () => {
  const routeText = httpRoute('r', 'shop', [{ name: 'gw', namespace: 'infra' }]);
  const engine = engineWith({ 'gw.yaml': gatewayWithListeners('gw', 'infra', `\n- name: http\n  port: 80\n  protocol: HTTP`), 'route.yaml': routeText });
  assert.deepEqual(
    findingsIn(engine, 'route.yaml').map((f) => f.code).filter((c) => parentCodes.includes(c)),
    ['IY0204'],
  );
  engine.setFile('file:///gw.yaml', gatewayWithListeners('gw', 'infra', `\n- name: http\n  port: 80\n  protocol: HTTP\n  allowedRoutes:\n    namespaces:\n      from: All`));
  assert.deepEqual(findingsIn(engine, 'route.yaml').filter((f) => parentCodes.includes(f.code)), []);
});

test('routes on an istio-remote Gateway are not judged: Istio does not program them', () => {
  const remote = gatewayWithListeners('ew', 'istio-system', `\n- name: cross-network\n  port: 15443\n  protocol: TLS\n  tls:\n    mode: Passthrough`, 'istio-remote');
  const tls = route('TLSRoute', 't', 'istio-system', [{ name: 'ew', sectionName: 'istiod-grpc' }], []);
  assert.deepEqual(parents(docs(remote, tls)), []);
  const local = gatewayWithListeners('ew', 'istio-system', `\n- name: cross-network\n  port: 15443\n  protocol: TLS\n  tls:\n    mode: Passthrough`, 'istio');
  assert.equal(parents(docs(local, tls))[0]?.code, 'IY0203');
});
