import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorityOf, evaluateHttpMatch, evaluateTcpMatch, evaluateTlsMatch } from '../../server/src/engine/model/routing/istio-match';
import { parseTraceRequest } from '../../server/src/engine/model/routing/parse-request';
import type { MatchContext, MatchVerdict, TraceRequest } from '../../server/src/engine/model/routing/request';

function req(url: string, headers: string[] = [], method?: string): TraceRequest {
  const r = parseTraceRequest({ url, headers, method });
  if ('error' in r) throw new Error(r.error);
  return r;
}

const mesh: MatchContext = { gateway: 'mesh', routeNamespace: 'bookinfo', sourceNamespace: 'bookinfo' };
const ingress: MatchContext = { gateway: 'istio-system/ingress', routeNamespace: 'bookinfo', sourceNamespace: 'istio-system' };

function http(match: Record<string, unknown>, r: TraceRequest, context: MatchContext = mesh): MatchVerdict {
  return evaluateHttpMatch(match, r, context);
}

function reason(v: MatchVerdict): string {
  return 'reason' in v ? v.reason : '';
}

test('an empty match takes everything', () => {
  assert.deepEqual(http({}, req('http://x/')), { matches: true });
});

test('uri against the path without query; ignoreUriCase; snake_case accepted', () => {
  const r = req('http://x/API/v1?q=/api');
  assert.equal(http({ uri: { prefix: '/api' } }, r).matches, false);
  assert.equal(reason(http({ uri: { prefix: '/api' } }, r)), 'uri prefix "/api" does not match path "/API/v1"');
  assert.equal(http({ uri: { prefix: '/api' }, ignoreUriCase: true }, r).matches, true);
  assert.equal(http({ uri: { prefix: '/api' }, ignore_uri_case: true }, r).matches, true);
  assert.equal(http({ uri: { exact: '/API/v1' } }, r).matches, true);
  assert.equal(http({ uri: { regex: '/API/v[0-9]' } }, r).matches, true);
  assert.equal(http({ uri: { regex: '/API' } }, r).matches, false, 'regex is a full match');
});

test('scheme, method and authority', () => {
  const r = req('https://Reviews.example.com:8443/', [], 'post');
  assert.equal(http({ scheme: { exact: 'https' } }, r).matches, true);
  assert.equal(http({ scheme: { exact: 'http' } }, r).matches, false);
  assert.equal(http({ scheme: { exact: 'http' } }, req('grpc://svc/a.B/C')).matches, true, 'gRPC over h2c has scheme http');
  assert.equal(http({ method: { exact: 'POST' } }, r).matches, true);
  assert.equal(reason(http({ method: { exact: 'GET' } }, r)), 'method exact "GET" does not match method POST');
  assert.equal(http({ authority: { exact: 'reviews.example.com:8443' } }, r).matches, true);
  assert.equal(http({ authority: { exact: 'reviews.example.com' } }, r).matches, false);
  assert.equal(http({ authority: { exact: 'reviews.example.com' } }, req('https://reviews.example.com:443/')).matches, true, 'the default port is left out');
  assert.equal(authorityOf(req('http://a:80/')), 'a');
  assert.equal(authorityOf(req('http://a:443/')), 'a:443');
});

test('headers: names case-insensitive, StringMatch values, {} is presence, absent fails', () => {
  const r = req('http://x/', ['End-User: jason', 'X-Empty:']);
  assert.equal(http({ headers: { 'end-user': { exact: 'jason' } } }, r).matches, true);
  assert.equal(http({ headers: { 'End-User': { exact: 'jason' } } }, r).matches, true);
  assert.equal(http({ headers: { 'end-user': { prefix: 'ja' } } }, r).matches, true);
  assert.equal(http({ headers: { 'end-user': { exact: 'Jason' } } }, r).matches, false);
  assert.equal(reason(http({ headers: { 'end-user': { exact: 'bob' } } }, r)), 'header "end-user" exact "bob" does not match: the header is "jason"');
  assert.equal(http({ headers: { 'x-empty': {} } }, r).matches, true);
  assert.equal(http({ headers: { 'x-empty': { exact: '' } } }, r).matches, true);
  assert.equal(http({ headers: { 'x-other': {} } }, r).matches, false);
  assert.equal(http({ headers: { 'x-other': { regex: '.*' } } }, r).matches, false, 'a regex does not accept an absent header');
  assert.equal(http({ headers: { 'x-other': { exact: '' } } }, r).matches, false);
  assert.equal(http({ headers: { 'x-empty': { regex: '*' } } }, r).matches, true, 'regex "*" is presence');
  assert.equal(http({ headers: { 'x-other': { regex: '*' } } }, r).matches, false);
});

