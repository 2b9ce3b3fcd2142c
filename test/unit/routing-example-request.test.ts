import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exampleHttpRouteRequest, exampleRequest, type ExampleRequest } from '../../server/src/engine/model/routing/example-request';
import { evaluateHttpRouteMatch } from '../../server/src/engine/model/routing/gateway-api-match';
import { evaluateHttpMatch } from '../../server/src/engine/model/routing/istio-match';
import { parseTraceRequest } from '../../server/src/engine/model/routing/parse-request';
import type { TraceRequest } from '../../server/src/engine/model/routing/request';

function parsed(example: ExampleRequest | undefined): TraceRequest {
  assert.ok(example, 'an example was expected');
  const r = parseTraceRequest(example);
  if ('error' in r) assert.fail(r.error);
  return r;
}

test('the host: first exact name (short names resolved), else a name under a wildcard, else example.com', () => {
  assert.equal(exampleRequest(undefined, ['*.example.com', 'reviews'], 'bookinfo')?.url, 'http://reviews.bookinfo.svc.cluster.local/');
  assert.equal(exampleRequest(undefined, ['*.example.com'], 'bookinfo')?.url, 'http://www.example.com/');
  assert.equal(exampleRequest(undefined, ['*'], 'bookinfo')?.url, 'http://example.com/');
  assert.equal(exampleRequest(undefined, [], 'bookinfo')?.url, 'http://example.com/');
});

test('an Istio match: path, method, scheme, port, headers, query params', () => {
  const match = {
    uri: { prefix: '/api/v1' },
    method: { exact: 'POST' },
    scheme: { exact: 'https' },
    port: 8443,
    headers: { 'end-user': { exact: 'jason' }, 'x-any': {}, 'x-ver': { regex: 'v2' } },
    queryParams: { q: { exact: 'a b' }, flag: {} },
  };
  const example = exampleRequest(match, ['reviews'], 'bookinfo');
  assert.deepEqual(example, {
    url: 'https://reviews.bookinfo.svc.cluster.local:8443/api/v1?q=a%20b&flag=1',
    method: 'POST',
    headers: ['end-user: jason', 'x-any: 1', 'x-ver: v2'],
  });
  assert.equal(evaluateHttpMatch(match, parsed(example), { gateway: 'mesh', routeNamespace: 'bookinfo' }).matches, true);
});

test('authority decides the host; regexes are sampled (and checked); what the sampler cannot read gives up', () => {
  assert.equal(exampleRequest({ authority: { exact: 'api.example.com:8080' } }, ['*'], 'ns')?.url, 'http://api.example.com:8080/');
  assert.equal(exampleRequest({ uri: { regex: '/api/v1\\.0/.*' } }, ['a.com'], 'ns')?.url, 'http://a.com/api/v1.0/');
  assert.equal(exampleRequest({ uri: { regex: '/items/.+' } }, ['a.com'], 'ns')?.url, 'http://a.com/items/a');
  assert.equal(exampleRequest({ uri: { regex: '/v[0-9]+' } }, ['a.com'], 'ns')?.url, 'http://a.com/v0');
  assert.deepEqual(exampleRequest({ headers: { x: { regex: 'a|b' } } }, ['a.com'], 'ns')?.headers, ['x: a']);
  assert.equal(exampleRequest({ uri: { regex: '/(?=x)y' } }, ['a.com'], 'ns'), undefined);
});

test('no example when the match cannot be met by a URL and headers', () => {
  assert.equal(exampleRequest({ uri: { exact: 'no-slash' } }, ['a.com'], 'ns'), undefined);
  assert.equal(exampleRequest({ uri: { exact: '/a b' } }, ['a.com'], 'ns'), undefined);
  assert.equal(exampleRequest({ headers: { x: { exact: 'a' } }, withoutHeaders: { x: {} } }, ['a.com'], 'ns'), undefined);
  assert.equal(exampleRequest({ headers: { '@request.auth.claims.group': { exact: 'a' } } }, ['a.com'], 'ns'), undefined);
  assert.equal(exampleRequest({ scheme: { exact: 'ftp' } }, ['a.com'], 'ns'), undefined);
  assert.equal(exampleRequest({ uri: { prefix: '${P}' } }, ['a.com'], 'ns'), undefined);
});

