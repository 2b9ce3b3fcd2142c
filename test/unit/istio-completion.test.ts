import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { applyOffsetEdits } from '../../server/src/engine/edit/text-edit';
import { LineIndex } from '../../server/src/engine/parse/line-index';
import { createSubsetEdits, isCreateSubsetArgs } from '../../server/src/features/create-subset';
import { docs, engineWith, findingsIn, uriOf, withCursor } from '../helpers/engine';
import { deployment, service } from '../helpers/kubernetes';
import { virtualService } from '../helpers/manifests';

const services = docs(
  service('reviews', 'shop', [{ name: 'http', port: 9080 }], { app: 'reviews' }),
  service('ratings', 'other', [{ port: 80 }], undefined),
  `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: payments, namespace: shop }
spec:
  hosts: [api.payments.example.com]
  ports: [{ number: 443, name: https, protocol: TLS }]
  resolution: DNS
`,
);

const reviewsRule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: shop }
spec:
  host: reviews
  subsets:
  - name: v1
    labels: { version: v1 }
  - name: v2
    labels: { version: v2 }
`;

const workspace = {
  'gw.yaml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: public, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*.example.com"]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: internal, namespace: shop }
spec:
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["shop.internal"]
`,
  'svc.yaml': docs(services, reviewsRule),
  'workloads.yaml': docs(
    deployment('reviews-v1', 'shop', { app: 'reviews', version: 'v1' }),
    deployment('reviews-v3', 'shop', { app: 'reviews', version: 'v3' }),
    deployment('ratings-v1', 'other', { app: 'ratings', version: 'v1' }),
    deployment('edge-gateway', 'edge', { istio: 'edge-gateway', team: 'platform' }),
  ),
  'routes.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: storefront, namespace: shop }
spec:
  hosts: [store.example.com, "*"]
  http:
  - route:
    - destination: { host: reviews }
`,
};

const vsHead = virtualService('r', 'shop', ['reviews'], []);
/** The workspace without the DestinationRule of reviews. */
const withoutRule = { ...workspace, 'svc.yaml': services };

function complete(marked: string, files: Record<string, string> = workspace): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  const engine = engineWith({ ...files, 'c.yaml': text });
  return doComplete(engine, uriOf('c.yaml'), offset).items;
}

const detailOf = (items: CompletionItem[], label: string) => items.find((i) => i.label === label)?.detail;
const textOf = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;

const byRank = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

test('gateways: the namespace own Gateways by name first, others as ns/name, then mesh; each says where it is from', () => {
  const items = complete(`${vsHead}  gateways:\n  - |\n`);
  assert.deepEqual(byRank(items), ['internal', 'istio-system/public', 'mesh']);
  assert.equal(items.find((i) => i.label === 'istio-system/public')?.detail, 'Gateway istio-system/public · gw.yaml');
  assert.match(String((items.find((i) => i.label === 'istio-system/public')?.documentation as { value: string }).value), /\*\.example\.com/);
  // A match's gateways too.
  assert.deepEqual(byRank(complete(`${vsHead}  http:\n  - match:\n    - gateways:\n      - |\n`)), ['internal', 'istio-system/public', 'mesh']);
});

test('destination host: Services short in the same namespace, FQDN elsewhere, and ServiceEntry hosts', () => {
  const items = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: |\n`);
  assert.deepEqual(byRank(items), ['api.payments.example.com', 'reviews', 'store.example.com', 'ratings.other.svc.cluster.local']);
  assert.equal(items.find((i) => i.label === 'reviews')?.detail, 'Service shop/reviews · svc.yaml');
  assert.match(String((items.find((i) => i.label === 'reviews')?.documentation as { value: string }).value), /9080 \(http\)/);
});

