import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../server/src/engine/finding';
import { grantName } from '../../server/src/engine/fixes/add-reference-grant';
import { codeActions } from '../../server/src/features/code-actions';
import { docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { actionsFor, applyAndCheck, theFinding, withFindings } from '../helpers/fix-check';
import { gatewayWithListeners, httpRoute, referenceGrant, service } from '../helpers/gateway-api-routes';

const crlf = (t: string) => t.replace(/\n/g, '\r\n');

const shopGateway = gatewayWithListeners('gw', 'shop', `\n- name: http\n  port: 80\n  protocol: HTTP`);

// --- IY0211: add a ReferenceGrant ---------------------------------------------------------------

const crossRoute = httpRoute('r', 'shop', [{ name: 'gw' }], [], [[{ name: 'pay', namespace: 'payments', port: 80 }]]);

test('IY0211 (backendRef): a ReferenceGrant is appended to the route file, in the target namespace', () => {
  const engine = engineWith({ 'gw.yaml': shopGateway, 'route.yaml': crossRoute, 'svc.yaml': service('pay', 'payments', [80]) });
  const names = ['gw.yaml', 'route.yaml', 'svc.yaml'];
  const finding = theFinding(engine, 'route.yaml', 'IY0211');
  const actions = actionsFor(engine, 'route.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), ['Add a ReferenceGrant in namespace payments allowing HTTPRoutes from shop']);
  assert.equal(actions[0].isPreferred, true);
  assert.equal(actions[0].diagnostics?.[0].code, 'IY0211');
  const texts = applyAndCheck(engine, names, finding, actions[0]);
  assert.equal(
    texts['route.yaml'],
    `${crossRoute}---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: allow-shop-httproute-to-pay
  namespace: payments
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: HTTPRoute
    namespace: shop
  to:
  - group: ""
    kind: Service
    name: pay
`,
  );
});

test('IY0211 (certificateRef): a Gateway gets a grant for its Secret, in the file style (4-space indent, indented lists), CRLF kept', () => {
  const gw = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
    name: edge
    namespace: ingress
spec:
    gatewayClassName: istio
    listeners:
      - name: https
        port: 443
        protocol: HTTPS
        tls:
            mode: Terminate
            certificateRefs:
              - name: shop-cert
                namespace: certs
`;
  const engine = engineWith({ 'gw.yaml': crlf(gw) });
  const finding = theFinding(engine, 'gw.yaml', 'IY0211');
  const [action] = actionsFor(engine, 'gw.yaml', finding);
  assert.equal(action.title, 'Add a ReferenceGrant in namespace certs allowing Gateways from ingress');
  const texts = applyAndCheck(engine, ['gw.yaml'], finding, action);
  assert.equal(
    texts['gw.yaml'],
    crlf(`${gw}---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
    name: allow-ingress-gateway-to-shop-cert
    namespace: certs
spec:
    from:
      - group: gateway.networking.k8s.io
        kind: Gateway
        namespace: ingress
    to:
      - group: ""
        kind: Secret
        name: shop-cert
`),
  );
});

test('IY0211: a file without final newline stays so; a file ending with --- gets no second separator', () => {
  const bare = docs(shopGateway, crossRoute).trimEnd();
  const engine = engineWith({ 'all.yaml': bare });
  let finding = theFinding(engine, 'all.yaml', 'IY0211');
  let text = applyAndCheck(engine, ['all.yaml'], finding, actionsFor(engine, 'all.yaml', finding)[0])['all.yaml'];
  assert.ok(text.startsWith(`${bare}\n---\napiVersion: gateway.networking.k8s.io/v1beta1\n`), text);
  assert.ok(text.endsWith('    name: pay'), JSON.stringify(text.slice(-30)));

  const separated = `${docs(shopGateway, crossRoute)}---\n`;
  const second = engineWith({ 'all.yaml': separated });
  finding = theFinding(second, 'all.yaml', 'IY0211');
  text = applyAndCheck(second, ['all.yaml'], finding, actionsFor(second, 'all.yaml', finding)[0])['all.yaml'];
  assert.ok(text.startsWith(`${separated}apiVersion: gateway.networking.k8s.io/v1beta1\n`), text);
});

test('IY0211: a grant of the target namespace whose only source is the route kind and namespace gets a `to` entry', () => {
  const grant = referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service', name: 'other' });
  const engine = engineWith({ 'gw.yaml': shopGateway, 'route.yaml': crossRoute, 'grant.yaml': `${grant}# end\n` });
  const finding = theFinding(engine, 'route.yaml', 'IY0211');
  const actions = actionsFor(engine, 'route.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), ['Allow HTTPRoutes from shop to reference Service pay in ReferenceGrant payments/grant']);
  const texts = applyAndCheck(engine, ['gw.yaml', 'route.yaml', 'grant.yaml'], finding, actions[0]);
  assert.ok(texts['grant.yaml'].endsWith('    name: other\n  - group: ""\n    kind: Service\n    name: pay\n# end\n'), texts['grant.yaml']);
  assert.equal(texts['route.yaml'], undefined, 'the route file is untouched');
});

test('IY0211: a grant with other sources is not widened; a new grant avoids its name', () => {
  const wide = referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service', name: 'other' })
    .replace('name: grant', 'name: allow-shop-httproute-to-pay')
    .replace('  to:\n', '  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: cart\n  to:\n');
  const engine = engineWith({ 'gw.yaml': shopGateway, 'route.yaml': crossRoute, 'grant.yaml': wide });
  const finding = theFinding(engine, 'route.yaml', 'IY0211');
  const actions = actionsFor(engine, 'route.yaml', finding);
  assert.equal(actions.length, 1);
  const texts = applyAndCheck(engine, ['gw.yaml', 'route.yaml', 'grant.yaml'], finding, actions[0]);
  assert.match(texts['route.yaml'], /\n  name: allow-shop-httproute-to-pay-2\n  namespace: payments\n/);
  assert.equal(texts['grant.yaml'], undefined);
});

test('IY0211: a flow `to` list gets a flow entry', () => {
  const grant = `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: g, namespace: payments}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service, name: other}]
`;
  const engine = engineWith({ 'all.yaml': docs(shopGateway, crossRoute, grant) });
  const finding = theFinding(engine, 'all.yaml', 'IY0211');
  const texts = applyAndCheck(engine, ['all.yaml'], finding, actionsFor(engine, 'all.yaml', finding)[0]);
  assert.ok(texts['all.yaml'].endsWith('  to: [{group: "", kind: Service, name: other}, {group: "", kind: Service, name: pay}]\n'), texts['all.yaml']);
});

test('IY0211: no fix when the reference is allowed by now (a finding older than the grant)', () => {
  const engine = engineWith({ 'gw.yaml': shopGateway, 'route.yaml': crossRoute });
  const stale = theFinding(engine, 'route.yaml', 'IY0211').finding;
  const uri = uriOf('route.yaml');
  assert.equal(codeActions(engine, uri, stale.range).length, 1, 'offered while the finding holds');
  engine.setFile(uriOf('grant.yaml'), referenceGrant('payments', { kind: 'HTTPRoute', namespace: 'shop' }, { kind: 'Service' }));
  assert.deepEqual(codeActions(withFindings(engine, uri, [stale]), uri, stale.range), []);
});

test('ReferenceGrant names are DNS-1123 labels', () => {
  assert.equal(grantName('shop', 'HTTPRoute', 'pay'), 'allow-shop-httproute-to-pay');
  assert.equal(grantName('shop', 'Gateway', 'wild.card_cert'), 'allow-shop-gateway-to-wild-card-cert');
  const long = grantName('a-very-long-namespace-name', 'HTTPRoute', 'and-an-even-longer-service-name-here');
  assert.ok(long.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
});

// --- IY0201: set the parentRef's namespace -----------------------------------------------------

const infraGateway = gatewayWithListeners(
  'web',
  'infra',
  `
- name: http
  port: 80
  protocol: HTTP
  allowedRoutes:
    namespaces:
      from: All`,
);

test('IY0201: namespace: is added to a block parentRef', () => {
  const route = httpRoute('r', 'shop', [{ name: 'web', sectionName: 'http' }], ['www.example.com']);
  const engine = engineWith({ 'gw.yaml': infraGateway, 'route.yaml': route });
  const finding = theFinding(engine, 'route.yaml', 'IY0201');
  const actions = actionsFor(engine, 'route.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), ['Set namespace: infra on the parentRef']);
  assert.equal(actions[0].isPreferred, true);
  const texts = applyAndCheck(engine, ['gw.yaml', 'route.yaml'], finding, actions[0]);
  assert.ok(texts['route.yaml'].includes('  parentRefs:\n  - name: "web"\n    sectionName: "http"\n    namespace: infra\n  hostnames:\n'), texts['route.yaml']);
});

test('IY0201: a flow parentRef gets a flow entry; a wrong namespace is rewritten in its quotes; CRLF kept', () => {
  const flow = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: shop
spec:
  parentRefs: [{name: web, port: 80}]   # the edge
`;
  let engine = engineWith({ 'all.yaml': docs(infraGateway, flow) });
  let finding = theFinding(engine, 'all.yaml', 'IY0201');
  let text = applyAndCheck(engine, ['all.yaml'], finding, actionsFor(engine, 'all.yaml', finding)[0])['all.yaml'];
  assert.ok(text.endsWith('  parentRefs: [{name: web, port: 80, namespace: infra}]   # the edge\n'), text);

  const wrong = flow.replace('[{name: web, port: 80}]', `\n  - name: web\n    namespace: 'edge'\n`);
  engine = engineWith({ 'gw.yaml': infraGateway, 'route.yaml': crlf(wrong) });
  finding = theFinding(engine, 'route.yaml', 'IY0201');
  assert.equal(finding.finding.data?.namespace, 'infra');
  text = applyAndCheck(engine, ['gw.yaml', 'route.yaml'], finding, actionsFor(engine, 'route.yaml', finding)[0])['route.yaml'];
  assert.equal(text, crlf(wrong.replace("'edge'", "'infra'")));
});

test('IY0201: on a Gateway that admits only its own namespace, the fix resolves the reference and reveals IY0204', () => {
  const sameOnly = gatewayWithListeners('web', 'infra', '- name: http\n  port: 80\n  protocol: HTTP');
  const engine = engineWith({ 'gw.yaml': sameOnly, 'route.yaml': httpRoute('r', 'shop', [{ name: 'web' }]) });
  const finding = theFinding(engine, 'route.yaml', 'IY0201');
  applyAndCheck(engine, ['gw.yaml', 'route.yaml'], finding, actionsFor(engine, 'route.yaml', finding)[0], ['IY0204']);
  assert.match(theFinding(engine, 'route.yaml', 'IY0204').message, /does not admit routes from namespace shop/);
});

test('IY0201: no fix when the data no longer matches the parentRef or the parent is gone', () => {
  const route = httpRoute('r', 'shop', [{ name: 'web' }]);
  const engine = engineWith({ 'gw.yaml': infraGateway, 'route.yaml': route });
  const finding = theFinding(engine, 'route.yaml', 'IY0201').finding;
  const uri = uriOf('route.yaml');
  const cases: Finding[] = [
    { ...finding, data: { ...finding.data, namespace: 'nowhere' } },
    { ...finding, data: { ...finding.data, name: 'other' } },
    { ...finding, range: { start: finding.range.start + 1, end: finding.range.end } },
  ];
  for (const stale of cases) assert.deepEqual(codeActions(withFindings(engine, uri, [stale]), uri, stale.range), [], JSON.stringify(stale.data));
  // The real finding has its fix (the cases above fail for their own reason).
  assert.equal(codeActions(engine, uri, finding.range).length, 1);
});

// --- IY0212: set the backendRef's port ----------------------------------------------------------

test('IY0212: port: is added to a block backendRef, and to a flow one', () => {
  const route = httpRoute('r', 'shop', [{ name: 'gw' }], [], [[{ name: 'web', weight: 1 }]]);
  const engine = engineWith({ 'gw.yaml': shopGateway, 'svc.yaml': service('web', 'shop', [8080]), 'route.yaml': route });
  const finding = theFinding(engine, 'route.yaml', 'IY0212');
  const actions = actionsFor(engine, 'route.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), ['Set port: 8080 (the only port of Service shop/web)']);
  assert.equal(actions[0].isPreferred, true);
  const texts = applyAndCheck(engine, ['gw.yaml', 'svc.yaml', 'route.yaml'], finding, actions[0]);
  assert.ok(texts['route.yaml'].endsWith('    - name: "web"\n      weight: 1\n      port: 8080\n'), texts['route.yaml']);

  const flow = route.replace(/  - backendRefs:\n[^]*$/, '  - backendRefs: [{name: web}]\n');
  const second = engineWith({ 'all.yaml': docs(shopGateway, service('web', 'shop', [8080]), flow).trimEnd() });
  const again = theFinding(second, 'all.yaml', 'IY0212');
  const text = applyAndCheck(second, ['all.yaml'], again, actionsFor(second, 'all.yaml', again)[0])['all.yaml'];
  assert.ok(text.endsWith('  - backendRefs: [{name: web, port: 8080}]'), text);
});

test('IY0212: an empty port: is filled in; a RequestMirror backendRef gets its port too', () => {
  const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: r
  namespace: shop
spec:
  parentRefs:
  - name: gw
  rules:
  - backendRefs:
    - name: web
      port:
    filters:
    - type: RequestMirror
      requestMirror:
        backendRef:
          name: web
`;
  const engine = engineWith({ 'all.yaml': docs(shopGateway, service('web', 'shop', [8080]), route) });
  const [empty, mirror] = findingsIn(engine, 'all.yaml').filter((f) => f.code === 'IY0212');
  assert.ok(empty && mirror);
  let text = applyAndCheck(engine, ['all.yaml'], empty, actionsFor(engine, 'all.yaml', empty)[0])['all.yaml'];
  assert.ok(text.includes('    - name: web\n      port: 8080\n    filters:\n'), text);
  const next = theFinding(engine, 'all.yaml', 'IY0212');
  assert.equal(next.line, mirror.line);
  text = applyAndCheck(engine, ['all.yaml'], next, actionsFor(engine, 'all.yaml', next)[0])['all.yaml'];
  assert.ok(text.endsWith('        backendRef:\n          name: web\n          port: 8080\n'), text);
});

test('IY0212: no fix once the Service has other ports, or the backendRef a port', () => {
  const route = httpRoute('r', 'shop', [{ name: 'gw' }], [], [[{ name: 'web' }]]);
  const engine = engineWith({ 'gw.yaml': shopGateway, 'svc.yaml': service('web', 'shop', [8080]), 'route.yaml': route });
  const stale = theFinding(engine, 'route.yaml', 'IY0212').finding;
  const uri = uriOf('route.yaml');
  assert.equal(codeActions(engine, uri, stale.range).length, 1, 'offered while the finding holds');
  engine.setFile(uriOf('svc.yaml'), service('web', 'shop', [8080, 9090]));
  assert.deepEqual(codeActions(withFindings(engine, uri, [stale]), uri, stale.range), []);
  engine.setFile(uriOf('svc.yaml'), service('web', 'shop', [9090]));
  assert.deepEqual(codeActions(withFindings(engine, uri, [stale]), uri, stale.range), []);
  engine.setFile(uriOf('svc.yaml'), service('web', 'shop', [8080]));
  engine.setFile(uri, `${route}      port: 8080\n`);
  assert.deepEqual(codeActions(withFindings(engine, uri, [stale]), uri, stale.range), []);
});

// --- IY0206: a listener for the route's hostname ------------------------------------------------

const hostGateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: infra
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    port: 443
    protocol: HTTPS
    hostname: "shop.example.com"
    tls:
      mode: Terminate
      certificateRefs:
      - name: shop-cert
    allowedRoutes:
      namespaces:
        from: All
  # listeners end here
`;

test('IY0206: the Gateway in another file gets a copy of the targeted listener for the route hostname; or the route takes the listener hostname', () => {
  const route = httpRoute('r', 'web', [{ name: 'edge', namespace: 'infra' }], ['blog.example.com']);
  const names = ['gw.yaml', 'route.yaml'];
  const engine = engineWith({ 'gw.yaml': hostGateway, 'route.yaml': route });
  const finding = theFinding(engine, 'route.yaml', 'IY0206');
  const actions = actionsFor(engine, 'route.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), [
    'Add listener https-blog-example-com for blog.example.com to Gateway infra/edge (a copy of listener https)',
    'Change the route hostname to shop.example.com',
  ]);
  assert.ok(actions.every((a) => !a.isPreferred), 'a choice to make');
  const texts = applyAndCheck(engine, names, finding, actions[0]);
  assert.equal(
    texts['gw.yaml'],
    hostGateway.replace(
      '  # listeners end here\n',
      `  - name: https-blog-example-com
    port: 443
    protocol: HTTPS
    hostname: "blog.example.com"
    tls:
      mode: Terminate
      certificateRefs:
      - name: shop-cert
    allowedRoutes:
      namespaces:
        from: All
  # listeners end here
`,
    ),
  );
  assert.equal(texts['route.yaml'], undefined, 'the route is untouched');

  const other = engineWith({ 'gw.yaml': hostGateway, 'route.yaml': route });
  const again = theFinding(other, 'route.yaml', 'IY0206');
  const changed = applyAndCheck(other, names, again, actionsFor(other, 'route.yaml', again)[1]);
  assert.ok(changed['route.yaml'].endsWith('  hostnames:\n  - "shop.example.com"\n'), changed['route.yaml']);
});

test('IY0206: a parentRef with sectionName is pointed at the new listener; a wildcard hostname is quoted; CRLF kept', () => {
  const gw = hostGateway.replace('  - name: https\n', '  - name: http\n    port: 80\n    protocol: HTTP\n    hostname: shop.example.com\n  - name: https\n');
  const route = httpRoute('r', 'web', [{ name: 'edge', namespace: 'infra', sectionName: 'https' }], ['*.blog.example.com', 'blog.example.com']);
  const engine = engineWith({ 'all.yaml': crlf(docs(gw, route)) });
  const finding = theFinding(engine, 'all.yaml', 'IY0206');
  assert.equal(finding.text, '"https"');
  const actions = actionsFor(engine, 'all.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), [
    'Add listener https-wildcard-blog-example-com for *.blog.example.com to Gateway infra/edge (a copy of listener https) and target it in sectionName',
  ]);
  const text = applyAndCheck(engine, ['all.yaml'], finding, actions[0])['all.yaml'];
  assert.ok(text.includes(crlf('  - name: https-wildcard-blog-example-com\n    port: 443\n    protocol: HTTPS\n    hostname: "*.blog.example.com"\n    tls:\n')), text);
  assert.ok(text.includes(crlf('    sectionName: "https-wildcard-blog-example-com"\n')), text);
  assert.ok(!/[^\r]\n/.test(text), 'CRLF only');
});

test('IY0206: flow listeners are copied as flow items; the new name avoids existing ones; plain hostnames stay plain', () => {
  const gw = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: web}
spec:
  gatewayClassName: istio
  listeners:
    - {name: http, port: 80, protocol: HTTP, hostname: a.example.com}
    - {name: http-b-example-com, port: 8080, protocol: HTTP, hostname: c.example.com}
`;
  const route = httpRoute('r', 'web', [{ name: 'edge', port: 80 }], ['b.example.com']);
  const engine = engineWith({ 'all.yaml': docs(gw, route).trimEnd() });
  const finding = theFinding(engine, 'all.yaml', 'IY0206');
  const [add] = actionsFor(engine, 'all.yaml', finding);
  assert.match(add.title, /^Add listener http-b-example-com-2 /);
  const text = applyAndCheck(engine, ['all.yaml'], finding, add)['all.yaml'];
  assert.ok(
    text.includes('    - {name: http-b-example-com, port: 8080, protocol: HTTP, hostname: c.example.com}\n    - {name: http-b-example-com-2, port: 80, protocol: HTTP, hostname: b.example.com}\n---\n'),
    text,
  );
});

test('IY0206: no listener is added where one on the port already serves the hostname (the route targets another)', () => {
  const gw = hostGateway.replace('  # listeners end here\n', '  - name: blog\n    port: 443\n    protocol: HTTPS\n    hostname: blog.example.com\n');
  const route = httpRoute('r', 'web', [{ name: 'edge', namespace: 'infra', sectionName: 'https' }], ['blog.example.com']);
  const engine = engineWith({ 'all.yaml': docs(gw, route) });
  const finding = theFinding(engine, 'all.yaml', 'IY0206');
  assert.deepEqual(actionsFor(engine, 'all.yaml', finding).map((a) => a.title), ['Change the route hostname to shop.example.com']);
});

test('IY0206: no fix when the finding no longer holds or its data names another listener', () => {
  const route = httpRoute('r', 'web', [{ name: 'edge', namespace: 'infra' }], ['blog.example.com']);
  const engine = engineWith({ 'gw.yaml': hostGateway, 'route.yaml': route });
  const finding = theFinding(engine, 'route.yaml', 'IY0206').finding;
  const uri = uriOf('route.yaml');
  const only = (f: Finding) => codeActions(withFindings(engine, uri, [f]), uri, f.range).map((a) => a.title);
  assert.deepEqual(only({ ...finding, data: { ...finding.data, listener: 'nope' } }), ['Change the route hostname to shop.example.com']);
  assert.deepEqual(only({ ...finding, data: { ...finding.data, gateway: 'infra/other' } }), []);
  assert.deepEqual(only({ ...finding, data: { ...finding.data, hostnames: ['www.example.com'] } }), []);
  engine.setFile(uriOf('gw.yaml'), hostGateway.replace('"shop.example.com"', '"*.example.com"'));
  assert.deepEqual(only(finding), [], 'the listener now serves the hostname');
});

test('IY0206: a ListenerSet parent gets the listener the same way', () => {
  const set = `apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: extra
  namespace: web
spec:
  parentRef:
    name: edge
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    hostname: a.example.com
`;
  const route = httpRoute('r', 'web', [{ name: 'extra', kind: 'ListenerSet', group: 'gateway.networking.k8s.io' }], ['b.example.com', 'c.example.com']);
  const engine = engineWith({ 'all.yaml': docs(set, route) });
  const finding = theFinding(engine, 'all.yaml', 'IY0206');
  const actions = actionsFor(engine, 'all.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), ['Add listener http-b-example-com for b.example.com to ListenerSet web/extra (a copy of listener http)']);
  const text = applyAndCheck(engine, ['all.yaml'], finding, actions[0])['all.yaml'];
  assert.ok(text.includes('    hostname: a.example.com\n  - name: http-b-example-com\n    port: 80\n    protocol: HTTP\n    hostname: b.example.com\n---\n'), text);
});
