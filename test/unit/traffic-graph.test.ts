import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import type { TrafficEdge, TrafficGraph } from '../../server/src/engine/model/routing/graph-types';
import { graphToDot, graphToMermaid } from '../../server/src/engine/model/routing/graph-formats';
import { summarizeGatewayApiMatch, summarizeIstioMatch } from '../../server/src/engine/model/routing/match-summary';
import { buildTrafficGraph } from '../../server/src/engine/model/routing/traffic-graph';
import { testCatalog } from '../helpers/catalog';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { gatewayWithListeners, httpRoute, service } from '../helpers/gateway-api-routes';
import { destinationRule, gateway } from '../helpers/manifests';
import { meshDeployment, selectingService } from '../helpers/workloads';

const shopVs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: shop
spec:
  hosts:
  - reviews.example.com
  gateways:
  - istio-system/public
  http:
  - name: jason
    match:
    - uri:
        prefix: /api
      headers:
        x-user:
          exact: jason
    route:
    - destination:
        host: reviews
        subset: v2
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 80
    - destination:
        host: reviews
        subset: v3
      weight: 20
`;

const shopFiles = {
  'gateway.yaml': gateway('public', 'istio-system', ['*.example.com']),
  'vs.yaml': shopVs,
  'backend.yaml': docs(
    destinationRule('reviews', 'shop', 'reviews', ['v1', 'v2']),
    selectingService('reviews', 'shop', 'reviews', ['9080']),
    meshDeployment('reviews-v1', 'shop', 'reviews', { version: 'v1' }),
    meshDeployment('reviews-v2', 'shop', 'reviews', { version: 'v2' }),
  ),
};

const ids = (graph: TrafficGraph) => graph.nodes.map((n) => n.id);

function edge(graph: TrafficGraph, from: string, to: string): TrafficEdge {
  const found = graph.edges.find((e) => e.from === from && e.to === to);
  assert.ok(found, `no edge ${from} -> ${to}; edges: ${graph.edges.map((e) => `${e.from} -> ${e.to}`).join('\n')}`);
  return found;
}

/** 0-based line of the `occurrence`-th `needle` in a file of the engine. */
function lineOf(engine: Engine, name: string, needle: string, occurrence = 0): number {
  const text = engine.workspace.file(uriOf(name))!.parsed.text;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in ${name}`);
  return text.slice(0, at).split('\n').length - 1;
}

test('an Istio chain: Gateway server, VirtualService, rules, weighted destinations, subsets, Service, workloads', () => {
  const engine = engineWith(shopFiles);
  const graph = buildTrafficGraph(engine);
  const server = 'gateway:Gateway/istio-system/public/server/0';
  const route = 'route:VirtualService/shop/reviews';
  const rule0 = 'rule:VirtualService/shop/reviews/http/0';
  const rule1 = 'rule:VirtualService/shop/reviews/http/1';
  const dest = 'destination:VirtualService/shop/reviews/http/1/0';
  const subset = 'subset:DestinationRule/shop/reviews/v1';
  const svc = 'service:Service/shop/reviews';
  for (const id of [server, route, rule0, rule1, dest, subset, svc, 'workload:Deployment/shop/reviews-v1', 'workload:Deployment/shop/reviews-v2']) {
    assert.ok(ids(graph).includes(id), `no node ${id}`);
  }
  assert.equal(edge(graph, server, route).label, 'binds');
  edge(graph, route, rule0);
  assert.equal(edge(graph, rule0, 'destination:VirtualService/shop/reviews/http/0/0').label, '100%');
  assert.equal(edge(graph, rule1, dest).label, '80%');
  assert.equal(edge(graph, rule1, 'destination:VirtualService/shop/reviews/http/1/1').label, '20%');
  edge(graph, dest, subset);
  edge(graph, subset, svc);
  edge(graph, svc, 'workload:Deployment/shop/reviews-v1');
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  assert.deepEqual(byId.get(rule0)!.details, ['uri prefix /api, header x-user=jason']);
  assert.equal(byId.get(rule0)!.label, 'http[0] "jason"');
  assert.equal(byId.get(dest)!.label, 'reviews.shop.svc.cluster.local subset v1');
  assert.ok(byId.get(subset)!.details.includes('→ Deployment shop/reviews-v1'));
  assert.equal(byId.get(server)!.label, 'Gateway istio-system/public :80');
  // Locations: 0-based, in the file that defines the node.
  assert.deepEqual(byId.get(route)!.location, { uri: uriOf('vs.yaml'), line: lineOf(engine, 'vs.yaml', 'name: reviews'), character: 8 });
  assert.equal(byId.get(subset)!.location!.uri, uriOf('backend.yaml'));
  assert.equal(byId.get(subset)!.location!.line, lineOf(engine, 'backend.yaml', 'name: v1'));
  assert.equal(byId.get(route)!.resource, 'VirtualService shop/reviews');
  assert.deepEqual(graph.edges.filter((e) => !e.location), []);
  assert.deepEqual(graph.nodes.filter((n) => !n.location), []);
  // Nothing is broken here but subset v3.
  assert.deepEqual(graph.edges.filter((e) => e.broken).map((e) => e.to), ['missing:subset/reviews.shop.svc.cluster.local/v3']);
});

