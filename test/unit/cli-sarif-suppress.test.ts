import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { testCatalog } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';

function run(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, testCatalog, { stdout: (t) => (out += t), stderr: (t) => (err += t) }, '9.9.9');
  return { code, out, err };
}

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-cli-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const manifests = docs(
  gateway('gw', 'istio-system', ['*.bookinfo.com']),
  virtualService('web', 'bookinfo', ['web.example.com'], ['istio-system/gw']),
  virtualService('api', 'bookinfo', ['api.bookinfo.com'], ['gw']),
);

test('--format sarif emits SARIF 2.1.0 with rules, levels and regions', (t) => {
  const dir = tempDir({ 'a.yaml': manifests });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { code, out } = run(['check', '--format', 'sarif', dir]);
  assert.equal(code, 1);
  const sarif = JSON.parse(out) as {
    version: string;
    runs: Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri?: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }>;
  };
  assert.equal(sarif.version, '2.1.0');
  const [runResult] = sarif.runs;
  assert.equal(runResult.tool.driver.name, 'istio-yaml');
  assert.equal(runResult.tool.driver.version, '9.9.9');
  assert.deepEqual(runResult.tool.driver.rules.map((r) => r.id), ['IST0101', 'IST0132']);
  assert.equal(runResult.tool.driver.rules[0].helpUri, 'https://istio.io/latest/docs/reference/config/analysis/ist0101/');
  assert.deepEqual(runResult.results.map((r) => [r.ruleId, r.level]).sort(), [['IST0101', 'error'], ['IST0132', 'warning']]);
  const lines = manifests.split('\n');
  for (const result of runResult.results) {
    const loc = result.locations[0].physicalLocation;
    assert.ok(loc.artifactLocation.uri.endsWith('a.yaml'));
    assert.match(lines[loc.region.startLine - 1], /^  - /, 'region points at the gateways entry');
  }
});

test('--suppress CODE=Kind name.namespace drops matching findings, with * wildcards', (t) => {
  const dir = tempDir({ 'a.yaml': manifests });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const all = run(['check', dir]);
  assert.match(all.out, /IST0101/);
  assert.match(all.out, /IST0132/);
  const one = run(['check', '--suppress', 'IST0101=VirtualService api.bookinfo', dir]);
  assert.equal(one.code, 0, 'only a warning is left');
  assert.doesNotMatch(one.out, /IST0101/);
  assert.match(one.out, /IST0132/);
  const wildcard = run(['check', '-S', 'IST0132=VirtualService *.bookinfo', '--suppress=IST0101=VirtualService *', dir]);
  assert.match(wildcard.out, /no problems/);
  const otherNamespace = run(['check', '--suppress', 'IST0101=VirtualService api.default', dir]);
  assert.match(otherNamespace.out, /IST0101/);
  assert.equal(run(['check', '--suppress', 'nonsense', dir]).code, 2);
});

test('--version prints the version', () => {
  assert.deepEqual(run(['--version']), { code: 0, out: '9.9.9\n', err: '' });
});

test('- reads manifests from standard input, e.g. rendered Helm output', () => {
  let out = '';
  const code = runCli(['check', '-'], testCatalog, { stdout: (t) => (out += t), stderr: () => undefined, readStdin: () => virtualService('vs', undefined, ['a'], ['missing']) });
  assert.equal(code, 1);
  assert.match(out, /^<stdin>:\d+:\d+ error IST0101 /m);
});
