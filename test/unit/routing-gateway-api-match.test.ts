import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareGatewayApiCandidates,
  evaluateGrpcRouteMatch,
  evaluateHttpRouteMatch,
  type GatewayApiCandidate,
} from '../../server/src/engine/model/routing/gateway-api-match';
import { parseTraceRequest } from '../../server/src/engine/model/routing/parse-request';
import type { MatchVerdict, TraceRequest } from '../../server/src/engine/model/routing/request';

function req(url: string, headers: string[] = [], method?: string): TraceRequest {
  const r = parseTraceRequest({ url, headers, method });
  if ('error' in r) throw new Error(r.error);
  return r;
}

const m = (match: Record<string, unknown> | undefined, url: string, headers: string[] = [], method?: string) =>
  evaluateHttpRouteMatch(match, req(url, headers, method)).matches;
const reason = (v: MatchVerdict) => ('reason' in v ? v.reason : '');

test('no match and no path are PathPrefix /', () => {
  assert.equal(m(undefined, 'http://x/anything'), true);
  assert.equal(m({}, 'http://x/anything'), true);
  assert.equal(m({ path: { value: '/a' } }, 'http://x/a/b'), true, 'type defaults to PathPrefix');
});

test('PathPrefix matches whole path elements; a trailing slash of the value is ignored', () => {
  const prefix = (value: string) => ({ path: { type: 'PathPrefix', value } });
  assert.equal(m(prefix('/foo'), 'http://x/foo'), true);
  assert.equal(m(prefix('/foo'), 'http://x/foo/'), true);
  assert.equal(m(prefix('/foo'), 'http://x/foo/bar'), true);
  assert.equal(m(prefix('/foo'), 'http://x/foobar'), false);
  assert.equal(m(prefix('/foo/'), 'http://x/foo'), true);
  assert.equal(m(prefix('/foo/'), 'http://x/foobar'), false);
  assert.equal(m(prefix('/'), 'http://x/z'), true);
  assert.equal(m(prefix('/Foo'), 'http://x/foo'), false, 'case-sensitive');
  assert.equal(reason(evaluateHttpRouteMatch(prefix('/foo'), req('http://x/foobar'))), 'path PathPrefix "/foo" does not match path "/foobar"');
});

test('Exact and RegularExpression paths', () => {
  assert.equal(m({ path: { type: 'Exact', value: '/a' } }, 'http://x/a'), true);
  assert.equal(m({ path: { type: 'Exact', value: '/a' } }, 'http://x/a/'), false);
  assert.equal(m({ path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }, 'http://x/v2/x'), true);
  assert.equal(m({ path: { type: 'RegularExpression', value: '/v[0-9]+' } }, 'http://x/v2/x'), false);
  assert.equal(m({ path: { type: 'RegularExpression', value: '/(?!admin).*' } }, 'http://x/a'), 'unknown');
  assert.equal(m({ path: { type: 'Glob', value: '/a' } }, 'http://x/a'), 'unknown');
  assert.equal(m({ path: { type: 'Exact', value: '${P}' } }, 'http://x/a'), 'unknown');
});

test('method', () => {
  assert.equal(m({ method: 'POST' }, 'http://x/', [], 'post'), true);
  assert.equal(m({ method: 'POST' }, 'http://x/'), false);
});

test('headers: names case-insensitive, Exact by default, RegularExpression, first of equivalent names', () => {
  const h = ['X-Version: v2'];
  assert.equal(m({ headers: [{ name: 'x-version', value: 'v2' }] }, 'http://x/', h), true);
  assert.equal(m({ headers: [{ name: 'X-VERSION', type: 'Exact', value: 'v2' }] }, 'http://x/', h), true);
  assert.equal(m({ headers: [{ name: 'x-version', value: 'V2' }] }, 'http://x/', h), false, 'values are case-sensitive');
  assert.equal(m({ headers: [{ name: 'x-version', type: 'RegularExpression', value: 'v[0-9]' }] }, 'http://x/', h), true);
  assert.equal(m({ headers: [{ name: 'x-missing', type: 'RegularExpression', value: '.*' }] }, 'http://x/', h), false);
  assert.equal(m({ headers: [{ name: 'x-version', value: 'v2' }, { name: 'X-Version', value: 'v1' }] }, 'http://x/', h), true);
  assert.match(reason(evaluateHttpRouteMatch({ headers: [{ name: 'x-user', value: 'a' }] }, req('http://x/'))), /header "x-user" Exact "a" is not met: the header is absent/);
});