test('gateways and source conditions are left to the entry the tracer picks', () => {
  const example = exampleRequest({ uri: { exact: '/x' }, gateways: ['ingress'], sourceLabels: { app: 'a' }, source_namespace: 'n' }, ['a.com'], 'ns');
  assert.equal(example?.url, 'http://a.com/x');
});

test('a Gateway API match: path kinds, method, headers, query params', () => {
  assert.equal(exampleHttpRouteRequest(undefined, ['*.example.com'])?.url, 'http://www.example.com/');
  assert.equal(exampleHttpRouteRequest({ path: { type: 'PathPrefix', value: '/shop/' } }, [])?.url, 'http://example.com/shop');
  assert.equal(exampleHttpRouteRequest({ path: { type: 'RegularExpression', value: '/v[12]' } }, [])?.url, 'http://example.com/v1');
  assert.equal(exampleHttpRouteRequest({ path: { type: 'RegularExpression', value: '/v(?!1)' } }, []), undefined);
  const match = {
    path: { type: 'Exact', value: '/login' },
    method: 'POST',
    headers: [{ name: 'X-Env', value: 'canary' }, { name: 'x-v', type: 'RegularExpression', value: 'v1\\.2' }],
    queryParams: [{ name: 'Lang', value: 'en' }],
  };
  const example = exampleHttpRouteRequest(match, ['shop.example.com', '*.example.com']);
  assert.deepEqual(example, { url: 'http://shop.example.com/login?Lang=en', method: 'POST', headers: ['X-Env: canary', 'x-v: v1.2'] });
  assert.equal(evaluateHttpRouteMatch(match, parsed(example)).matches, true);
  assert.deepEqual(exampleHttpRouteRequest({ headers: [{ name: 'x', type: 'RegularExpression', value: '[a-z]+' }] }, [])?.headers, ['x: a']);
});

const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);
const pathText = fc.stringMatching(/^\/[a-zA-Z0-9/_.-]{0,12}$/);
const stringMatch = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    value.map((v) => ({ exact: v })),
    value.map((v) => ({ prefix: v })),
    fc.constant({}),
    value.map((v) => ({ regex: v.replace(/\./g, '\\.') })),
  );
const istioMatch = fc.record(
  {
    uri: fc.oneof(pathText.map((v) => ({ exact: v })), pathText.map((v) => ({ prefix: v })), pathText.map((v) => ({ regex: `${v.replace(/\./g, '\\.')}.*` }))),
    method: fc.constantFrom('GET', 'POST', 'PUT').map((v) => ({ exact: v })),
    port: fc.integer({ min: 1, max: 65535 }),
    ignoreUriCase: fc.boolean(),
    headers: fc.dictionary(word, stringMatch(word), { maxKeys: 3 }),
    queryParams: fc.dictionary(word, stringMatch(word), { maxKeys: 3 }),
    withoutHeaders: fc.dictionary(word.map((w) => `without-${w}`), fc.constant({}), { maxKeys: 2 }),
  },
  { requiredKeys: [] },
);

test('property: every simple Istio match gets an example, and the example is accepted', () => {
  fc.assert(
    fc.property(istioMatch, fc.constantFrom(['reviews'], ['*.example.com'], ['*'], []), (match, hosts) => {
      const example = exampleRequest(match, hosts, 'ns');
      assert.ok(example, `no example for ${JSON.stringify(match)}`);
      assert.equal(evaluateHttpMatch(match, parsed(example), { gateway: 'mesh', routeNamespace: 'ns' }).matches, true);
    }),
    { numRuns: 300 },
  );
});

test('property: every simple Gateway API match gets an example, and the example is accepted', () => {
  const entry = fc.record({ name: word, value: word, type: fc.constantFrom('Exact', 'RegularExpression') });
  const match = fc.record(
    {
      path: fc.record({ type: fc.constantFrom('Exact', 'PathPrefix'), value: pathText }),
      method: fc.constantFrom('GET', 'DELETE'),
      headers: fc.uniqueArray(entry, { maxLength: 3, selector: (e) => e.name }),
      queryParams: fc.uniqueArray(entry, { maxLength: 3, selector: (e) => e.name }),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(match, fc.constantFrom(['a.example.com'], ['*.example.com'], []), (m, hostnames) => {
      const example = exampleHttpRouteRequest(m, hostnames);
      assert.ok(example, `no example for ${JSON.stringify(m)}`);
      assert.equal(evaluateHttpRouteMatch(m, parsed(example)).matches, true);
    }),
    { numRuns: 300 },
  );
});