test('subset: the subsets the DestinationRule of that host defines, with their labels', () => {
  const items = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: |\n`).filter((i) => !i.command);
  assert.deepEqual(byRank(items), ['v1', 'v2']);
  assert.equal(items[0].detail, 'version=v1 · DestinationRule shop/reviews · svc.yaml');
  // The host written as FQDN is the same service; another host has no subsets.
  assert.deepEqual(byRank(complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews.shop.svc.cluster.local\n        subset: |\n`).filter((i) => !i.command)), ['v1', 'v2']);
  // No DestinationRule for ratings (and no workloads behind its Service): the only item creates v1 (tested below).
  const ratings = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: ratings.other.svc.cluster.local\n        subset: |\n`);
  assert.deepEqual(ratings.map((i) => i.label), ['v1']);
  assert.ok(ratings.every((i) => i.detail?.startsWith('Create subset')));
});

test('a DestinationRule host completes like a destination host; other fields are left to the schema', () => {
  const items = complete(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\n  namespace: other\nspec:\n  host: |\n`);
  assert.deepEqual(byRank(items), ['ratings', 'api.payments.example.com', 'reviews.shop.svc.cluster.local', 'store.example.com']);
  const keys = complete(`${vsHead}  http:\n  - |\n`).map((i) => i.label);
  assert.ok(keys.includes('route') && !keys.includes('mesh'));
});

test('every workspace item names its resource and file; the same file sorts before the same namespace', () => {
  const local = `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: { name: local, namespace: shop }\nspec:\n  servers: []\n---\n`;
  const items = complete(`${local}${vsHead}  gateways:\n  - |\n`);
  assert.deepEqual(byRank(items), ['local', 'internal', 'istio-system/public', 'mesh']);
  assert.equal(detailOf(items, 'local'), 'Gateway shop/local · c.yaml');
});

test('destination host: VirtualService hosts too (not wildcards), named by their VirtualService', () => {
  const items = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: |\n`);
  assert.equal(detailOf(items, 'store.example.com'), 'VirtualService shop/storefront · routes.yaml');
  assert.ok(!items.some((i) => i.label === '*'));
  // A host that is also a Service is offered once, as the Service.
  assert.equal(items.filter((i) => i.label === 'reviews').length, 1);
  // The VirtualService being written does not route to itself.
  const own = complete(`${virtualService('r', 'shop', ['self.example.com'], [])}  http:\n  - route:\n    - destination:\n        host: |\n`);
  assert.ok(!own.some((i) => i.label === 'self.example.com'));
  assert.ok(own.some((i) => i.label === 'store.example.com'));
});

test('port.number: the ports of the sibling host Service or ServiceEntry, with name and protocol; nothing for an unknown host', () => {
  const port = (host: string) => complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: ${host}\n        port:\n          number: |\n`);
  const service = port('reviews');
  assert.deepEqual(service.map((i) => i.label), ['9080']);
  assert.equal(service[0].detail, 'http · Service shop/reviews · svc.yaml');
  assert.deepEqual(port('reviews.shop.svc.cluster.local').map((i) => i.label), ['9080']);
  const entry = port('api.payments.example.com');
  assert.deepEqual(entry.map((i) => [i.label, i.detail]), [['443', 'https TLS · ServiceEntry shop/payments · svc.yaml']]);
  // A short name resolves in the VirtualService's namespace: ratings lives in `other`.
  assert.deepEqual(port('ratings'), []);
  assert.deepEqual(port('nowhere.example.com'), []);
  // Written before the host, and in a mirror.
  assert.deepEqual(complete(`${vsHead}  http:\n  - route:\n    - destination:\n        port:\n          number: |\n        host: reviews\n`).map((i) => i.label), ['9080']);
  assert.deepEqual(complete(`${vsHead}  http:\n  - mirror:\n      host: ratings.other.svc.cluster.local\n      port:\n        number: |\n`).map((i) => i.label), ['80']);
  // A DestinationRule's port-level settings: the ports of its host.
  const dr = `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: d, namespace: shop }\nspec:\n  host: reviews\n  trafficPolicy:\n    portLevelSettings:\n    - port:\n        number: |\n`;
  assert.deepEqual(complete(dr).map((i) => i.label), ['9080']);
});

