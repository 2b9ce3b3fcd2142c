import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CompletionItemKind,
  CompletionRequest,
  DiagnosticSeverity,
  DocumentSymbolRequest,
  HoverRequest,
  MarkupKind,
  TextDocumentSyncKind,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, virtualService } from '../helpers/manifests';
import { closeAllClientsAndCheck, LspClient, type ClientOptions } from './lsp-client';
import { positionOf } from '../helpers/positions';

// A client left open keeps its server, and so this file's process, alive: close any and fail.
after(closeAllClientsAndCheck);

async function startClient(t: TestContext, options?: ClientOptions) {
  const started = await LspClient.start(options);
  // Runs whether the test passed or failed, so no server outlives its test.
  t.after(() => started.client.close());
  return started;
}

/** 0-based position of the `occurrence`-th `needle` in `text` (computed here, independently of the server). */

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

/** Every wait has its own timeout; this one catches anything else that could hang. */
const testTimeoutMs = 30_000;

const ist0101Href = 'https://istio.io/latest/docs/reference/config/analysis/ist0101/';

/** Gateway in istio-system, a VirtualService in default naming it by plain name, a missing subset, a bad timeout. */
const manifest = docs(
  gateway('bookinfo-gateway', 'istio-system', ['*']),
  virtualService('reviews', 'default', ['reviews'], ['bookinfo-gateway'], `  http:
  - route:
    - destination:
        host: reviews
        subset: v9
    timeout: soon
`),
);

const reviewsRule = destinationRule('reviews', 'default', 'reviews', ['v9']);

function completionItems(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  assert.ok(result, 'completion returned null');
  return Array.isArray(result) ? result : result.items;
}

test('initialize advertises incremental sync, completion, hover and document symbols', { timeout: testTimeoutMs }, async (t) => {
  const { initializeResult } = await startClient(t);
  const caps = initializeResult.capabilities;
  assert.equal(caps.textDocumentSync, TextDocumentSyncKind.Incremental);
  assert.ok(caps.completionProvider, 'no completionProvider');
  assert.deepEqual(caps.completionProvider.triggerCharacters?.slice().sort(), [' ', ':']);
  assert.equal(caps.hoverProvider, true);
  assert.equal(caps.documentSymbolProvider, true);
  assert.equal(initializeResult.serverInfo?.name, 'istio-yaml-language-server');
});

test('initialize names the server with the version of package.json', { timeout: testTimeoutMs }, async (t) => {
  const { initializeResult } = await startClient(t);
  // Read from the file here, not from the server's sources, so a bundle that lost or hard-codes the version fails.
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(initializeResult.serverInfo, { name: 'istio-yaml-language-server', version });
});

test('a multi-document manifest gets IST0101 for the gateway and the subset and IST0106 for the schema error', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/manifest.yaml';
  const diagnostics = await client.open(uri, manifest);

  assert.deepEqual(codes(diagnostics), ['IST0101', 'IST0101', 'IST0106']);
  for (const d of diagnostics) {
    assert.equal(d.source, 'istio-yaml');
    assert.equal(d.severity, DiagnosticSeverity.Error);
  }

  const gatewayRef = positionOf(manifest, 'bookinfo-gateway', 1); // the entry in `gateways`, not the Gateway's name
  const gatewayFinding = diagnostics.find((d) => d.range.start.line === gatewayRef.line);
  assert.ok(gatewayFinding, `no diagnostic on line ${gatewayRef.line}`);
  assert.equal(gatewayFinding.code, 'IST0101');
  assert.deepEqual(gatewayFinding.range, { start: gatewayRef, end: { line: gatewayRef.line, character: gatewayRef.character + 'bookinfo-gateway'.length } });
  assert.equal(gatewayFinding.codeDescription?.href, ist0101Href);
  assert.match(messageOf(gatewayFinding), /istio-system\/bookinfo-gateway/);
  const gatewayName = positionOf(manifest, 'bookinfo-gateway', 0);
  assert.equal(gatewayFinding.relatedInformation?.length, 1);
  const related = gatewayFinding.relatedInformation[0];
  assert.equal(related.location.uri, uri);
  assert.equal(related.location.range.start.line, gatewayName.line);
  assert.equal(related.location.range.start.character, gatewayName.character);
  assert.match(related.message, /Gateway istio-system\/bookinfo-gateway/);

  const subset = positionOf(manifest, 'v9');
  const subsetFinding = diagnostics.find((d) => d.range.start.line === subset.line);
  assert.ok(subsetFinding, `no diagnostic on line ${subset.line}`);
  assert.equal(subsetFinding.code, 'IST0101');
  assert.deepEqual(subsetFinding.range, { start: subset, end: { line: subset.line, character: subset.character + 2 } });
  assert.equal(subsetFinding.codeDescription?.href, ist0101Href);

  const timeout = positionOf(manifest, 'soon');
  const schemaFinding = diagnostics.find((d) => d.code === 'IST0106');
  assert.ok(schemaFinding);
  assert.deepEqual(schemaFinding.range, { start: timeout, end: { line: timeout.line, character: timeout.character + 4 } });
  assert.equal(schemaFinding.codeDescription?.href, 'https://istio.io/latest/docs/reference/config/analysis/ist0106/');
  assert.deepEqual(client.loggedErrors, []);
});

