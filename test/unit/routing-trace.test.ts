import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTraceRequest } from '../../server/src/engine/model/routing/parse-request';
import { traceRequest } from '../../server/src/engine/model/routing/trace';
import type { TraceEntryOption, TraceResult } from '../../server/src/engine/model/routing/trace-types';
import { repoRoot } from '../helpers/catalog';
import { engineWith } from '../helpers/engine';
import { gateway, httpRoute, virtualService } from '../helpers/manifests';

const folder = path.join(repoRoot, 'test', 'fixtures', 'routing');
const files = Object.fromEntries(fs.readdirSync(folder).map((name) => [name, fs.readFileSync(path.join(folder, name), 'utf8')]));
const engine = engineWith(files);

function trace(url: string, options: { method?: string; headers?: string[]; entry?: TraceEntryOption } = {}): TraceResult {
  const request = parseTraceRequest({ url, ...(options.method ? { method: options.method } : {}), headers: options.headers ?? [] });
  if ('error' in request) throw new Error(request.error);
  return traceRequest(engine, request, options.entry ?? { kind: 'ingress' });
}

const split = (r: TraceResult) => r.destinations.map((d) => `${d.weight}% ${d.host}${d.subset ? `/${d.subset}` : ''}`);

test('ingress: the header rule matches first, and its destination resolves to the subset workloads', () => {
  const r = trace('http://bookinfo.example.com/reviews/1', { headers: ['End-User: jason'] });
  assert.deepEqual(r.entry, { kind: 'Gateway', namespace: 'istio-system', name: 'public', server: 0 });
  assert.deepEqual(r.route, { kind: 'VirtualService', namespace: 'default', name: 'bookinfo', rule: 0, ruleName: 'jason', match: 0 });
  assert.equal(r.outcome, 'route');
  assert.deepEqual(split(r), ['100% reviews.default.svc.cluster.local/v2']);
  assert.equal(r.destinations[0].destinationRule, 'default/reviews');
  assert.equal(r.destinations[0].port, 9080);
  assert.deepEqual(r.destinations[0].workloads, ['Deployment default/reviews-v2']);
});

test('ingress: without the header the request falls through to the weighted rule, whose timeout is reported', () => {
  const r = trace('http://bookinfo.example.com/reviews/1');
  assert.equal(r.route?.rule, 1);
  assert.deepEqual(split(r), ['80% reviews.default.svc.cluster.local/v1', '20% reviews.default.svc.cluster.local/v2']);
  assert.equal(r.actions.timeout, '3s');
  // The rule tried first is in the steps, with why it did not match.
  assert.ok(r.steps.some((s) => /http\[0\] "jason".*does not match.*end-user/i.test(s.message) && s.line !== null), JSON.stringify(r.steps, null, 1));
});

test('ingress: a redirect and a method condition', () => {
  assert.equal(trace('http://bookinfo.example.com/login', { method: 'POST' }).outcome, 'redirect');
  const get = trace('http://bookinfo.example.com/login');
  assert.equal(get.outcome, 'no-match');
  assert.deepEqual(get.destinations, []);
});

test('ingress: a regex uri match, with the rule fault reported', () => {
  const r = trace('http://bookinfo.example.com/ratings/42');
  assert.equal(r.route?.ruleName, 'ratings-fault');
  assert.ok(r.actions.fault);
  assert.deepEqual(split(r), ['100% ratings.default.svc.cluster.local']);
  assert.deepEqual(r.destinations[0].workloads, ['Deployment default/ratings']);
});

test('ingress: the exact host wins over the wildcard host, which takes the other names', () => {
  assert.equal(trace('http://bookinfo.example.com/reviews').route?.name, 'bookinfo');
  const other = trace('http://news.example.com/');
  assert.equal(other.route?.name, 'catch-all');
  assert.deepEqual(split(other), ['100% welcome.default.svc.cluster.local']);
});

test('ingress: a server whose hosts admit one namespace ignores VirtualServices of another', () => {
  const r = trace('https://shop.example.com/');
  assert.deepEqual(r.entry, { kind: 'Gateway', namespace: 'istio-system', name: 'public', server: 1 });
  assert.equal(r.outcome, 'no-route');
  assert.ok(r.steps.some((s) => s.message.includes('do not admit namespace storefront')), JSON.stringify(r.steps, null, 1));
});

test('ingress: no Gateway takes the port or the host', () => {
  assert.equal(trace('http://bookinfo.example.com:9999/').outcome, 'no-gateway');
  assert.equal(trace('http://bookinfo.other.org/').outcome, 'no-gateway');
  const named = trace('http://bookinfo.example.com/', { entry: { kind: 'ingress', gateway: { namespace: 'istio-system', name: 'nope' } } });
  assert.equal(named.outcome, 'no-gateway');
  assert.equal(named.entry, null);
});

test('mesh: a VirtualService exported to its own namespace applies there, with its header rule', () => {
  const canary = trace('http://reviews:9080/', { headers: ['x-canary: 1'], entry: { kind: 'mesh', namespace: 'default' } });
  assert.deepEqual(canary.entry, { kind: 'mesh', namespace: 'default' });
  assert.equal(canary.route?.name, 'reviews');
  assert.deepEqual(split(canary), ['100% reviews.default.svc.cluster.local/v3']);
  // Subset v3 selects no workload: that makes the answer uncertain.
  assert.deepEqual(canary.destinations[0].workloads, []);
  assert.ok(canary.warnings.some((w) => w.includes('v3')), canary.warnings.join('\n'));
  assert.deepEqual(split(trace('http://reviews:9080/', { entry: { kind: 'mesh', namespace: 'default' } })), ['100% reviews.default.svc.cluster.local/v1']);
});

