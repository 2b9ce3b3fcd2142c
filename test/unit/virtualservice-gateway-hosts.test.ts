import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';
import { kubernetesGateway, type ListenerSpec } from '../helpers/gateway-api';

function hostFindings(gatewayHosts: string[], vsHosts: string[], vsNamespace = 'default', gatewayNamespace = 'istio-system') {
  const text = docs(gateway('gw', gatewayNamespace, gatewayHosts), virtualService('vs', vsNamespace, vsHosts, [`${gatewayNamespace}/gw`]));
  return check(text).filter((f) => f.code === 'IST0132');
}

test('hosts served exactly, by wildcard suffix, or by * are fine', () => {
  assert.deepEqual(hostFindings(['bookinfo.example.com'], ['bookinfo.example.com']), []);
  assert.deepEqual(hostFindings(['*.example.com'], ['bookinfo.example.com']), []);
  assert.deepEqual(hostFindings(['*'], ['anything.io']), []);
  assert.deepEqual(hostFindings(['*/*.example.com'], ['a.example.com']), []);
  assert.deepEqual(hostFindings(['BookInfo.Example.com'], ['bookinfo.example.com']), []);
});

test('a host the Gateway does not serve is reported on the gateways entry with both sides named', () => {
  const found = hostFindings(['*.bookinfo.com'], ['bookinfo.example.com']);
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'istio-system/gw');
  assert.match(found[0].message, /bookinfo\.example\.com is not served by Gateway istio-system\/gw \(its hosts: \*\.bookinfo\.com\)/);
  assert.equal(found[0].finding.related?.length, 1);
});

test('some hosts served and others not: IY0110 names only the unserved ones', () => {
  const text = docs(gateway('gw', 'istio-system', ['a.example.com']), virtualService('vs', 'default', ['a.example.com', 'b.example.com', 'c.example.com'], ['istio-system/gw']));
  const found = check(text).filter((f) => f.code === 'IST0132' || f.code === 'IY0110');
  assert.deepEqual(found.map((f) => f.code), ['IY0110']);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'istio-system/gw');
  assert.match(found[0].message, /Hosts b\.example\.com, c\.example\.com are not served by Gateway istio-system\/gw/);
  assert.match(found[0].message, /though a\.example\.com is/);
  assert.deepEqual(found[0].finding.data?.hosts, ['b.example.com', 'c.example.com']);
});

test('IST0132 only when no host is served, naming them all', () => {
  const found = hostFindings(['a.example.com'], ['b.example.com', 'c.example.com']);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /None of the hosts b\.example\.com, c\.example\.com is served by Gateway istio-system\/gw/);
  assert.deepEqual(found[0].finding.data?.hosts, ['b.example.com', 'c.example.com']);
});

test('each Gateway is judged on its own', () => {
  const text = docs(
    gateway('one', 'istio-system', ['a.example.com']),
    gateway('two', 'istio-system', ['b.example.com']),
    virtualService('vs', 'default', ['a.example.com'], ['istio-system/one', 'istio-system/two']),
  );
  assert.deepEqual(check(text).filter((f) => f.code === 'IST0132').map((f) => f.text), ['istio-system/two']);
});