test('repeated headers are matched joined with commas; pseudo-headers read the request', () => {
  const r = req('http://x:8080/p?a=1', ['x-v: 1', 'x-v: 2']);
  assert.equal(http({ headers: { 'x-v': { exact: '1,2' } } }, r).matches, true);
  assert.equal(http({ headers: { ':authority': { exact: 'x:8080' } } }, r).matches, true);
  assert.equal(http({ headers: { ':path': { exact: '/p?a=1' } } }, r).matches, true);
});

test('withoutHeaders: fails when the header matches; a missing header reads as empty unless presence', () => {
  const r = req('http://x/', ['x-debug: 1']);
  assert.equal(http({ withoutHeaders: { 'x-debug': {} } }, r).matches, false);
  assert.match(reason(http({ withoutHeaders: { 'x-debug': {} } }, r)), /must be absent/);
  assert.equal(http({ withoutHeaders: { 'x-debug': { exact: '1' } } }, r).matches, false);
  assert.equal(http({ withoutHeaders: { 'x-debug': { exact: '2' } } }, r).matches, true);
  assert.equal(http({ withoutHeaders: { 'x-other': {} } }, r).matches, true);
  assert.equal(http({ withoutHeaders: { 'x-other': { exact: 'a' } } }, r).matches, true);
  assert.equal(http({ withoutHeaders: { 'x-other': { exact: '' } } }, r).matches, false, 'treat_missing_header_as_empty');
  assert.equal(http({ without_headers: { 'x-debug': { prefix: '' } } }, r).matches, 'unknown', 'Istio rejects an empty prefix');
  assert.equal(http({ headers: { 'x-debug': { regex: '' } } }, r).matches, 'unknown');
  assert.equal(http({ uri: { prefix: '' } }, r).matches, true, 'an empty uri prefix is allowed');
});

test('queryParams: first occurrence, decoded, {} is presence', () => {
  const r = req('http://x/?v=a%20b&v=c&flag');
  assert.equal(http({ queryParams: { v: { exact: 'a b' } } }, r).matches, true);
  assert.equal(http({ queryParams: { v: { exact: 'c' } } }, r).matches, false);
  assert.equal(http({ queryParams: { v: { regex: 'a.b' } } }, r).matches, true);
  assert.equal(http({ queryParams: { flag: {} } }, r).matches, true);
  assert.equal(http({ queryParams: { flag: { exact: '' } } }, r).matches, true);
  assert.equal(http({ queryParams: { nope: {} } }, r).matches, false);
  assert.equal(reason(http({ query_params: { nope: { exact: 'x' } } }, r)), 'query parameter "nope" (exact "x") is absent');
  assert.equal(http({ queryParams: { V: { exact: 'a b' } } }, r).matches, false, 'names are case-sensitive');
});

test('port is the request port', () => {
  assert.equal(http({ port: 9080 }, req('http://x:9080/')).matches, true);
  assert.equal(reason(http({ port: 9080 }, req('http://x/'))), "port 9080 is not the request's port 80");
  assert.equal(http({ port: 0 }, req('http://x/')).matches, true, 'port 0 is no condition');
});

test('gateways: short names are in the route namespace, ns/name as written, mesh for sidecars', () => {
  const r = req('http://x/');
  assert.equal(http({ gateways: ['mesh'] }, r, mesh).matches, true);
  assert.equal(http({ gateways: ['mesh'] }, r, ingress).matches, false);
  assert.equal(http({ gateways: ['ingress'] }, r, ingress).matches, false, 'a short name is bookinfo/ingress');
  assert.equal(http({ gateways: ['ingress'] }, r, { ...ingress, gateway: 'bookinfo/ingress' }).matches, true);
  assert.equal(http({ gateways: ['istio-system/ingress'] }, r, ingress).matches, true);
  assert.equal(http({ gateways: ['ingress.istio-system.svc.cluster.local'] }, r, ingress).matches, true, 'legacy FQDN form');
  assert.equal(http({ gateways: ['./ingress'] }, r, { ...ingress, gateway: 'bookinfo/ingress' }).matches, true);
  assert.match(reason(http({ gateways: ['mesh'] }, r, ingress)), /gateways \[mesh\] do not include Gateway istio-system\/ingress/);
  assert.equal(http({ gateways: [] }, r, ingress).matches, true, 'an empty list is no condition');
});