test('queryParams: names case-sensitive, first occurrence', () => {
  const url = 'http://x/?Page=1&page=2&page=3';
  assert.equal(m({ queryParams: [{ name: 'page', value: '2' }] }, url), true);
  assert.equal(m({ queryParams: [{ name: 'page', value: '3' }] }, url), false);
  assert.equal(m({ queryParams: [{ name: 'Page', value: '1' }] }, url), true);
  assert.equal(m({ queryParams: [{ name: 'PAGE', value: '1' }] }, url), false);
  assert.equal(m({ queryParams: [{ name: 'page', type: 'RegularExpression', value: '[0-9]' }] }, url), true);
});

test('gRPC method matches against /service/method', () => {
  const g = (method: Record<string, unknown>, url: string) => evaluateGrpcRouteMatch({ method }, req(url)).matches;
  assert.equal(g({ service: 'pkg.Svc', method: 'Get' }, 'grpc://x/pkg.Svc/Get'), true);
  assert.equal(g({ service: 'pkg.Svc', method: 'Get' }, 'grpc://x/pkg.Svc/List'), false);
  assert.equal(g({ service: 'pkg.Svc' }, 'grpc://x/pkg.Svc/List'), true);
  assert.equal(g({ service: 'pkg.Svc' }, 'grpc://x/pkg.SvcX/List'), false);
  assert.equal(g({ method: 'Get' }, 'grpc://x/any.Svc/Get'), true);
  assert.equal(g({ method: 'Get' }, 'grpc://x/any.Svc/GetAll'), false);
  assert.equal(g({ type: 'RegularExpression', service: 'pkg\\..*', method: 'Get.*' }, 'grpc://x/pkg.A/GetAll'), true);
  assert.equal(g({ type: 'RegularExpression', service: 'pkg\\..*' }, 'grpc://x/pkg.A/X'), true);
  assert.equal(g({ type: 'RegularExpression', service: 'pkg\\..*' }, 'grpc://x/other.A/X'), false);
  assert.equal(g({}, 'grpc://x/a/b'), 'unknown');
  assert.equal(evaluateGrpcRouteMatch(undefined, req('grpc://x/a/b')).matches, true);
  assert.equal(evaluateGrpcRouteMatch({ headers: [{ name: 'x-a', value: '1' }] }, req('grpc://x/a/b', ['x-a: 1'])).matches, true);
  assert.equal(reason(evaluateGrpcRouteMatch({ method: { service: 'a.B', method: 'C' } }, req('grpc://x/a.B/D'))), 'method service "a.B" method "C" does not match path "/a.B/D"');
});

function candidate(match: Record<string, unknown> | undefined, over: Partial<GatewayApiCandidate> = {}): GatewayApiCandidate {
  return { hostname: '', match, kind: 'HTTPRoute', route: { namespace: 'ns', name: 'r' }, rule: 0, matchIndex: 0, ...over };
}

/** The winner among candidates, as a sort would put it first. */
function first(...candidates: GatewayApiCandidate[]): GatewayApiCandidate {
  const sorted = [...candidates].sort(compareGatewayApiCandidates);
  // The comparator must be antisymmetric for a deterministic order.
  for (const a of candidates) for (const b of candidates) assert.ok(Math.sign(compareGatewayApiCandidates(a, b)) === -Math.sign(compareGatewayApiCandidates(b, a)));
  return sorted[0];
}

test('precedence: hostname specificity comes first', () => {
  const exact = candidate(undefined, { hostname: 'a.example.com' });
  const wild = candidate({ path: { type: 'Exact', value: '/x' } }, { hostname: '*.example.com' });
  const none = candidate({ path: { type: 'Exact', value: '/x' } }, { hostname: '' });
  assert.equal(first(none, wild, exact), exact);
  assert.equal(first(none, wild), wild);
  assert.equal(first(candidate(undefined, { hostname: '*.com' }), candidate(undefined, { hostname: '*.example.com', rule: 1 })).hostname, '*.example.com');
});

