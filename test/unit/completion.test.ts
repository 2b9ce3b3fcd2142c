import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { LineIndex } from '../../server/src/engine/parse/line-index';
import { engineWith, uriOf, withCursor } from '../helpers/engine';

/** Completion at the `|` in the text. */
function complete(marked: string): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  const engine = engineWith({ 'c.yaml': text });
  return doComplete(engine, uriOf('c.yaml'), offset).items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const edit = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;

const vsHead = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
`;

test('spec fields of a VirtualService on an empty line, with siblings excluded', () => {
  const items = complete(`${vsHead}  hosts:\n  - reviews\n  |\n  gateways:\n  - mesh\n`);
  const names = labels(items);
  for (const expected of ['http', 'tcp', 'tls', 'exportTo']) assert.ok(names.includes(expected), `${expected} missing from ${names}`);
  assert.ok(!names.includes('hosts'), 'sibling above offered again');
  assert.ok(!names.includes('gateways'), 'sibling below offered again');
  const http = items.find((i) => i.label === 'http');
  assert.equal(http?.detail, 'list of object');
  assert.match(String((http?.documentation as { value: string } | undefined)?.value), /HTTP traffic/);
});

test('route fields inside an http rule item, after a partial word', () => {
  const items = complete(`${vsHead}  hosts:\n  - reviews\n  http:\n  - route:\n    - destination:\n        host: reviews\n    ti|\n`);
  const names = labels(items);
  for (const expected of ['match', 'timeout', 'retries', 'fault', 'mirror']) assert.ok(names.includes(expected), `${expected} missing`);
  assert.ok(!names.includes('route'));
  const timeout = items.find((i) => i.label === 'timeout');
  assert.equal(edit(timeout), 'timeout: $0');
  assert.deepEqual((timeout?.textEdit as TextEdit).range.start, { line: 11, character: 4 });
});

test('nested blocks are inserted with the right indentation', () => {
  const items = complete(`${vsHead}  http:\n  - |\n`);
  // Keys of the item start at column 4; their children two columns deeper (inserted as is).
  assert.equal(edit(items.find((i) => i.label === 'route')), 'route:\n      - $0');
  assert.equal(items.find((i) => i.label === 'route')?.insertTextMode, 1);
  assert.equal(edit(items.find((i) => i.label === 'retries')), 'retries:\n      $0');
  assert.equal(edit(items.find((i) => i.label === 'headers')), 'headers:\n      $0');
});

test('fields in a deep block written with indented dashes', () => {
  const items = complete(`${vsHead}  http:\n    - route:\n        - destination:\n            |\n`);
  assert.deepEqual(labels(items).sort(), ['host', 'port', 'subset']);
  assert.equal(items.find((i) => i.label === 'host')?.sortText?.[0], '0', 'required field sorts first');
});

test('enum values and booleans after key: ', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: r
spec:
  host: r
  trafficPolicy:
    loadBalancer:
      simple: |
`;
  const items = complete(dr);
  assert.deepEqual(labels(items), ['UNSPECIFIED', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST']);
  assert.deepEqual(items.find((i) => i.label === 'LEAST_CONN')?.tags, [1], 'deprecated value is tagged');
  const bools = complete(`${vsHead}  http:\n  - corsPolicy:\n      allowCredentials: |\n`);
  assert.deepEqual(labels(bools), ['true', 'false']);
  const enumKey = complete(dr.replace('      simple: |', '      sim|'));
  assert.match(String(edit(enumKey.find((i) => i.label === 'simple'))), /^simple: \$\{1\|UNSPECIFIED,LEAST_CONN,/);
});

test('apiVersion and kind values at the top level', () => {
  const versions = labels(complete('apiVersion: |\n'));
  assert.ok(versions.includes('networking.istio.io/v1'));
  assert.ok(versions.includes('security.istio.io/v1'));
  const forKind = labels(complete('apiVersion: |\nkind: EnvoyFilter\n'));
  assert.deepEqual(forKind, ['networking.istio.io/v1alpha3']);
  const kinds = labels(complete('apiVersion: networking.istio.io/v1\nkind: Virt|\n'));
  assert.ok(kinds.includes('VirtualService') && kinds.includes('Gateway') && !kinds.includes('AuthorizationPolicy'));
});

test('top-level fields in an empty document and in a half-written one', () => {
  // Besides the whole-resource snippets (snippets-placement.test.ts).
  assert.deepEqual(labels(complete('|').filter((i) => i.kind !== CompletionItemKind.Snippet)).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
  const half = labels(complete('apiVersion: networking.istio.io/v1\nkind: Gateway\n|\nspec:\n  servers: [\n'));
  assert.deepEqual(half.sort(), ['metadata', 'status']);
  const metadata = labels(complete('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  |'));
  assert.ok(metadata.includes('name') && metadata.includes('namespace') && metadata.includes('labels'));
});

test('works in the second document of a file', () => {
  const items = complete(`apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\n---\n${vsHead}  |\n`);
  assert.ok(labels(items).includes('gateways'));
  assert.ok(!labels(items).includes('servers'));
});

test('nothing is offered in other YAML, in comments, or in the middle of a value', () => {
  assert.deepEqual(complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n'), []);
  assert.deepEqual(complete(`${vsHead}  # hos|\n`), []);
  assert.deepEqual(complete(`${vsHead}  hosts: [a, |]\n`), []);
});

test('completion answers from newer editor text than the engine holds (an edit not read yet)', () => {
  const old = `${vsHead}  hosts:\n  - reviews\n`;
  const engine = engineWith({ 'c.yaml': old });
  const { text, offset } = withCursor(`${vsHead}  hosts:\n  - reviews\n  http:\n  - route:\n    - destination:\n        host: reviews\n    ti|\n`);
  const items = doComplete(engine, uriOf('c.yaml'), offset, { text, lines: new LineIndex(text) }).items;
  assert.ok(labels(items).includes('timeout'), 'route fields of the new text');
  assert.equal(engine.workspace.file(uriOf('c.yaml'))?.parsed.text, old, 'the engine was not asked to re-read');
});