test('sourceLabels and sourceNamespace; gateways, when listed, decide alone (Istio sourceMatchHTTP)', () => {
  const r = req('http://x/');
  const labels = { ...mesh, sourceLabels: { app: 'productpage', version: 'v1' } };
  assert.equal(http({ sourceLabels: { app: 'productpage' } }, r, labels).matches, true);
  assert.equal(http({ source_labels: { app: 'reviews' } }, r, labels).matches, false);
  assert.equal(http({ sourceLabels: { app: 'productpage' } }, r, mesh).matches, 'unknown');
  assert.match(reason(http({ sourceLabels: { app: 'x' } }, r, ingress)), /Gateway istio-system\/ingress's pods/);
  assert.equal(http({ sourceNamespace: 'bookinfo' }, r, mesh).matches, true);
  assert.equal(http({ sourceNamespace: 'other' }, r, mesh).matches, false);
  assert.equal(http({ sourceNamespace: 'other' }, r, { gateway: 'mesh', routeNamespace: 'bookinfo' }).matches, 'unknown');
  assert.equal(http({ gateways: ['mesh'], sourceNamespace: 'other', sourceLabels: { a: 'b' } }, r, mesh).matches, true);
});

test('a failure wins over an unknown; JWT claim headers and placeholders are unknown', () => {
  const r = req('http://x/');
  assert.equal(http({ uri: { regex: '(?=x)' }, method: { exact: 'POST' } }, r).matches, false);
  assert.equal(http({ uri: { regex: '(?=x)' }, method: { exact: 'GET' } }, r).matches, 'unknown');
  assert.match(reason(http({ uri: { regex: '(?=x)' } }, r)), /^uri: regex "\(\?=x\)" uses lookaround/);
  assert.equal(http({ headers: { '@request.auth.claims.group': { exact: 'a' } } }, r).matches, 'unknown');
  assert.equal(http({ uri: { prefix: '${PREFIX}' } }, r).matches, 'unknown');
  assert.equal(http({ name: 'n', statPrefix: 's', stat_prefix: 't' }, r).matches, true);
  // The reason names a request condition before where the request comes from.
  assert.equal(reason(http({ gateways: ['other'], port: 9080, uri: { prefix: '/api' } }, req('http://x/v1/x'))), 'uri prefix "/api" does not match path "/v1/x"');
});

test('tls: sniHosts with wildcards, port, gateways, source; destinationSubnets unknown', () => {
  const r = req('tls://db.example.com');
  assert.equal(evaluateTlsMatch({ sniHosts: ['*.example.com'] }, r, mesh).matches, true);
  assert.equal(evaluateTlsMatch({ sni_hosts: ['db.example.com'] }, r, mesh).matches, true);
  assert.equal(evaluateTlsMatch({ sniHosts: ['other.example.com'] }, r, mesh).matches, false);
  assert.equal(reason(evaluateTlsMatch({ sniHosts: ['a.com', 'b.com'] }, r, mesh)), 'sniHosts [a.com, b.com] do not match SNI "db.example.com"');
  assert.equal(evaluateTlsMatch({ port: 443 }, r, mesh).matches, true);
  assert.equal(evaluateTlsMatch({ port: 8443 }, r, mesh).matches, false);
  assert.equal(evaluateTlsMatch({ gateways: ['mesh'] }, r, ingress).matches, false);
  assert.equal(evaluateTlsMatch({ destinationSubnets: ['10.0.0.0/8'] }, r, mesh).matches, 'unknown');
  // Unlike http, tls matches need gateways and source labels both.
  assert.equal(evaluateTlsMatch({ gateways: ['mesh'], sourceNamespace: 'other' }, r, mesh).matches, false);
});

test('tcp: port, gateways, source; subnets unknown', () => {
  const r = req('tcp://db:5432');
  assert.equal(evaluateTcpMatch({ port: 5432 }, r, mesh).matches, true);
  assert.equal(evaluateTcpMatch({ port: '5433' }, r, mesh).matches, false);
  assert.equal(evaluateTcpMatch({ gateways: ['istio-system/ingress'] }, r, ingress).matches, true);
  assert.equal(evaluateTcpMatch({ sourceSubnet: '10.0.0.0/8' }, r, mesh).matches, 'unknown');
  assert.equal(evaluateTcpMatch({ destination_subnets: ['10.0.0.1'] }, r, mesh).matches, 'unknown');
  assert.equal(evaluateTcpMatch({ sourceLabels: { app: 'a' } }, r, { ...mesh, sourceLabels: { app: 'b' } }).matches, false);
});
