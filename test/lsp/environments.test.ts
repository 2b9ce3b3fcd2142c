import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { repoRoot } from '../helpers/catalog';
import { closeAllClientsAndCheck, LspClient } from './lsp-client';

after(closeAllClientsAndCheck);

const testTimeoutMs = 30_000;
const fixture = path.join(repoRoot, 'test', 'fixtures', 'environments', 'configured');

/** A copy of the configured-environments fixture in a temporary workspace folder. */
function workspace(t: TestContext) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-envs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(fixture, dir, { recursive: true });
  return { dir, uri: (name: string) => URI.file(path.join(dir, name)).toString(), write: (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text) };
}

test('the server reads .istio-yaml.yaml: environments, its values over the editor\'s, its own findings, and follows its changes', { timeout: testTimeoutMs }, async (t) => {
  const ws = workspace(t);
  const { client } = await LspClient.start({ workspaceFolders: [URI.file(ws.dir).toString()], workspaceCapabilities: true });
  t.after(() => client.close());
  client.istioSettings = {};
  /** The diagnostics published for `uri` once they satisfy `predicate` (already, or when next published). */
  const published = async (uri: string, predicate: (d: Array<{ code?: string | number; message: unknown }>) => boolean) => {
    const last = client.lastDiagnostics(uri);
    return last && predicate(last) ? last : client.waitForDiagnostics(uri, predicate, 15_000);
  };
  const shared = await published(ws.uri('base/ratings-route.yaml'), (d) => d.length > 0);
  assert.deepEqual(shared.map((d) => String(d.message).replace(/^.*\. /, '')), ['(in environment prod)']);
  const prod = await published(ws.uri('envs/prod/destination-rules.yaml'), (d) => d.length > 0);
  assert.deepEqual(prod.map((d) => d.code), ['IST0101']);
  assert.equal(client.lastDiagnostics(ws.uri('envs/dev/gateway.yaml')), undefined, 'no conflict between the environments\' Gateways');
  assert.equal(client.lastDiagnostics(ws.uri('.istio-yaml.yaml')), undefined, 'a good configuration file gets no finding');

  // The file's severity wins over the editor's default; a bad value is reported on the file.
  const lowered = client.waitForDiagnostics(ws.uri('envs/prod/destination-rules.yaml'), (d) => d.length === 1 && d[0].severity === 2);
  const own = client.waitForDiagnostics(ws.uri('.istio-yaml.yaml'), (d) => d.length > 0);
  ws.write('.istio-yaml.yaml', 'environments:\n  dev: [envs/dev/**]\n  prod: [envs/prod]\nseverity:\n  IST0101: warning\n  IST9999: off\n');
  await client.filesChanged([{ uri: ws.uri('.istio-yaml.yaml'), type: FileChangeType.Changed }]);
  await lowered;
  const problems = await own;
  assert.deepEqual(problems.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['IY0004', 5, 2]]);

  // Without the file, the repository is one cluster again: the Gateways conflict.
  const conflict = client.waitForDiagnostics(ws.uri('envs/dev/gateway.yaml'), (d) => d.some((x) => x.code === 'IST0145'));
  fs.rmSync(path.join(ws.dir, '.istio-yaml.yaml'));
  await client.filesChanged([{ uri: ws.uri('.istio-yaml.yaml'), type: FileChangeType.Deleted }]);
  await conflict;
});