test('an edit that qualifies the gateway name removes that finding, and only that one', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/manifest.yaml';
  await client.open(uri, manifest);

  // Incremental change: insert "istio-system/" before the plain name in `gateways`.
  const at = positionOf(manifest, 'bookinfo-gateway', 1);
  const after = await client.change(uri, { range: { start: at, end: at }, text: 'istio-system/' });
  assert.deepEqual(codes(after), ['IST0101', 'IST0106']);
  assert.equal(after.find((d) => d.code === 'IST0101')?.range.start.line, positionOf(manifest, 'subset: v9').line);
  assert.ok(!after.some((d) => d.range.start.line === at.line), 'a diagnostic is still on the gateways line');

  // A full-text change back to the original brings the finding back.
  const reverted = await client.change(uri, { text: manifest });
  assert.deepEqual(codes(reverted), ['IST0101', 'IST0101', 'IST0106']);
});

test('a DestinationRule opened in another document defines the subset (cross-document), and closing it undoes that', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const vsUri = 'file:///work/vs.yaml';
  const drUri = 'file:///work/dr.yaml';
  const subsetLine = positionOf(manifest, 'subset: v9').line;
  const hasSubsetFinding = (ds: Diagnostic[]) => ds.some((d) => d.code === 'IST0101' && d.range.start.line === subsetLine);

  assert.ok(hasSubsetFinding(await client.open(vsUri, manifest)));

  // The rule has a mistake of its own, so closing it must visibly clear its diagnostics.
  const rule = reviewsRule.replace('spec:\n', 'spec:\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBN\n');
  const vsWithoutSubsetFinding = client.waitForDiagnostics(vsUri, (ds) => !hasSubsetFinding(ds));
  const drDiagnostics = await client.open(drUri, rule);
  assert.deepEqual(codes(drDiagnostics), ['IST0106']);
  assert.equal(drDiagnostics[0].range.start.line, positionOf(rule, 'ROUND_ROBN').line);
  const vsAfter = await vsWithoutSubsetFinding;
  assert.deepEqual(codes(vsAfter), ['IST0101', 'IST0106']);

  const drCleared = client.waitForDiagnostics(drUri, (ds) => ds.length === 0);
  const subsetBack = client.waitForDiagnostics(vsUri, hasSubsetFinding);
  await client.closeDocument(drUri);
  await drCleared;
  assert.deepEqual(codes(await subsetBack), ['IST0101', 'IST0101', 'IST0106']);
});

