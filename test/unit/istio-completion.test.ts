import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { engineWith, uriOf, withCursor } from '../helpers/engine';

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
  'svc.yaml': `apiVersion: v1
kind: Service
metadata: { name: reviews, namespace: shop }
spec:
  selector: { app: reviews }
  ports: [{ name: http, port: 9080 }]
---
apiVersion: v1
kind: Service
metadata: { name: ratings, namespace: other }
spec:
  ports: [{ port: 80 }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: payments, namespace: shop }
spec:
  hosts: [api.payments.example.com]
  ports: [{ number: 443, name: https, protocol: TLS }]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: reviews, namespace: shop }
spec:
  host: reviews
  subsets:
  - name: v1
    labels: { version: v1 }
  - name: v2
    labels: { version: v2 }
`,
};

const vsHead = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: r
  namespace: shop
spec:
  hosts: [reviews]
`;

function complete(marked: string): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  const engine = engineWith({ ...workspace, 'c.yaml': text });
  return doComplete(engine, uriOf('c.yaml'), offset).items;
}

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
  assert.deepEqual(byRank(items), ['api.payments.example.com', 'reviews', 'ratings.other.svc.cluster.local']);
  assert.equal(items.find((i) => i.label === 'reviews')?.detail, 'Service shop/reviews · svc.yaml');
  assert.match(String((items.find((i) => i.label === 'reviews')?.documentation as { value: string }).value), /9080 \(http\)/);
});

test('subset: the subsets the DestinationRule of that host defines, with their labels', () => {
  const items = complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n        subset: |\n`);
  assert.deepEqual(byRank(items), ['v1', 'v2']);
  assert.equal(items[0].detail, 'version=v1 · DestinationRule shop/reviews · svc.yaml');
  // The host written as FQDN is the same service; another host has no subsets.
  assert.deepEqual(byRank(complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews.shop.svc.cluster.local\n        subset: |\n`)), ['v1', 'v2']);
  assert.deepEqual(complete(`${vsHead}  http:\n  - route:\n    - destination:\n        host: ratings\n        subset: |\n`), []);
});

test('a DestinationRule host completes like a destination host; other fields are left to the schema', () => {
  const items = complete(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\n  namespace: other\nspec:\n  host: |\n`);
  assert.deepEqual(byRank(items), ['ratings', 'api.payments.example.com', 'reviews.shop.svc.cluster.local']);
  const keys = complete(`${vsHead}  http:\n  - |\n`).map((i) => i.label);
  assert.ok(keys.includes('route') && !keys.includes('mesh'));
});
