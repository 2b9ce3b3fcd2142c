import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** One test of the extension-host suite; run in order by ./index.ts. */
export interface ExtensionTest {
  name: string;
  run: () => Promise<void>;
}

const extensionId = 'istio-yaml.istio-yaml';
const fixtureName = 'gateway-namespace.yaml';
const diagnosticsTimeoutMs = 20_000;

function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder: run.ts opens test/vscode/fixtures');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'yaml');
  return document;
}

/** Position of `needle` (plus `delta` characters) in the document's text. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" #${occurrence} not in ${document.uri.fsPath}`);
  }
  return document.positionAt(offset + delta);
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves once the diagnostics of `uri` satisfy `predicate`; re-checks on every diagnostics change, fails at the deadline. */
function waitForDiagnostics(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = diagnosticsTimeoutMs): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let subscription: vscode.Disposable | undefined;
    let timer: NodeJS.Timeout | undefined;
    const finish = () => {
      subscription?.dispose();
      if (timer) clearTimeout(timer);
    };
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!predicate(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    timer = setTimeout(() => {
      finish();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}: ${d.message}`);
      reject(new Error(`diagnostics of ${uri.fsPath} did not match within ${timeoutMs} ms; last seen: ${JSON.stringify(seen)}`));
    }, timeoutMs);
    check();
  });
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

export const tests: ExtensionTest[] = [
  {
    name: 'the extension activates and registers its commands',
    async run() {
      const extension = vscode.extensions.getExtension(extensionId);
      assert.ok(extension, `extension ${extensionId} is not loaded`);
      await extension.activate();
      assert.equal(extension.isActive, true);
      const commands = await vscode.commands.getCommands(true);
      for (const command of ['istio.restartServer', 'istio.showOutput']) assert.ok(commands.includes(command), `command ${command} is not registered`);
    },
  },
  {
    name: 'a Gateway of istio-system named by plain name from default gets IST0101 on the reference',
    async run() {
      const document = await openFixture(fixtureName);
      const diagnostics = await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === 'IST0101'));
      const found = diagnostics.filter((d) => codeOf(d) === 'IST0101');
      assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
      const [diagnostic] = found;
      const reference = positionOf(document, 'bookinfo-gateway', 0, 1); // the entry in `gateways`
      assert.ok(diagnostic.range.start.isEqual(reference), `range starts at ${diagnostic.range.start.line}:${diagnostic.range.start.character}`);
      assert.equal(document.getText(diagnostic.range), 'bookinfo-gateway');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.source, 'istio-yaml');
      assert.match(diagnostic.message, /istio-system\/bookinfo-gateway/);
      const code = diagnostic.code;
      assert.ok(typeof code === 'object' && code !== null, 'the code carries no documentation link');
      assert.equal(code.target.toString(true), 'https://istio.io/latest/docs/reference/config/analysis/ist0101/');
      const related = diagnostic.relatedInformation?.[0];
      assert.ok(related, 'no related information');
      assert.equal(related.location.uri.toString(), document.uri.toString());
      assert.equal(related.location.range.start.line, positionOf(document, 'name: bookinfo-gateway').line);
    },
  },
  {
    name: 'completion in an http route offers route, match and timeout',
    async run() {
      const document = await openFixture(fixtureName);
      await waitForDiagnostics(document.uri, (ds) => ds.length > 0); // the server has the document
      // Right after "  - " of the http item: a key of HTTPRoute.
      const position = positionOf(document, '- route:', 2);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      assert.ok(list, 'no completion list');
      const labels = list.items.map(labelOf);
      for (const expected of ['route', 'match', 'timeout']) assert.ok(labels.includes(expected), `no ${expected} in ${labels.join(', ')}`);
      assert.ok(!labels.includes('gateways'), 'a field of spec offered inside an http route');
    },
  },
  {
    name: 'hover on a key shows its description and the istio.io reference',
    async run() {
      const document = await openFixture(fixtureName);
      await waitForDiagnostics(document.uri, (ds) => ds.length > 0);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'timeout:', 2));
      assert.ok(hovers?.length, 'no hover');
      const text = hoverText(hovers);
      assert.match(text, /Timeout for HTTP requests/);
      assert.match(text, /https:\/\/istio\.io\/[^)\s]*virtual-service/);
    },
  },
];
