import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTraceRequest } from '../../server/src/engine/model/routing/parse-request';
import type { TraceRequest } from '../../server/src/engine/model/routing/request';

function ok(input: Parameters<typeof parseTraceRequest>[0]): TraceRequest {
  const result = parseTraceRequest(input);
  if ('error' in result) assert.fail(result.error);
  return result;
}

function error(input: Parameters<typeof parseTraceRequest>[0]): string {
  const result = parseTraceRequest(input);
  assert.ok('error' in result, `expected an error, got ${JSON.stringify(result)}`);
  return result.error;
}

test('a full https URL: host lower-cased, default port, path and ordered decoded query', () => {
  assert.deepEqual(ok({ url: 'https://Example.COM/api/v1?b=2&a=x%20y&b=3&flag' }), {
    method: 'GET',
    scheme: 'https',
    host: 'example.com',
    port: 443,
    path: '/api/v1',
    query: [['b', '2'], ['a', 'x y'], ['b', '3'], ['flag', '']],
    headers: [],
  });
});

test('a URL without scheme is http on port 80, and the path is kept as written', () => {
  const r = ok({ url: 'example.com/a%2Fb/../c' });
  assert.equal(r.scheme, 'http');
  assert.equal(r.port, 80);
  assert.equal(r.path, '/a%2Fb/../c');
  assert.equal(ok({ url: 'example.com' }).path, '/');
  assert.equal(ok({ url: 'localhost:8080' }).port, 8080);
});

test('default ports per scheme; tcp needs a port', () => {
  assert.equal(ok({ url: 'grpc://svc/pkg.Svc/Get' }).port, 80);
  assert.equal(ok({ url: 'tls://db.example.com' }).port, 443);
  assert.equal(ok({ url: 'tcp://db:5432' }).port, 5432);
  assert.match(error({ url: 'tcp://db' }), /needs a port/);
  assert.equal(ok({ url: 'HTTP://x:8080/' }).scheme, 'http');
});

test('IPv6 hosts keep their brackets', () => {
  const r = ok({ url: 'http://[::1]:9080/x' });
  assert.equal(r.host, '[::1]');
  assert.equal(r.port, 9080);
  assert.equal(ok({ url: 'https://[FE80::1]' }).host, '[fe80::1]');
});

test('fragments and user info are dropped', () => {
  const r = ok({ url: 'http://user:pw@example.com/p?q=1#frag' });
  assert.equal(r.host, 'example.com');
  assert.deepEqual(r.query, [['q', '1']]);
});

test('URL errors say what is wrong', () => {
  assert.match(error({ url: 'ftp://x/' }), /scheme "ftp".*http, https, grpc, tls or tcp/);
  assert.match(error({ url: '' }), /empty/);
  assert.match(error({ url: 'http:///path' }), /no host/);
  assert.match(error({ url: 'http://x:0/' }), /port "0"/);
  assert.match(error({ url: 'http://x:70000/' }), /port "70000"/);
  assert.match(error({ url: 'http://x:abc/' }), /port "abc"/);
  assert.match(error({ url: 'http://exa mple.com/' }), /white space/);
  assert.match(error({ url: 'http://::1/' }), /brackets/);
});

test('method: upper-cased, must be a token', () => {
  assert.equal(ok({ url: 'x', method: 'post' }).method, 'POST');
  assert.match(error({ url: 'x', method: 'GE T' }), /method "GE T"/);
  assert.match(error({ url: 'x', method: '' }), /method ""/);
});

test('headers: names lower-cased, values trimmed, repeats and empty values kept', () => {
  const r = ok({ url: 'x', headers: ['X-User:  jason ', 'x-user: other', 'X-Empty:'] });
  assert.deepEqual(r.headers, [['x-user', 'jason'], ['x-user', 'other'], ['x-empty', '']]);
});

test('header errors name the header', () => {
  assert.match(error({ url: 'x', headers: ['X-User jason'] }), /header "X-User jason" has no colon/);
  assert.match(error({ url: 'x', headers: ['Bad Name: v'] }), /header "Bad Name: v" has name/);
  assert.match(error({ url: 'x', headers: [':path: /x'] }), /pseudo-header/);
});

test('a Host header overrides the host; a port in it must agree with the URL', () => {
  const r = ok({ url: 'http://1.2.3.4:8080/', headers: ['Host: Bookinfo.example.com'] });
  assert.equal(r.host, 'bookinfo.example.com');
  assert.equal(r.port, 8080);
  assert.deepEqual(r.headers, []);
  assert.equal(ok({ url: 'http://1.2.3.4:8080/', headers: ['host: a.com:8080'] }).host, 'a.com');
  assert.match(error({ url: 'http://1.2.3.4/', headers: ['Host: a.com:8080'] }), /port 8080 but the URL's port is 80/);
  assert.equal(ok({ url: 'http://1.2.3.4/', headers: [':authority: b.com'] }).host, 'b.com');
});