test('subset with no DestinationRule: create items for the host workloads versions, each running the create-subset command', () => {
  const files = withoutRule;
  const items = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: |\n`, files);
  assert.deepEqual(byRank(items), ['v1', 'v3']);
  // A prefix of a known version is not a name of its own.
  assert.deepEqual(byRank(complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: v|\n`, files)), ['v1', 'v3']);
  assert.match(String(items[0].detail), /^Create subset v1 .*new DestinationRule in c\.yaml/);
  assert.match(String((items[0].documentation as { value: string }).value), /Deployment shop\/reviews-v1 \(workloads\.yaml\)/);
  assert.equal(items[0].command?.command, 'istio.createSubset');
  // No workloads: `v1`, or what is typed (and the list is asked for again as it grows).
  const bare = `${vsHead}  http:\n  - route:\n    - destination:\n        host: api.payments.example.com\n        subset: |\n`;
  assert.deepEqual(byRank(complete(bare, files)), ['v1']);
  const { text, offset } = withCursor(bare.replace('subset: |', 'subset: can|'));
  const list = doComplete(engineWith({ ...files, 'c.yaml': text }), uriOf('c.yaml'), offset);
  assert.deepEqual(byRank(list.items), ['can']);
  assert.equal(list.isIncomplete, true);
});

