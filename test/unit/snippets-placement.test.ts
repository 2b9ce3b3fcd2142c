import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { snippets, type Snippet } from '../../server/src/features/snippet-catalog';
import type { SchemaPathSegment } from '../../server/src/engine/schema/schema-walk';
import { applyTextEdits } from '../helpers/apply-edits';
import { check, engineWith, uriOf, withCursor } from '../helpers/engine';
import { expandSnippetDefaults } from '../helpers/snippets';

/** Completion at the `|` in the text. */
function complete(marked: string): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  return doComplete(engineWith({ 'c.yaml': text }), uriOf('c.yaml'), offset).items;
}

const snippetLabels = (marked: string) => complete(marked).filter((i) => i.kind === CompletionItemKind.Snippet).map((i) => i.label);
const edit = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;
const snippetAt = (marked: string, label: string) => complete(marked).find((i) => i.kind === CompletionItemKind.Snippet && i.label === label);

const resourceLabels = snippets.filter((s) => s.places.some((p) => p.resource)).map((s) => s.prefixes[0]);
const smallSnippets = snippets.filter((s) => !s.places.some((p) => p.resource));
const smallLabels = smallSnippets.map((s) => s.prefixes[0]);

const vsHead = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts:\n  - reviews\n';
const gatewayHead = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  selector:\n    istio: ingressgateway\n';

