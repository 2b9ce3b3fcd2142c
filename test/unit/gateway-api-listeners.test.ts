import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { gatewayWithListeners, referenceGrant } from '../helpers/gateway-api-routes';

const only = (code: string, text: string) => check(text).filter((f) => f.code === code);

test('IY0202: a gatewayClassName that is neither built in nor a GatewayClass of the workspace is a hint', () => {
  const gw = gatewayWithListeners('gw', 'shop', `\n- name: http\n  port: 80\n  protocol: HTTP`, 'acme');
  const found = only('IY0202', gw);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'hint');
  const cls = `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: acme\nspec:\n  controllerName: example.com/acme\n`;
  assert.deepEqual(only('IY0202', docs(cls, gw)), []);
  for (const builtin of ['istio', 'istio-waypoint', 'istio-remote', 'istio-east-west']) {
    assert.deepEqual(only('IY0202', gatewayWithListeners('gw', 'shop', `\n- name: http\n  port: 80\n  protocol: HTTP`, builtin)), []);
  }
});

test('IY0214: listeners that cannot share a port are Conflicted; the first wins', () => {
  const gw = gatewayWithListeners(
    'gw',
    'shop',
    `
- name: http
  port: 80
  protocol: HTTP
- name: tcp
  port: 80
  protocol: TCP
- name: udp
  port: 80
  protocol: UDP
- name: https-a
  port: 443
  protocol: HTTPS
  hostname: a.example.com
  tls:
    certificateRefs:
    - name: a
- name: tls-a
  port: 443
  protocol: TLS
  hostname: a.example.com
  tls:
    mode: Passthrough
- name: tls-b
  port: 443
  protocol: TLS
  hostname: b.example.com
  tls:
    mode: Passthrough`,
  );
  const found = only('IY0214', gw);
  assert.deepEqual(
    found.map((f) => [f.text, /reason (\w+)/.exec(f.message)?.[1]]),
    [
      ['tcp', 'ProtocolConflict'],
      ['udp', 'ProtocolConflict'],
      ['tls-a', 'ProtocolConflict'],
    ],
  );
  assert.equal(found[0].finding.related?.[0].message, 'listener http (port 80)');
});

test('IY0214: distinct ports, or HTTP-like listeners with distinct hostnames, coexist', () => {
  const gw = gatewayWithListeners(
    'gw',
    'shop',
    `
- name: a
  port: 80
  protocol: HTTP
  hostname: a.example.com
- name: b
  port: 80
  protocol: HTTP
  hostname: b.example.com
- name: tcp
  port: 9000
  protocol: TCP`,
  );
  assert.deepEqual(only('IY0214', gw), []);
});

test('IY0215 / IY0218: the same port, protocol and hostname on another Gateway, with a shared address or not (Kiali KIA1501)', () => {
  const listener = `\n- name: http\n  port: 80\n  protocol: HTTP\n  hostname: shop.example.com`;
  const found = only('IY0218', docs(gatewayWithListeners('a', 'shop', listener), gatewayWithListeners('b', 'web', listener)));
  assert.equal(found.length, 2);
  assert.match(found[0].message, /also served by Gateway web\/b.*depends on DNS/);
  const withAddress = (text: string) => text.replace('spec:\n', 'spec:\n  addresses:\n  - value: 10.0.0.1\n');
  const shared = only('IY0215', docs(withAddress(gatewayWithListeners('a', 'shop', listener)), withAddress(gatewayWithListeners('b', 'web', listener))));
  assert.equal(shared.length, 2);
  assert.match(shared[0].message, /share an address/);
  const distinct = `\n- name: http\n  port: 80\n  protocol: HTTP\n  hostname: other.example.com`;
  assert.deepEqual(only('IY0215', docs(gatewayWithListeners('a', 'shop', listener), gatewayWithListeners('b', 'web', distinct))), []);
});

test('IY0207: allowedRoutes.kinds a protocol cannot carry (InvalidRouteKinds)', () => {
  const gw = gatewayWithListeners(
    'gw',
    'shop',
    `
- name: tcp
  port: 9000
  protocol: TCP
  allowedRoutes:
    kinds:
    - kind: TCPRoute
    - kind: HTTPRoute`,
  );
  const found = only('IY0207', gw);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'HTTPRoute');
  assert.deepEqual(only('IY0207', gatewayWithListeners('gw', 'shop', `\n- name: h\n  port: 80\n  protocol: HTTP\n  allowedRoutes:\n    kinds:\n    - kind: GRPCRoute`)), []);
});

const httpsWithCert = (namespace?: string) =>
  gatewayWithListeners(
    'gw',
    'infra',
    `
- name: https
  port: 443
  protocol: HTTPS
  tls:
    certificateRefs:
    - name: shop-cert${namespace ? `\n      namespace: ${namespace}` : ''}`,
  );

test('IY0211: a certificate Secret in another namespace needs a ReferenceGrant from the Gateway', () => {
  const found = only('IY0211', httpsWithCert('certs'));
  assert.equal(found.length, 1);
  assert.equal(found[0].finding.data?.toKind, 'Secret');
  assert.deepEqual(only('IY0211', docs(httpsWithCert('certs'), referenceGrant('certs', { kind: 'Gateway', namespace: 'infra' }, { kind: 'Secret' }))), []);
  assert.deepEqual(only('IY0211', httpsWithCert()), []);
});

test('IY0213: a certificate Secret that does not exist, only where the workspace holds Secrets of its namespace', () => {
  assert.deepEqual(only('IY0213', httpsWithCert()), []);
  const elsewhere = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n  namespace: apps\ntype: kubernetes.io/tls\n`;
  assert.deepEqual(only('IY0213', docs(httpsWithCert(), elsewhere)), []);
  const other = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: other\n  namespace: infra\ntype: kubernetes.io/tls\n`;
  assert.equal(only('IY0213', docs(httpsWithCert(), other)).length, 1);
  const present = other.replace('name: other', 'name: shop-cert');
  assert.deepEqual(only('IY0213', docs(httpsWithCert(), present)), []);
});
