import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { LineIndex } from '../../server/src/engine/parse/line-index';
import { applyTextEdits } from '../helpers/apply-edits';
import { uriOf, withCursor } from '../helpers/engine';
import { gatewayApiWorkspace } from '../helpers/gateway-api-workspace';

/** Completion at the `|` of `marked` (file c.yaml) in the Gateway API workspace. */
function complete(marked: string): { items: CompletionItem[]; text: string } {
  const { text, offset } = withCursor(marked);
  const engine = gatewayApiWorkspace({ 'c.yaml': text });
  return { items: doComplete(engine, uriOf('c.yaml'), offset).items, text };
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);

const head = (namespace = 'shop', kind = 'HTTPRoute') => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: r
  namespace: ${namespace}
spec:
`;

test('parentRef name: Gateways of the route namespace first, others with the namespace to add', () => {
  const { items, text } = complete(`${head('infra')}  parentRefs:\n  - name: |\n    sectionName: http\n`);
  assert.deepEqual(sorted(items), ['public', 'waypoint']);
  const [local, other] = [items.find((i) => i.label === 'public')!, items.find((i) => i.label === 'waypoint')!];
  assert.equal(local.detail, 'Gateway infra/public');
  assert.equal(local.additionalTextEdits, undefined);
  assert.match(String((local.documentation as { value: string }).value), /`http` port 80 · HTTP · any host/);
  assert.equal(other.detail, 'Gateway mesh/waypoint (sets namespace: mesh)');
  const applied = applyTextEdits(text, [other.textEdit as TextEdit, ...(other.additionalTextEdits ?? [])]);
  assert.match(applied, /  - name: waypoint\n    namespace: mesh\n    sectionName: http\n/);
});

test('parentRef name with a namespace written: only that namespace; kind ListenerSet and Service parents', () => {
  assert.deepEqual(labels(complete(`${head()}  parentRefs:\n  - namespace: infra\n    name: |\n`).items), ['public']);
  assert.deepEqual(labels(complete(`${head()}  parentRefs:\n  - kind: ListenerSet\n    namespace: infra\n    name: pu|\n`).items), ['extra']);
  assert.deepEqual(sorted(complete(`${head()}  parentRefs:\n  - group: ""\n    kind: Service\n    name: |\n`).items), ['web', 'web-canary', 'db', 'orders']);
});

test('parentRef namespace: the namespaces holding Gateways, those with the named one first', () => {
  const { items } = complete(`${head()}  parentRefs:\n  - name: waypoint\n    namespace: |\n`);
  assert.deepEqual(sorted(items), ['mesh', 'infra']);
  assert.equal(items.find((i) => i.label === 'infra')?.detail, 'Gateways: public');
});

test('sectionName: the listeners of the Gateway the parentRef resolves to, with port, protocol and hostname', () => {
  const { items } = complete(`${head()}  parentRefs:\n  - name: public\n    namespace: infra\n    sectionName: |\n`);
  assert.deepEqual(labels(items), ['http', 'https']);
  assert.equal(items[1].detail, 'port 443 · HTTPS · *.example.com');
  // Written in any order, the port narrowing the listeners.
  assert.deepEqual(labels(complete(`${head()}  parentRefs:\n  - sectionName: |\n    port: 443\n    name: public\n    namespace: infra\n`).items), ['https']);
  // The route's namespace by default: shop/public does not exist.
  assert.deepEqual(complete(`${head()}  parentRefs:\n  - name: public\n    sectionName: |\n`).items, []);
  // The second parentRef reads its own item, not the first's.
  const second = complete(`${head('infra')}  parentRefs:\n  - name: waypoint\n    namespace: mesh\n  - name: extra\n    kind: ListenerSet\n    sectionName: |\n`).items;
  assert.deepEqual(labels(second), ['admin']);
});

test('parentRef port: the listener ports', () => {
  const { items } = complete(`${head('infra')}  parentRefs:\n  - name: public\n    port: |\n`);
  assert.deepEqual(labels(items), ['80', '443']);
  assert.equal(items[0].detail, 'http (HTTP)');
});

test('backendRef name and port: the Services of its namespace and that Service\'s ports; mirrors too', () => {
  const rules = (backend: string) => `${head()}  parentRefs:\n  - name: public\n  rules:\n  - backendRefs:\n${backend}`;
  assert.deepEqual(labels(complete(rules('    - name: |\n')).items), ['web', 'web-canary']);
  assert.deepEqual(labels(complete(rules('    - namespace: data\n      name: |\n')).items), ['db']);
  const ports = complete(rules('    - name: db\n      namespace: data\n      port: |\n')).items;
  assert.deepEqual(labels(ports), ['5432']);
  assert.equal(ports[0].detail, 'tcp');
  assert.deepEqual(complete(rules('    - name: web\n      kind: ServiceImport\n      port: |\n')).items, [], 'not a Service');
  const mirror = `${head()}  rules:\n  - filters:\n    - type: RequestMirror\n      requestMirror:\n        backendRef:\n          name: |\n`;
  assert.deepEqual(labels(complete(mirror).items), ['web', 'web-canary']);
});

test('nothing from the workspace outside Gateway API routes, and no namespace edit on the last line', () => {
  const vs = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  parentRefs:\n  - name: |\n`;
  assert.deepEqual(complete(vs).items, []);
  assert.deepEqual(complete(`${head()}  parentRefs:\n  - name: |`).items.find((i) => i.label === 'waypoint')?.additionalTextEdits, undefined);
  assert.deepEqual(complete(`${head()}  hostnames:\n  - |\n`).items, []);
});

test('completion reads the newer editor text for the route, the engine for the rest', () => {
  const engine = gatewayApiWorkspace({ 'c.yaml': head() });
  const { text, offset } = withCursor(`${head()}  parentRefs:\n  - name: public\n    namespace: infra\n    sectionName: |\n`);
  const items = doComplete(engine, uriOf('c.yaml'), offset, { text, lines: new LineIndex(text) }).items;
  assert.deepEqual(labels(items), ['http', 'https']);
});