test('an empty file offers the whole-resource snippets and no smaller one', () => {
  const labels = snippetLabels('|');
  assert.deepEqual(labels.sort(), [...resourceLabels].sort());
  assert.ok(labels.includes('istio-gateway') && labels.includes('gateway-api-httproute'));
  assert.deepEqual(labels.filter((l) => smallLabels.includes(l)), []);
  const gateway = snippetAt('|', 'istio-gateway');
  assert.equal(gateway?.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(gateway?.insertTextMode, InsertTextMode.asIs);
  assert.match(String(edit(gateway)), /^apiVersion: networking\.istio\.io\/v1\nkind: Gateway\n/);
  // Typing the prefix: the word is replaced.
  assert.deepEqual((snippetAt('istio-g|', 'istio-gateway')?.textEdit as TextEdit).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
});

test('after --- and under comments a resource can start; after a resource has begun it cannot', () => {
  assert.deepEqual(snippetLabels(`${vsHead}---\n|`).sort(), [...resourceLabels].sort());
  assert.deepEqual(snippetLabels(`${vsHead}---\n\n|\n`).sort(), [...resourceLabels].sort());
  assert.deepEqual(snippetLabels(`# the ingress\n\n|\n---\n${vsHead}`).sort(), [...resourceLabels].sort());
  assert.deepEqual(snippetLabels('apiVersion: networking.istio.io/v1\n|\n'), []);
  assert.deepEqual(snippetLabels(`${vsHead}|\n`), []);
  assert.deepEqual(snippetLabels('|\nkind: Gateway\n'), []);
  // Not on the `---` being typed, nor indented.
  assert.deepEqual(snippetLabels('---|'), []);
  assert.deepEqual(snippetLabels('  |'), []);
});

test('inside an http route: the route snippets, not the Gateway or VirtualService resource snippets', () => {
  for (const marked of [`${vsHead}  http:\n  - |\n`, `${vsHead}  http:\n  - route:\n    - destination:\n        host: reviews\n    |\n`]) {
    const labels = snippetLabels(marked);
    assert.ok(labels.includes('retry-policy'), `${labels}`);
    for (const resource of resourceLabels) assert.ok(!labels.includes(resource), `${resource} offered inside an http route`);
    assert.ok(!labels.includes('tls-server'), 'a Gateway server snippet in a VirtualService');
  }
  assert.deepEqual(snippetLabels(`${vsHead}  http:\n  - |\n`).sort(), ['http-route', 'retry-policy', 'weighted-destinations']);
  // `route` and `retries` are there already.
  assert.deepEqual(snippetLabels(`${vsHead}  http:\n  - route: []\n    retries: {}\n    |\n`), []);
});

test('an http route snippet becomes a list item wherever the items of http go', () => {
  const route = (marked: string) => edit(snippetAt(marked, 'http-route'));
  // After `- `: the dash typed is the item's.
  assert.equal(route(`${vsHead}  http:\n  - |\n`), 'match:\n    - uri:\n        prefix: ${1:/}\n    route:\n    - destination:\n        host: ${2:my-app}\n        port:\n          number: ${3:8080}');
  // On an empty line under `http:`, indented or at its column: a whole item.
  assert.match(String(route(`${vsHead}  http:\n    |\n`)), /^- match:\n      - uri:\n/);
  assert.match(String(route(`${vsHead}  http:\n  |\n`)), /^- match:\n    - uri:\n/);
  // Where the field http itself could go: the field with its first item.
  assert.match(String(route(`${vsHead}  |\n`)), /^http:\n    - match:\n      - uri:\n/);
  assert.equal(route(`${vsHead}  http:\n  - route: []\n  |\n`), undefined, 'http exists and is not empty above: no second http');
});

test('a Gateway server offers the TLS server block; a Gateway API Gateway does not', () => {
  assert.deepEqual(snippetLabels(`${gatewayHead}  servers:\n  - |\n`), ['tls-server']);
  assert.match(String(edit(snippetAt(`${gatewayHead}  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts: ['*']\n  - |\n`, 'tls-server'))), /^port:\n      number: \$\{1:443\}/);
  const gatewayApi = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  gatewayClassName: istio\n  listeners:\n  - |\n';
  assert.deepEqual(snippetLabels(gatewayApi), []);
});

test('a retry policy fits inside an empty retries, or as the retries field of a route', () => {
  const inside = snippetAt(`${vsHead}  http:\n  - retries:\n      |\n`, 'retry-policy');
  assert.equal(edit(inside), 'attempts: ${1:3}\n      perTryTimeout: ${2:2s}\n      retryOn: ${3:gateway-error,connect-failure,refused-stream}');
  assert.match(String(edit(snippetAt(`${vsHead}  http:\n  - timeout: 5s\n    |\n`, 'retry-policy'))), /^retries:\n      attempts: /);
  assert.deepEqual(snippetLabels(`${vsHead}  http:\n  - retries:\n      attempts: 2\n      |\n`), [], 'retries already has fields');
});

test('no snippet in the middle of a line, at a value, or in a kind it was not written for', () => {
  assert.deepEqual(snippetLabels(`${vsHead}  http:\n  - |x\n`), []);
  assert.deepEqual(snippetLabels(`${vsHead}  http:\n  - timeout: |\n`), []);
  assert.deepEqual(snippetLabels(`apiVersion: example.com/v1\nkind: VirtualService\nspec:\n  http:\n  - |\n`), []);
  assert.deepEqual(snippetLabels(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nspec:\n  host: r\n  subsets:\n  - |\n`), ['dr-subset']);
  assert.deepEqual(snippetLabels(`apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nspec:\n  rules:\n  - |\n`), ['httproute-rule']);
});

// ---------------------------------------------------------------------------
// Every smaller snippet, at every place it declares, in every form of that place: inserted, it parses, puts its
// value at that place, and has no schema finding.

type Form = 'dash' | 'indented' | 'compact' | 'field' | 'inside';

/** The host document for `place`: the keys down to it written in the indentation completion uses, then the cursor line. */
function hostFor(group: string, kind: string, path: readonly SchemaPathSegment[], form: Form): string {
  const atList = path[path.length - 1] === '[]';
  const container = form === 'field' ? path.slice(0, atList ? -2 : -1) : atList ? path.slice(0, -1) : path;
  const lines = [`apiVersion: ${group}/v1`, `kind: ${kind}`, 'metadata:', '  name: x'];
  let column = 0;
  let dash = false;
  for (const segment of container) {
    if (segment === '[]') {
      dash = true;
      continue;
    }
    lines.push(`${' '.repeat(column)}${dash ? '- ' : ''}${String(segment)}:`);
    column += dash ? 4 : 2;
    dash = false;
  }
  const cursor = form === 'dash' || dash ? `${' '.repeat(column)}- |` : form === 'compact' ? `${' '.repeat(column - 2)}|` : `${' '.repeat(column)}|`;
  return [...lines, cursor, ''].join('\n');
}

function valueAt(value: unknown, path: readonly SchemaPathSegment[]): unknown {
  let here = value;
  for (const segment of path) {
    if (segment === '[]') here = Array.isArray(here) ? here[0] : undefined;
    else here = here && typeof here === 'object' && !Array.isArray(here) ? (here as Record<string, unknown>)[String(segment)] : undefined;
  }
  return here;
}

function formsOf(path: readonly SchemaPathSegment[]): Form[] {
  return path[path.length - 1] === '[]' ? ['dash', 'indented', 'compact', 'field'] : ['inside', 'field'];
}

for (const snippet of smallSnippets) {
  for (const place of snippet.places) {
    if (place.resource) continue;
    for (const form of formsOf(place.path)) {
      test(`${snippet.name} at ${place.kind} ${place.path.join('.')} (${form}) inserts valid YAML in its place`, () => {
        checkInserted(snippet, place.group, place.kind, place.path, form);
      });
    }
  }
}

function checkInserted(snippet: Snippet, group: string, kind: string, path: readonly SchemaPathSegment[], form: Form): void {
  const marked = hostFor(group, kind, path, form);
  const item = snippetAt(marked, snippet.prefixes[0]);
  assert.ok(item, `not offered at\n${marked}`);
  const { text } = withCursor(marked);
  const inserted = expandSnippetDefaults(applyTextEdits(text, [item.textEdit as TextEdit]));
  const doc = parseDocument(inserted);
  assert.deepEqual(doc.errors.map((e) => e.message), [], inserted);
  const atList = path[path.length - 1] === '[]';
  const expected: unknown = parseDocument(expandSnippetDefaults(snippet.body)).toJS();
  const actual = valueAt(doc.toJS(), atList ? path.slice(0, -1) : path);
  assert.deepEqual(actual, expected, `not at ${path.join('.')}:\n${inserted}`);
  const cursorLine = marked.slice(0, marked.indexOf('|')).split('\n').length;
  const findings = check(inserted).filter((f) => ['IST0106', 'IY0001', 'IY0002'].includes(f.code) && f.line >= cursorLine);
  assert.deepEqual(findings.map((f) => `${f.code}@${f.line}: ${f.message}`), [], inserted);
}