test('completion in an http route offers HTTPRoute fields with text edits', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/complete.yaml';
  const text = virtualService('reviews', 'default', ['reviews'], [], '  http:\n  - \n');
  await client.open(uri, text);
  const position = { line: positionOf(text, '  - \n').line, character: 4 };

  const items = completionItems(await client.request(CompletionRequest.type, { textDocument: { uri }, position }));
  const labels = items.map((i) => i.label);
  for (const expected of ['route', 'match', 'timeout', 'retries', 'rewrite']) assert.ok(labels.includes(expected), `no ${expected} in ${labels.join(', ')}`);
  assert.ok(!labels.includes('hosts'), 'a field of spec offered inside an http route');
  for (const item of items) {
    const edit = item.textEdit as TextEdit | undefined;
    assert.ok(edit && 'range' in edit, `${item.label} has no textEdit`);
    assert.deepEqual(edit.range, { start: position, end: position });
  }
  const route = items.find((i) => i.label === 'route');
  assert.equal((route?.textEdit as TextEdit).newText, 'route:\n      - $0');
  assert.equal(route?.kind, CompletionItemKind.Property);
});

test('completion after "simple: " in a DestinationRule loadBalancer offers the enum values', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/dr.yaml';
  const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: 
`;
  await client.open(uri, text);
  const position = { line: positionOf(text, 'simple: ').line, character: '      simple: '.length };
  const items = completionItems(await client.request(CompletionRequest.type, { textDocument: { uri }, position }));
  const labels = items.map((i) => i.label);
  for (const expected of ['ROUND_ROBIN', 'LEAST_REQUEST', 'RANDOM', 'PASSTHROUGH']) assert.ok(labels.includes(expected), `no ${expected} in ${labels.join(', ')}`);
  assert.ok(items.every((i) => i.kind === CompletionItemKind.EnumMember), 'only enum values belong after simple:');
  const roundRobin = items.find((i) => i.label === 'ROUND_ROBIN');
  assert.deepEqual(roundRobin?.textEdit, { range: { start: position, end: position }, newText: 'ROUND_ROBIN' });
});

test('hover on a key shows its description and a link to the istio.io reference', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/manifest.yaml';
  await client.open(uri, manifest);
  const key = positionOf(manifest, 'timeout:');
  const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: key.line, character: key.character + 2 } });
  assert.ok(hover, 'hover returned null');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  assert.match(contents.value, /\*\*timeout\*\*/);
  assert.match(contents.value, /Timeout for HTTP requests, default is disabled\./);
  assert.match(contents.value, /\]\(https:\/\/istio\.io\/[^)]*virtual-service[^)]*\)/);
  assert.deepEqual(hover.range, { start: key, end: { line: key.line, character: key.character + 'timeout'.length } });
});

test('document symbols: one per resource, named "Kind ns/name"', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/manifest.yaml';
  await client.open(uri, manifest);
  const result = await client.request(DocumentSymbolRequest.type, { textDocument: { uri } });
  assert.ok(result);
  const symbols = result as Array<DocumentSymbol | SymbolInformation>;
  assert.deepEqual(symbols.map((s) => s.name), ['Gateway istio-system/bookinfo-gateway', 'VirtualService default/reviews']);
  const [gw, vs] = symbols as DocumentSymbol[];
  const marker = positionOf(manifest, '---').line;
  assert.equal(gw.range.start.line, 0);
  assert.ok(gw.range.end.line <= marker, `Gateway symbol runs into the next document (ends on line ${gw.range.end.line})`);
  // The second document may start at its `---` marker or at its first key; both are inside it.
  assert.ok(vs.range.start.line === marker || vs.range.start.line === marker + 1, `VirtualService symbol starts on line ${vs.range.start.line}`);
  assert.equal(vs.range.end.line, manifest.split('\n').length - 1);
  assert.deepEqual(gw.selectionRange.start, positionOf(manifest, 'bookinfo-gateway'));
  const vsName = positionOf(manifest, 'name: reviews');
  assert.deepEqual(vs.selectionRange, { start: { line: vsName.line, character: vsName.character + 6 }, end: { line: vsName.line, character: vsName.character + 13 } });
});

test('settings are pulled from section "istio": defaultNamespace changes resolution, enable: false clears diagnostics', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const uri = 'file:///work/no-namespace.yaml';
  const text = docs(gateway('gw', 'istio-system', ['*']), virtualService('vs', undefined, ['a.example.com'], ['gw']));
  const gatewayLine = positionOf(text, '- gw').line;

  const initial = await client.open(uri, text);
  assert.deepEqual(codes(initial), ['IST0101']);
  assert.equal(initial[0].range.start.line, gatewayLine);
  assert.match(messageOf(initial[0]), /not found in namespace default/);
  assert.ok(client.configurationRequests.length >= 1, 'the server never asked for its settings');
  assert.ok(client.configurationRequests.every((items) => items.some((item) => item.section === 'istio')));

  client.istioSettings = { defaultNamespace: 'istio-system' };
  const resolved = client.waitForDiagnostics(uri, (ds) => ds.length === 0);
  const requestsBefore = client.configurationRequests.length;
  await client.changeConfiguration();
  await resolved;
  assert.ok(client.configurationRequests.length > requestsBefore, 'didChangeConfiguration did not re-pull the settings');
  const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((s) => s.name), ['Gateway istio-system/gw', 'VirtualService istio-system/vs']);

  // A reference to a Gateway that exists nowhere; then only `enable` changes, and disabling clears it.
  const broken = await client.change(uri, { text: text.replace('- gw', '- missing') });
  assert.deepEqual(codes(broken), ['IST0101']);
  client.istioSettings = { defaultNamespace: 'istio-system', enable: false };
  const cleared = client.waitForDiagnostics(uri, (ds) => ds.length === 0);
  await client.changeConfiguration();
  await cleared;
  const completion = await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line: gatewayLine, character: 2 } });
  assert.equal(completion, null);

  client.istioSettings = { defaultNamespace: 'istio-system' };
  const back = client.waitForDiagnostics(uri, (ds) => ds.length > 0);
  await client.changeConfiguration();
  assert.deepEqual(codes(await back), ['IST0101']);
});

test('without workspace.configuration the server takes initializationOptions and pushed settings', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t, { configurationCapability: false, initializationOptions: { defaultNamespace: 'istio-system' } });
  const uri = 'file:///work/pushed.yaml';
  const text = docs(gateway('gw', 'istio-system', ['*']), virtualService('vs', undefined, ['a.example.com'], ['gw']));
  assert.deepEqual(await client.open(uri, text), []);

  const found = client.waitForDiagnostics(uri, (ds) => ds.length > 0);
  await client.changeConfiguration({ istio: { defaultNamespace: 'default' } });
  assert.deepEqual(codes(await found), ['IST0101']);
  assert.equal(client.configurationRequests.length, 0);
});

test('non-Istio YAML gets an empty diagnostics list', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-v1
spec:
  replicas: 1
  selector:
    matchLabels:
      app: reviews
  template:
    metadata:
      labels:
        app: reviews
    spec:
      containers:
      - name: reviews
        image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.3
        unknownField: true
`;
  const compose = `services:
  web:
    image: nginx:1.27
    ports:
      - "8080:80"
    gateways: [nope]
  db:
    image: postgres:16
`;
  assert.deepEqual(await client.open('file:///work/deployment.yaml', deployment), []);
  assert.deepEqual(await client.open('file:///work/docker-compose.yml', compose), []);
});

// Known bug (reported): server.ts subscribes to onDidChangeWorkspaceFolders in onInitialized before pulling settings; that getter
// throws for clients without workspace.workspaceFolders, so the handler dies and settings are never pulled.
test('a client without workspaceFolders support still gets its settings pulled, without errors', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t, { workspaceFoldersCapability: false });
  client.istioSettings = { defaultNamespace: 'istio-system' };
  const uri = 'file:///work/no-folders.yaml';
  const text = docs(gateway('gw', 'istio-system', ['*']), virtualService('vs', undefined, ['a.example.com'], ['gw']));
  const settled = client.waitForDiagnostics(uri, (ds) => ds.length === 0);
  await client.open(uri, text);
  await settled;
  assert.ok(client.configurationRequests.length >= 1, 'the server never asked for its settings');
  assert.deepEqual(client.loggedErrors, []);
});

test('shutdown then exit ends the process with code 0', { timeout: testTimeoutMs }, async (t) => {
  const { client } = await startClient(t);
  await client.open('file:///work/manifest.yaml', manifest);
  assert.deepEqual(await client.shutdownAndExit(), { code: 0, signal: null });
});