test('IY0110 counts every binding: hosts split over two Gateways, or left to mesh, are served', () => {
  const one = gateway('one', 'istio-system', ['a.example.com']);
  const two = gateway('two', 'istio-system', ['b.example.com']);
  const partly = (text: string) => check(text).filter((f) => f.code === 'IY0110');
  assert.deepEqual(partly(docs(one, two, virtualService('vs', 'default', ['a.example.com', 'b.example.com'], ['istio-system/one', 'istio-system/two']))), []);
  assert.deepEqual(partly(docs(one, virtualService('vs', 'default', ['reviews', 'a.example.com'], ['mesh', 'istio-system/one']))), []);
  // A missing Gateway might serve anything: IST0101 speaks, IY0110 does not.
  assert.deepEqual(partly(docs(one, virtualService('vs', 'default', ['a.example.com', 'b.example.com'], ['istio-system/one', 'istio-system/gone']))), []);
  const found = partly(docs(one, two, virtualService('vs', 'default', ['a.example.com', 'b.example.com', 'c.example.com'], ['istio-system/one', 'istio-system/two'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'istio-system/one');
  assert.deepEqual(found[0].finding.data?.hosts, ['c.example.com']);
  assert.match(found[0].message, /c\.example\.com is not served by Gateway istio-system\/one .* nor by the VirtualService's other gateways, though a\.example\.com is/);
});

test('*/* in a server serves every host; */host serves any namespace', () => {
  assert.deepEqual(hostFindings(['*/*'], ['x.example.com'], 'team'), []);
  assert.deepEqual(hostFindings(['*/x.example.com'], ['x.example.com'], 'team'), []);
  assert.equal(hostFindings(['other/x.example.com'], ['x.example.com'], 'team').length, 1);
});

test('an unknown (placeholder) host on either side is not judged', () => {
  assert.deepEqual(hostFindings(['${GATEWAY_HOST}'], ['a.example.com']), []);
  assert.deepEqual(hostFindings(['a.example.com'], ['${APP_HOST}']), []);
  // The placeholder may be the served one, so "none served" cannot be said; a served host makes the rest partly unserved.
  assert.deepEqual(hostFindings(['a.example.com'], ['${APP_HOST}', 'b.example.com']), []);
  const text = docs(gateway('gw', 'istio-system', ['a.example.com']), virtualService('vs', 'default', ['${APP_HOST}', 'a.example.com', 'b.example.com'], ['istio-system/gw']));
  assert.deepEqual(check(text).filter((f) => f.code === 'IY0110').map((f) => f.finding.data?.hosts), [['b.example.com']]);
});

test('internal (generated) gateway references are not judged for hosts', () => {
  const text = virtualService('vs', 'default', ['a.example.com'], ['edge/web~istio-autogenerated-k8s-gateway~http']);
  assert.deepEqual(check(text).filter((f) => f.code === 'IST0132' || f.code === 'IY0110'), []);
});

test('the wildcard does not cover the parent domain', () => {
  assert.equal(hostFindings(['*.example.com'], ['example.com']).length, 1);
});

test('the namespace part of a Gateway host restricts binding', () => {
  assert.deepEqual(hostFindings(['bookinfo/*.example.com'], ['a.example.com'], 'bookinfo'), []);
  assert.equal(hostFindings(['bookinfo/*.example.com'], ['a.example.com'], 'other').length, 1);
  // `.` means the Gateway's own namespace.
  assert.equal(hostFindings(['./a.example.com'], ['a.example.com'], 'bookinfo').length, 1);
  assert.deepEqual(hostFindings(['./a.example.com'], ['a.example.com'], 'istio-system'), []);
});

test('a VirtualService wildcard host overlapping a Gateway host binds', () => {
  assert.deepEqual(hostFindings(['a.example.com'], ['*.example.com']), []);
});

test('short VirtualService hosts are compared as written and as FQDN', () => {
  assert.deepEqual(hostFindings(['reviews.default.svc.cluster.local'], ['reviews']), []);
  assert.deepEqual(hostFindings(['*.default.svc.cluster.local'], ['reviews']), []);
  assert.equal(hostFindings(['*.other.svc.cluster.local'], ['reviews']).length, 1);
});

test('no finding when the Gateway is missing (IST0101 covers it) or for mesh', () => {
  const text = virtualService('vs', undefined, ['a.b'], ['missing', 'mesh']);
  assert.deepEqual(check(text).filter((f) => f.code === 'IST0132'), []);
});

// --- Gateway API Gateways ---------------------------------------------------------------------

function kubernetesHostFindings(listeners: ListenerSpec[], vsHosts: string[], version = 'v1') {
  const text = docs(kubernetesGateway('web', 'edge', listeners, version), virtualService('vs', 'shop', vsHosts, ['edge/web']));
  return check(text).filter((f) => f.code === 'IST0132' || f.code === 'IY0110');
}

test('a Gateway API Gateway serves its listeners\' hostnames, whatever the namespace', () => {
  assert.deepEqual(kubernetesHostFindings([{ name: 'http', hostname: 'shop.example.com' }], ['shop.example.com']), []);
  assert.deepEqual(kubernetesHostFindings([{ name: 'http', hostname: '*.example.com' }], ['shop.example.com']), []);
  assert.deepEqual(kubernetesHostFindings([{ name: 'http', hostname: 'shop.example.com' }], ['shop.example.com'], 'v1beta1'), []);
});

test('a listener without hostname serves every host', () => {
  assert.deepEqual(kubernetesHostFindings([{ name: 'a', hostname: 'a.example.com' }, { name: 'any' }], ['z.example.org']), []);
  assert.deepEqual(kubernetesHostFindings([{ name: 'any', hostname: '' }], ['z.example.org']), []);
});

test('a Gateway API Gateway serving none of the hosts is IST0132, some of them IY0110, and no fix data', () => {
  const none = kubernetesHostFindings([{ name: 'http', hostname: 'a.example.com' }], ['b.example.com']);
  assert.deepEqual(none.map((f) => f.code), ['IST0132']);
  assert.match(none[0].message, /Gateway API Gateway edge\/web \(its listener hostnames: a\.example\.com\)/);
  assert.equal(none[0].finding.data?.fix, undefined);
  const partly = kubernetesHostFindings([{ name: 'http', hostname: 'a.example.com' }], ['a.example.com', 'b.example.com']);
  assert.deepEqual(partly.map((f) => f.code), ['IY0110']);
});

test('an Istio Gateway of the same name wins over a Gateway API Gateway', () => {
  const text = docs(
    kubernetesGateway('web', 'edge', [{ name: 'http' }]),
    gateway('web', 'edge', ['only.example.com']),
    virtualService('vs', 'shop', ['other.example.com'], ['edge/web']),
  );
  assert.deepEqual(check(text).filter((f) => f.code === 'IST0132').map((f) => f.text), ['edge/web']);
});