test('an undefined subset is a broken edge to a missing node, with the code the Problems panel shows', () => {
  const engine = engineWith(shopFiles);
  const graph = buildTrafficGraph(engine);
  const broken = edge(graph, 'destination:VirtualService/shop/reviews/http/1/1', 'missing:subset/reviews.shop.svc.cluster.local/v3');
  assert.deepEqual(broken.broken?.codes, ['IST0101']);
  assert.match(broken.broken!.message, /subset v3 is not defined by DestinationRule shop\/reviews/);
  assert.equal(broken.location?.line, lineOf(engine, 'vs.yaml', 'subset: v3'));
  assert.equal(graph.nodes.find((n) => n.id === broken.to)?.kind, 'missing');
  // Switched off, the finding gives no code; the link is still broken.
  const quiet = createEngine({ catalog: testCatalog(), severityOverrides: { IST0101: 'off' } });
  for (const [name, text] of Object.entries(shopFiles)) quiet.setFile(uriOf(name), text);
  const again = edge(buildTrafficGraph(quiet), 'destination:VirtualService/shop/reviews/http/1/1', 'missing:subset/reviews.shop.svc.cluster.local/v3');
  assert.deepEqual(again.broken?.codes, []);
});

test('a missing Gateway, a missing host and a subset selecting no workload are broken links too; the mesh is a gateway node', () => {
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: shop
spec:
  hosts: [ratings]
  gateways: [mesh, public]
  http:
  - route:
    - destination:
        host: ratings
    - destination:
        host: reviews
        subset: v9
      weight: 0
`;
  const engine = engineWith({ 'vs.yaml': vs, 'backend.yaml': docs(destinationRule('reviews', 'shop', 'reviews', ['v9']), selectingService('reviews', 'shop', 'reviews', ['9080']), meshDeployment('reviews-v1', 'shop', 'reviews', { version: 'v1' })) });
  const graph = buildTrafficGraph(engine);
  const route = 'route:VirtualService/shop/ratings';
  assert.equal(edge(graph, 'gateway:mesh', route).label, 'mesh');
  assert.equal(graph.nodes.find((n) => n.id === 'gateway:mesh')?.label, 'mesh');
  const gw = edge(graph, route, 'missing:Gateway/shop/public');
  assert.deepEqual(gw.broken?.codes, ['IST0101']);
  const host = edge(graph, 'destination:VirtualService/shop/ratings/http/0/0', 'missing:host/ratings.shop.svc.cluster.local');
  assert.deepEqual(host.broken?.codes, ['IST0101']);
  const none = edge(graph, 'subset:DestinationRule/shop/reviews/v9', 'missing:workloads/subset:DestinationRule/shop/reviews/v9');
  assert.deepEqual(none.broken?.codes, ['IST0173']);
  assert.equal(none.location?.uri, uriOf('backend.yaml'));
  // Several destinations: an absent weight counts 0 (the weight analyzer reports that separately).
  assert.equal(edge(graph, 'rule:VirtualService/shop/ratings/http/0', 'destination:VirtualService/shop/ratings/http/0/0').label, '0%');
});

test('Gateway API: accepted parentRefs bind listeners, backends split by weight, refused and rejected links are broken', () => {
  const gw = gatewayWithListeners('public', 'infra', `- name: http
  port: 80
  protocol: HTTP
  allowedRoutes:
    namespaces:
      from: All
- name: admin
  port: 8080
  protocol: HTTP`);
  const route = httpRoute('web', 'shop', [{ name: 'public', namespace: 'infra', sectionName: 'http' }, { name: 'public', namespace: 'infra', sectionName: 'admin' }], ['shop.example.com'], [
    [{ name: 'web', port: 80, weight: 90 }, { name: 'web-canary', port: 80, weight: 10 }],
    [{ name: 'billing', namespace: 'pay', port: 80 }],
  ]);
  const engine = engineWith({ 'gw.yaml': gw, 'route.yaml': route, 'svc.yaml': docs(service('web', 'shop', [80]), service('web-canary', 'shop', [80]), service('billing', 'pay', [80])) });
  const graph = buildTrafficGraph(engine);
  const routeId = 'route:HTTPRoute/shop/web';
  assert.equal(edge(graph, 'gateway:Gateway/infra/public/listener/http', routeId).label, 'parentRef');
  assert.equal(graph.nodes.find((n) => n.id === 'gateway:Gateway/infra/public/listener/http')?.label, 'Gateway infra/public :80 HTTP');
  // The admin listener admits routes of its own namespace only.
  const rejected = graph.edges.find((e) => e.from === routeId && e.to.startsWith('missing:rejected/Gateway/infra/public'));
  assert.ok(rejected?.broken, 'the rejected parentRef is a broken edge');
  assert.ok(rejected.broken.codes.length > 0, 'with the route-parents code');
  assert.match(rejected.broken.message, /NotAllowedByListeners/);
  const rule0 = 'rule:HTTPRoute/shop/web/rules/0';
  assert.deepEqual(graph.nodes.find((n) => n.id === rule0)?.details, ['any request']);
  assert.equal(edge(graph, rule0, 'destination:HTTPRoute/shop/web/rules/0/0').label, '90%');
  assert.equal(edge(graph, rule0, 'destination:HTTPRoute/shop/web/rules/0/1').label, '10%');
  edge(graph, 'destination:HTTPRoute/shop/web/rules/0/0', 'service:Service/shop/web');
  const refused = graph.edges.find((e) => e.from === 'destination:HTTPRoute/shop/web/rules/1/0');
  assert.ok(refused?.broken);
  assert.match(refused.broken.message, /refused: .*no ReferenceGrant/);
  assert.ok(refused.broken.codes.includes('IY0211'), `codes ${refused.broken.codes.join(',')}`);
  assert.equal(graph.nodes.find((n) => n.id === refused.to)?.kind, 'missing');
});

test('focus keeps what the resource at the offset sends to and what sends to it, not its siblings', () => {
  const other = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: details
  namespace: shop
spec:
  hosts: [details]
  http:
  - route:
    - destination:
        host: details
`;
  const mine = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  namespace: shop
spec:
  hosts: [ratings]
  http:
  - route:
    - destination:
        host: ratings
`;
  const sibling = mine.replace('name: ratings', 'name: ratings-too').replace('hosts: [ratings]', 'hosts: [ratings-too]');
  const engine = engineWith({ 'vs.yaml': docs(other, mine, sibling), 'svc.yaml': docs(selectingService('details', 'shop', 'details', ['80']), selectingService('ratings', 'shop', 'ratings', ['80'])) });
  const whole = buildTrafficGraph(engine);
  assert.ok(ids(whole).includes('route:VirtualService/shop/details'));
  const text = engine.workspace.file(uriOf('vs.yaml'))!.parsed.text;
  const offset = text.indexOf('host: ratings');
  const focused = buildTrafficGraph(engine, { focus: { uri: uriOf('vs.yaml'), offset } });
  assert.equal(focused.focus, 'route:VirtualService/shop/ratings');
  assert.deepEqual(ids(focused).sort(), [
    'destination:VirtualService/shop/ratings/http/0/0',
    'gateway:mesh',
    'route:VirtualService/shop/ratings',
    'rule:VirtualService/shop/ratings/http/0',
    'service:Service/shop/ratings',
  ]);
  assert.ok(focused.edges.every((e) => ids(focused).includes(e.from) && ids(focused).includes(e.to)));
  // From the Service, every route that sends to it.
  const svcText = engine.workspace.file(uriOf('svc.yaml'))!.parsed.text;
  const fromService = buildTrafficGraph(engine, { focus: { uri: uriOf('svc.yaml'), offset: svcText.indexOf('name: ratings') } });
  assert.equal(fromService.focus, 'service:Service/shop/ratings');
  assert.ok(ids(fromService).includes('route:VirtualService/shop/ratings'));
  assert.ok(ids(fromService).includes('route:VirtualService/shop/ratings-too'));
  assert.ok(!ids(fromService).includes('route:VirtualService/shop/details'));
  // A place holding no resource in the picture: nothing.
  assert.deepEqual(buildTrafficGraph(engine, { focus: { uri: uriOf('nope.yaml'), offset: 0 } }), { nodes: [], edges: [] });
});

test('the same files give the same graph and the same text', () => {
  const a = buildTrafficGraph(engineWith(shopFiles));
  const b = buildTrafficGraph(engineWith(Object.fromEntries(Object.entries(shopFiles).reverse())));
  assert.deepEqual(a, b);
  assert.equal(graphToMermaid(a), graphToMermaid(b));
  assert.equal(graphToDot(a), graphToDot(b));
});

test('Mermaid and DOT: quoted labels, broken edges dashed and red with their codes', () => {
  const graph: TrafficGraph = {
    nodes: [
      { id: 'route:VirtualService/a/b', kind: 'route', label: 'VirtualService a/b', details: ['say "hi" <b> #1'] },
      { id: 'missing:subset/x/v3', kind: 'missing', label: 'subset v3', details: [] },
      { id: 'rule:VirtualService/a/b/http/0', kind: 'rule', label: 'http[0]', details: [] },
    ],
    edges: [
      { from: 'route:VirtualService/a/b', to: 'rule:VirtualService/a/b/http/0' },
      { from: 'route:VirtualService/a/b', to: 'missing:subset/x/v3', label: 'subset', broken: { codes: ['IST0101'], message: 'no "v3"' } },
    ],
  };
  const mermaid = graphToMermaid(graph);
  assert.match(mermaid, /^flowchart LR\n/);
  assert.ok(mermaid.includes('n0["VirtualService a/b<br/>say #quot;hi#quot; #lt;b#gt; #35;1"]'), mermaid);
  assert.ok(mermaid.includes('n1>"subset v3"]'), mermaid);
  assert.ok(mermaid.includes('n0 --> n2'), mermaid);
  assert.ok(mermaid.includes('n0 -.->|"subset · IST0101"| n1'), mermaid);
  assert.ok(mermaid.includes('linkStyle 1 stroke:red'), mermaid);
  const dot = graphToDot(graph);
  assert.match(dot, /^digraph traffic \{\n {2}rankdir=LR;/);
  assert.ok(dot.includes('"route:VirtualService/a/b" [label="VirtualService a/b\\nsay \\"hi\\" <b> #1", shape=box];'), dot);
  assert.ok(dot.includes('"route:VirtualService/a/b" -> "missing:subset/x/v3" [label="subset · IST0101", color=red, fontcolor=red, style=dashed, tooltip="no \\"v3\\""];'), dot);
  assert.ok(dot.trimEnd().endsWith('}'));
});

test('match summaries: one line per match, the API defaults applied', () => {
  assert.equal(summarizeIstioMatch({ uri: { prefix: '/api' }, headers: { 'x-user': { exact: 'jason' } } }), 'uri prefix /api, header x-user=jason');
  assert.equal(summarizeIstioMatch({ uri: { regex: '^/v[0-9]' }, method: { exact: 'GET' }, queryParams: { q: { exact: '1' } } }), 'uri ~ ^/v[0-9], method=GET, query q=1');
  assert.equal(summarizeIstioMatch({ sniHosts: ['a.example.com', 'b.example.com'], port: 443 }), 'sni a.example.com,b.example.com, port 443');
  assert.equal(summarizeIstioMatch({}), 'any request');
  assert.equal(summarizeGatewayApiMatch({}, 'HTTPRoute'), 'path prefix /');
  assert.equal(
    summarizeGatewayApiMatch({ path: { type: 'Exact', value: '/login' }, method: 'POST', headers: [{ name: 'x-user', value: 'jason' }] }, 'HTTPRoute'),
    'path=/login, method=POST, header x-user=jason',
  );
  assert.equal(summarizeGatewayApiMatch({ method: { service: 'shop.Cart', method: 'Add' } }, 'GRPCRoute'), 'grpc shop.Cart/Add');
});

test('a placeholder Gateway is named, not reported broken', () => {
  const vs = shopVs.replace('istio-system/public', '${GATEWAY}');
  const graph = buildTrafficGraph(engineWith({ 'vs.yaml': vs }));
  const e = edge(graph, 'route:VirtualService/shop/reviews', 'external:Gateway/${GATEWAY}');
  assert.equal(e.broken, undefined);
});

test('a Gateway serving none of the VirtualService hosts: a broken binding with IST0132', () => {
  const graph = buildTrafficGraph(engineWith({ ...shopFiles, 'gateway.yaml': gateway('public', 'istio-system', ['*.other.org']) }));
  const binding = edge(graph, 'gateway:Gateway/istio-system/public/server/0', 'route:VirtualService/shop/reviews');
  assert.deepEqual(binding.broken?.codes, ['IST0132']);
  assert.match(binding.broken!.message, /no server of Gateway istio-system\/public admits the hosts/);
});

test('a host the files do not declare (nothing known of its namespace) is an external node, not a broken link', () => {
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: api
  namespace: edge
spec:
  hosts: [api.example.com]
  http:
  - route:
    - destination:
        host: payments.partner.svc.cluster.local
`;
  const graph = buildTrafficGraph(engineWith({ 'vs.yaml': vs }));
  const to = graph.edges.find((e) => e.from.startsWith('destination:VirtualService/edge/api/'))?.to ?? '';
  assert.equal(graph.nodes.find((n) => n.id === to)?.kind, 'external');
  assert.equal(graph.edges.filter((e) => e.broken).length, 0);
});
