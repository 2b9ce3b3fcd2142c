import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gatewayHostAdmits, hostCovers, hostsOverlap, parseGatewayHost, resolveServiceHost, serviceHostNamespace } from '../../server/src/engine/hosts';

test('short names resolve in the resource namespace; dotted names are taken as written', () => {
  assert.equal(resolveServiceHost('reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
  assert.equal(resolveServiceHost('Reviews', 'bookinfo'), 'reviews.bookinfo.svc.cluster.local');
  assert.equal(resolveServiceHost('reviews.bookinfo.svc.cluster.local', 'default'), 'reviews.bookinfo.svc.cluster.local');
  assert.equal(resolveServiceHost('reviews.bookinfo', 'default'), 'reviews.bookinfo');
  assert.equal(resolveServiceHost('*.example.com', 'default'), '*.example.com');
  assert.equal(resolveServiceHost('*', 'default'), '*');
});

test('service host namespace is read from name.ns.svc.cluster.local only', () => {
  assert.equal(serviceHostNamespace('reviews.bookinfo.svc.cluster.local'), 'bookinfo');
  assert.equal(serviceHostNamespace('reviews.bookinfo'), undefined);
  assert.equal(serviceHostNamespace('www.example.com'), undefined);
});

test('wildcards cover by suffix, never the bare parent domain', () => {
  assert.ok(hostCovers('*', 'anything.example.com'));
  assert.ok(hostCovers('*.example.com', 'a.example.com'));
  assert.ok(hostCovers('*.example.com', 'a.b.example.com'));
  assert.ok(hostCovers('*.example.com', '*.a.example.com'));
  assert.ok(hostCovers('*.Example.com', 'A.example.COM'));
  assert.ok(!hostCovers('*.example.com', 'example.com'));
  assert.ok(!hostCovers('*.example.com', 'a.example.org'));
  assert.ok(!hostCovers('*.example.com', '*'));
  assert.ok(!hostCovers('a.example.com', '*.example.com'));
  assert.ok(!hostCovers('a.example.com', 'b.example.com'));
});

test('overlap is symmetric', () => {
  assert.ok(hostsOverlap('*.example.com', 'a.example.com'));
  assert.ok(hostsOverlap('a.example.com', '*.example.com'));
  assert.ok(hostsOverlap('*', 'x'));
  assert.ok(!hostsOverlap('a.example.com', 'b.example.com'));
});

test('gateway hosts: namespace part restricts which VirtualServices may bind', () => {
  const any = parseGatewayHost('bookinfo.example.com', 'istio-system');
  assert.deepEqual([any.namespace, any.dnsName], ['*', 'bookinfo.example.com']);
  const own = parseGatewayHost('./bookinfo.example.com', 'istio-system');
  assert.equal(own.namespace, 'istio-system');
  const star = parseGatewayHost('*/*.example.com', 'istio-system');
  assert.equal(star.namespace, '*');

  assert.ok(gatewayHostAdmits(any, 'bookinfo', 'bookinfo.example.com'));
  assert.ok(!gatewayHostAdmits(own, 'bookinfo', 'bookinfo.example.com'));
  assert.ok(gatewayHostAdmits(own, 'istio-system', 'bookinfo.example.com'));
  assert.ok(gatewayHostAdmits(parseGatewayHost('bookinfo/*', 'istio-system'), 'bookinfo', 'x.y'));
  assert.ok(!gatewayHostAdmits(parseGatewayHost('bookinfo/*', 'istio-system'), 'other', 'x.y'));
  assert.ok(gatewayHostAdmits(star, 'x', 'a.example.com'));
  assert.ok(!gatewayHostAdmits(star, 'x', 'a.example.org'));
});