test('subset with DestinationRules: the defined subsets, then create items only for workload versions without one', () => {
  const items = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: |\n`);
  assert.deepEqual(byRank(items), ['v1', 'v2', 'v3']);
  assert.match(String(detailOf(items, 'v3')), /^Create subset v3 .*add to DestinationRule shop\/reviews · svc\.yaml/);
  assert.equal(items.find((i) => i.label === 'v1')?.command, undefined);
});

/** Picks the item, inserts it into the text, then runs its command the way the server does; returns the files after. */
function pickAndCreate(files: Record<string, string>, marked: string, label: string): Record<string, string> {
  const { text, offset } = withCursor(marked);
  const engine = engineWith({ ...files, 'c.yaml': text });
  const item = doComplete(engine, uriOf('c.yaml'), offset).items.find((i) => i.label === label);
  assert.ok(item, `no item ${label}`);
  const edit = item.textEdit as TextEdit;
  const lines = new LineIndex(text);
  const inserted = applyOffsetEdits(text, [{ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }]);
  engine.setFile(uriOf('c.yaml'), inserted);
  const args = item.command?.arguments?.[0];
  assert.ok(isCreateSubsetArgs(args));
  const changes = createSubsetEdits(engine, args);
  assert.ok(changes, 'the command makes no edit');
  const out: Record<string, string> = { ...files, 'c.yaml': inserted };
  for (const [uri, edits] of Object.entries(changes)) {
    const name = uri.slice('file:///'.length);
    out[name] = applyOffsetEdits(out[name], edits);
  }
  return out;
}

test('the create-subset item, applied: a new DestinationRule in the file, and IST0101 is gone', () => {
  const files = { 'svc.yaml': services, 'workloads.yaml': workspace['workloads.yaml'] };
  const marked = `${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: |\n`;
  const after = pickAndCreate(files, marked, 'v3');
  assert.match(after['c.yaml'], /subset: v3\n---\napiVersion: networking.istio.io\/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: shop\nspec:\n  host: reviews\n  subsets:\n  - name: v3\n    labels:\n      version: v3\n/);
  const engine = engineWith(after);
  assert.deepEqual(findingsIn(engine, 'c.yaml').filter((f) => f.code === 'IST0101'), []);
  // Without the command, the inserted subset is undefined.
  const { text } = withCursor(marked.replace('subset: |', 'subset: v3|'));
  assert.ok(findingsIn(engineWith({ ...files, 'c.yaml': text }), 'c.yaml').some((f) => f.code === 'IST0101'));
});

test('the create-subset item, applied: the subset is added to the DestinationRule in another file', () => {
  const marked = `${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: |\n`;
  const after = pickAndCreate(workspace, marked, 'v3');
  assert.match(after['svc.yaml'], /  - name: v2\n    labels: \{ version: v2 \}\n  - name: v3\n    labels: \{version: v3\}\n/);
  assert.ok(!after['c.yaml'].includes('kind: DestinationRule'));
  assert.deepEqual(findingsIn(engineWith(after), 'c.yaml').filter((f) => f.code === 'IST0101'), []);
});

test('VirtualService hosts: the hosts its Gateways serve to its namespace; none for a mesh-only VirtualService', () => {
  const gateways = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: edge, namespace: istio-system }
spec:
  servers:
  - port: { number: 443, name: https, protocol: HTTPS }
    hosts: ["shop/shop.example.com", "billing/billing.example.com", "*"]
`;
  const files = { ...workspace, 'edge.yaml': gateways };
  const head = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: front\n  namespace: shop\nspec:\n`;
  const items = complete(`${head}  gateways:\n  - istio-system/edge\n  - internal\n  - istio-system/public\n  hosts:\n  - shop.internal\n  - |\n`, files);
  assert.deepEqual(byRank(items), ['*.example.com', 'shop.example.com']);
  assert.equal(detailOf(items, 'shop.example.com'), 'Gateway istio-system/edge · edge.yaml');
  // Flow-style gateways, hosts above.
  assert.deepEqual(byRank(complete(`${head}  hosts:\n  - |\n  gateways: [internal]\n`, files)), ['shop.internal']);
  assert.deepEqual(complete(`${head}  gateways: [mesh]\n  hosts:\n  - |\n`, files), []);
  assert.deepEqual(complete(`${head}  hosts:\n  - |\n`, files), []);
});

test('Gateway selector: gateway pod labels first (the assumed ingress gateway too), as key: value with their workload', () => {
  const head = `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\n  namespace: shop\nspec:\n  selector:\n`;
  const items = complete(`${head}    |\n`);
  const ranked = byRank(items);
  assert.deepEqual(ranked.slice(0, 3), ['istio: edge-gateway', 'team: platform', 'app: istio-ingressgateway']);
  assert.ok(ranked.indexOf('istio: ingressgateway') < ranked.indexOf('app: reviews'));
  assert.equal(detailOf(items, 'istio: edge-gateway'), 'Deployment edge/edge-gateway · workloads.yaml');
  assert.match(String(detailOf(items, 'istio: ingressgateway')), /assumed installed/);
  assert.equal(textOf(items.find((i) => i.label === 'team: platform')), 'team: platform');
  // A key already set is not offered again; its value completes from the same labels.
  assert.ok(!complete(`${head}    istio: edge-gateway\n    |\n`).some((i) => i.label.startsWith('istio:')));
  assert.deepEqual(byRank(complete(`${head}    istio: |\n`)), ['edge-gateway', 'ingressgateway']);
});

test('subset labels: the labels of the pods the host Service selects, subset-distinguishing ones first', () => {
  const dr = `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: d, namespace: shop }\nspec:\n  host: reviews\n  subsets:\n  - name: v3\n    labels:\n      |\n`;
  const items = complete(dr);
  assert.deepEqual(byRank(items), ['version: v1', 'version: v3', 'app: reviews']);
  assert.equal(detailOf(items, 'version: v3'), 'Deployment shop/reviews-v3 · workloads.yaml');
  assert.equal(detailOf(items, 'app: reviews'), 'Deployment shop/reviews-v1 · workloads.yaml (and 1 more)');
  assert.deepEqual(byRank(complete(dr.replace('      |', '      version: |'))), ['v1', 'v3']);
  // An unknown host: nothing, and no field names either.
  assert.deepEqual(complete(dr.replace('host: reviews', 'host: nowhere')), []);
});

test('workload selectors of policies: the labels of the pods in their namespace', () => {
  const policy = `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: p, namespace: other }\nspec:\n  selector:\n    matchLabels:\n      |\n`;
  assert.deepEqual(byRank(complete(policy)), ['app: ratings', 'version: v1']);
  const sidecar = `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: { name: s, namespace: shop }\nspec:\n  workloadSelector:\n    labels:\n      app: reviews\n      |\n`;
  assert.deepEqual(byRank(complete(sidecar)), ['version: v1', 'version: v3']);
});