test('mesh: from another namespace the private VirtualService does not apply; the request goes to the Service', () => {
  const r = trace('http://reviews.default:9080/', { entry: { kind: 'mesh', namespace: 'frontend' } });
  assert.equal(r.outcome, 'route');
  assert.equal(r.route, null);
  assert.deepEqual(split(r), ['100% reviews.default.svc.cluster.local']);
  assert.deepEqual(r.destinations[0].workloads.sort(), ['Deployment default/reviews-v1', 'Deployment default/reviews-v2']);
});

test('mesh: an HTTPRoute attached to the Service routes it (GAMMA)', () => {
  const canary = trace('http://cart:8080/', { headers: ['x-canary: yes'], entry: { kind: 'mesh', namespace: 'shop' } });
  assert.equal(canary.route?.kind, 'HTTPRoute');
  assert.equal(canary.route?.rule, 0);
  assert.deepEqual(split(canary), ['100% cart-canary.shop.svc.cluster.local']);
  assert.equal(trace('http://cart:8080/', { entry: { kind: 'mesh', namespace: 'shop' } }).route?.rule, 1);
});

test('Gateway API: the route with the more specific hostname wins, and backend weights are normalized', () => {
  const r = trace('http://www.shop.io:8080/api/orders');
  assert.deepEqual(r.entry, { kind: 'Gateway', namespace: 'infra', name: 'web', server: 0 });
  assert.equal(r.route?.name, 'storefront');
  assert.deepEqual(split(r), ['75% cart.shop.svc.cluster.local', '25% cart-canary.shop.svc.cluster.local']);
});

test('Gateway API: an Exact path beats a PathPrefix written before it on the same hostname', () => {
  const exact = trace('http://m.shop.io:8080/api/orders');
  assert.deepEqual([exact.route?.name, exact.route?.rule, exact.route?.match], ['api', 1, 0]);
  const prefix = trace('http://m.shop.io:8080/api/users');
  assert.deepEqual([prefix.route?.name, prefix.route?.rule], ['api', 0]);
  assert.equal(trace('http://m.shop.io:8080/other').outcome, 'no-match');
});

test('every step names a file and a line when it is about a resource', () => {
  const r = trace('http://bookinfo.example.com/reviews/1');
  const located = r.steps.filter((s) => s.file !== null);
  assert.ok(located.length >= 3);
  for (const step of located) {
    assert.ok(step.file?.startsWith('file:///'));
    assert.ok((step.line ?? 0) >= 1);
  }
});

test('a PASSTHROUGH server hands an https request to the tls rules by SNI; a terminating one to the http rules', () => {
  const passthrough = engineWith({
    'tls.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: edge, namespace: istio-system }
spec:
  servers:
  - port: { number: 443, name: tls, protocol: TLS }
    tls: { mode: PASSTHROUGH }
    hosts: ["*.secure.example.com"]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: secure, namespace: default }
spec:
  hosts: ["*.secure.example.com"]
  gateways: [istio-system/edge]
  tls:
  - match:
    - sniHosts: [pay.secure.example.com]
    route:
    - destination: { host: pay }
`,
  });
  const request = parseTraceRequest({ url: 'https://pay.secure.example.com/' });
  if ('error' in request) throw new Error(request.error);
  const r = traceRequest(passthrough, request, { kind: 'ingress' });
  assert.equal(r.outcome, 'route');
  assert.deepEqual([r.route?.name, r.route?.rule], ['secure', 0]);
  assert.deepEqual(split(r), ['100% pay.default.svc.cluster.local']);
  // The terminating HTTPS server of the shared fixture reads http rules instead (no tls rule there).
  assert.equal(trace('https://shop.example.com/').entry?.kind, 'Gateway');
});

test('no VirtualService on the Gateway covers the host: the step says 404, and one naming a same-named Gateway elsewhere is pointed out', () => {
  const files = {
    'gw.yaml': gateway('public', 'istio-system', ['*.example.com']),
    // "public" from namespace shop means shop/public: the classic mistake.
    'vs.yaml': virtualService('cart', 'shop', ['cart.example.com'], ['public'], httpRoute([{ host: 'cart' }])),
  };
  const request = parseTraceRequest({ url: 'http://cart.example.com/' });
  if ('error' in request) throw new Error(request.error);
  const r = traceRequest(engineWith(files), request, { kind: 'ingress' });
  assert.equal(r.outcome, 'no-route');
  const messages = r.steps.map((s) => s.message);
  assert.ok(messages.includes('no VirtualService bound to this Gateway covers cart.example.com: the answer is 404'), messages.join('\n'));
  const hint = r.steps.find((s) => s.message.startsWith('VirtualService shop/cart covers cart.example.com but binds Gateway shop/public ("public")'));
  assert.ok(hint?.message.endsWith('write "istio-system/public"'), messages.join('\n'));
  assert.ok(hint?.file?.endsWith('vs.yaml') && (hint.line ?? 0) >= 1);
});
