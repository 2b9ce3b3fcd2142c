// The extension seen through VS Code's API, inside code-server's extension host: the same checks a
// @vscode/test-electron suite makes, against the extension installed from the .vsix.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const extensionId = 'istio-yaml.istio-yaml';

function workspaceFile(name) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Resolves with the diagnostics of `uri` once `accept` holds for them (event-driven, bounded). */
function diagnosticsWhen(uri, accept, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const test = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      clearTimeout(timer);
      listener.dispose();
      resolve(current);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) test();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`);
      reject(new Error(`diagnostics of ${path.basename(uri.path)} never matched; last: ${seen.join(', ') || 'none'}`));
    }, timeoutMs);
    test();
  });
}

function lineOf(document, text) {
  for (let i = 0; i < document.lineCount; i++) if (document.lineAt(i).text.includes(text)) return i;
  throw new Error(`"${text}" not in ${document.uri.path}`);
}

suite('Istio YAML in the extension host', () => {
  test('the extension is installed and active', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    await extension.activate();
    assert.ok(extension.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['istio.restartServer', 'istio.traceRequest', 'istio.showTraffic']) assert.ok(commands.includes(command), `${command} is not registered`);
  });

  test('bookinfo.yaml gets IST0132, IST0101 and IST0106 on the marked lines', async () => {
    await vscode.workspace.openTextDocument(workspaceFile('gateway.yaml'));
    const document = await vscode.workspace.openTextDocument(workspaceFile('bookinfo.yaml'));
    await vscode.window.showTextDocument(document);
    const want = {
      IST0132: { line: lineOf(document, '# IST0132'), severity: vscode.DiagnosticSeverity.Warning },
      IST0101: { line: lineOf(document, '# IST0101'), severity: vscode.DiagnosticSeverity.Error },
      IST0106: { line: lineOf(document, '# IST0106'), severity: vscode.DiagnosticSeverity.Error },
    };
    const found = await diagnosticsWhen(document.uri, (all) => Object.keys(want).every((code) => all.some((d) => codeOf(d) === code)));
    for (const [code, { line, severity }] of Object.entries(want)) {
      const diagnostic = found.find((d) => codeOf(d) === code);
      assert.equal(diagnostic.range.start.line, line, `${code} line`);
      assert.equal(diagnostic.severity, severity, `${code} severity`);
    }
  });

  test('an istioctl check added for Sidecars shows on both resources, each naming the other as related', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('sidecars.yaml'));
    await vscode.window.showTextDocument(document);
    const found = await diagnosticsWhen(document.uri, (all) => all.filter((d) => codeOf(d) === 'IST0111').length === 2);
    const lines = found.filter((d) => codeOf(d) === 'IST0111').map((d) => d.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [lineOf(document, 'name: default'), lineOf(document, 'name: legacy')]);
    for (const diagnostic of found) {
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      const related = diagnostic.relatedInformation ?? [];
      assert.equal(related.length, 1, 'the other Sidecar is the related location');
      assert.equal(related[0].location.uri.toString(), document.uri.toString());
      assert.notEqual(related[0].location.range.start.line, diagnostic.range.start.line);
    }
  });

  test('completion in an http route offers the route fields', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('ratings.yaml'));
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '    '));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, document.lineAt(document.lineCount - 1).range.end);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    for (const field of ['match', 'timeout', 'retries']) assert.ok(labels.includes(field), `no "${field}" in ${labels.join(', ')}`);
    assert.ok(!labels.includes('route'), '"route" is already present');
  });

  test('hover on a VirtualService "hosts" key shows its description', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('bookinfo.yaml'));
    const line = lineOf(document, 'hosts:');
    const position = new vscode.Position(line, document.lineAt(line).text.indexOf('hosts') + 2);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /The destination hosts to which traffic is being sent/);
  });

  test('the istio-gateway snippet is offered in an empty YAML file', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
    const snippet = list.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'istio-gateway');
    assert.ok(snippet, 'no istio-gateway snippet');
    const body = snippet.insertText instanceof vscode.SnippetString ? snippet.insertText.value : String(snippet.insertText);
    assert.match(body, /^kind: Gateway$/m);
  });
});