test('precedence: Exact path, then the longest prefix, then a regex, then method, headers, query params', () => {
  const exact = candidate({ path: { type: 'Exact', value: '/a' } }, { rule: 3 });
  const longPrefix = candidate({ path: { type: 'PathPrefix', value: '/a/b' } }, { rule: 2 });
  const shortPrefix = candidate({ path: { type: 'PathPrefix', value: '/a' } }, { rule: 1 });
  const regex = candidate({ path: { type: 'RegularExpression', value: '/a/b/c/.*' } }, { rule: 0 });
  assert.equal(first(shortPrefix, longPrefix, regex, exact), exact);
  assert.equal(first(shortPrefix, longPrefix, regex), longPrefix);
  assert.equal(first(shortPrefix, regex), shortPrefix, 'Istio ranks a regex below any prefix');
  assert.equal(first(candidate({ path: { type: 'PathPrefix', value: '/a/' } }, { rule: 1 }), candidate({ path: { type: 'PathPrefix', value: '/ab' } })).rule, 0, 'a trailing slash does not count');

  const method = candidate({ method: 'GET' }, { rule: 5 });
  const twoHeaders = candidate({ headers: [{ name: 'a', value: '1' }, { name: 'b', value: '1' }] }, { rule: 4 });
  const oneHeader = candidate({ headers: [{ name: 'a', value: '1' }, { name: 'A', value: '2' }] }, { rule: 3 });
  const query = candidate({ queryParams: [{ name: 'q', value: '1' }] }, { rule: 2 });
  const plain = candidate({}, { rule: 0 });
  assert.equal(first(plain, query, oneHeader, twoHeaders, method), method);
  assert.equal(first(plain, query, oneHeader, twoHeaders), twoHeaders);
  assert.equal(first(plain, twoHeaders, oneHeader).rule, 4, 'equivalent header names count once');
  assert.equal(first(plain, query), query);
  assert.equal(first(candidate({ path: { type: 'PathPrefix', value: '/a' } }, { rule: 1 }), method).rule, 1, 'path before method');
});

test('precedence ties: oldest route, then namespace/name, then rule, then match order', () => {
  const old = candidate({}, { route: { namespace: 'z', name: 'z', creationTimestamp: '2024-01-01T00:00:00Z' } });
  const young = candidate({}, { route: { namespace: 'a', name: 'a', creationTimestamp: '2025-01-01T00:00:00Z' } });
  const unknownTime = candidate({}, { route: { namespace: 'a', name: 'a' } });
  assert.equal(first(young, old), old);
  assert.equal(first(unknownTime, young), young);
  const a = candidate({}, { route: { namespace: 'ns', name: 'b' } });
  const b = candidate({}, { route: { namespace: 'ns', name: 'a' } });
  const c = candidate({}, { route: { namespace: 'mm', name: 'z' } });
  assert.equal(first(a, b, c), c);
  assert.equal(first(a, b), b);
  assert.equal(first(candidate({}, { rule: 2 }), candidate({}, { rule: 1, matchIndex: 3 })).rule, 1);
  assert.equal(first(candidate({}, { matchIndex: 2 }), candidate({}, { matchIndex: 1 })).matchIndex, 1);
});

test('precedence for GRPCRoutes: service and method exact, then service, then method alone', () => {
  const grpc = (method: Record<string, unknown> | undefined, rule: number) => candidate(method && { method }, { kind: 'GRPCRoute', rule });
  const both = grpc({ service: 'pkg.Svc', method: 'Get' }, 3);
  const service = grpc({ service: 'pkg.Svc' }, 2);
  const methodOnly = grpc({ method: 'Get' }, 1);
  const none = grpc(undefined, 0);
  assert.equal(first(none, methodOnly, service, both), both);
  assert.equal(first(none, methodOnly, service), service);
  assert.equal(first(none, methodOnly), methodOnly);
  assert.equal(first(grpc({ service: 'a' }, 1), grpc({ service: 'a.b.c' }, 2)).rule, 2, 'a longer service first');
});

test('a RegularExpression path that nests quantifiers is not run on a long path: unknown, quickly', () => {
  const request = parseTraceRequest({ url: `http://a.example.com/${'a'.repeat(40)}` });
  if ('error' in request) throw new Error(request.error);
  const started = Date.now();
  assert.equal(evaluateHttpRouteMatch({ path: { type: 'RegularExpression', value: '/(a+)+b' } }, request).matches, 'unknown');
  assert.ok(Date.now() - started < 500);
});
