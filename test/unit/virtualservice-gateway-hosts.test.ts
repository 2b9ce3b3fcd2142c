import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';

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

test('only the uncovered hosts are named', () => {
  const found = hostFindings(['a.example.com'], ['a.example.com', 'b.example.com', 'c.example.com']);
  assert.equal(found.length, 1);
  assert.match(found[0].message, /Hosts b\.example\.com, c\.example\.com are not served/);
  assert.doesNotMatch(found[0].message, /a\.example\.com, b/);
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
