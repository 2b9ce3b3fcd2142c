import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/catalog';
import { runCapturing as run, tempTree } from '../helpers/cli-run';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'environments', name);

test('check finds .istio-yaml.yaml in the checked folder: environments, findings naming them, the summary', () => {
  const result = run('check', fixture('configured'));
  assert.equal(result.code, 1);
  assert.doesNotMatch(result.stdout, /IST0145|IY0107/);
  assert.match(result.stdout, /base\/ratings-route\.yaml:12:17 error IST0101 .*\(in environment prod\)\n/);
  assert.match(result.stdout, /envs\/prod\/destination-rules\.yaml:34:17 error IST0101 /);
  assert.match(result.stdout, /7 files checked in 2 environments \(dev, prod\): 3 errors\n$/);
  const ignored = run('check', '--no-config', fixture('configured'));
  assert.match(ignored.stdout, /IST0145/);
  assert.match(ignored.stdout, /6 files checked: /);
});

test('detected Kustomize overlays need no configuration', () => {
  const result = run('check', fixture('detected'));
  assert.match(result.stdout, /\(in environment overlays\/prod\)/);
  assert.match(result.stdout, /in 2 environments \(overlays\/dev, overlays\/prod\)/);
});

test('the configuration file is found in a parent of the checked folder, up to the repository root', (t) => {
  const tree = {
    'repo/.istio-yaml.yaml': 'defaultNamespace: shop\nseverity:\n  IST0101: warning\n',
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/apps/routes.yaml': virtualService('r', undefined, ['ratings'], ['web']),
    '.istio-yaml.yaml': 'severity:\n  IST0101: off\n',
  };
  const dir = tempTree(t, tree);
  const result = run('check', path.join(dir, 'repo', 'apps'));
  // The Gateway `web` is looked for in the configured namespace, and the severity is the file's.
  assert.match(result.stdout, /warning IST0101 \[VirtualService shop\/r\] .*shop/);
  assert.equal(result.code, 0);
  // Above the repository root nothing is looked for: without repo/.istio-yaml.yaml, the outer file is not used.
  fs.rmSync(path.join(dir, 'repo', '.istio-yaml.yaml'));
  assert.match(run('check', path.join(dir, 'repo', 'apps')).stdout, /error IST0101 \[VirtualService default\/r\]/);
});

test('command-line options win over the file; --config names one explicitly', (t) => {
  const dir = tempTree(t, {
    'cfg/other.yaml': 'defaultNamespace: shop\nsuppress: ["IST0101=VirtualService r.*"]\n',
    'apps/routes.yaml': virtualService('r', undefined, ['ratings'], ['web']),
  });
  const named = run('check', '--config', path.join(dir, 'cfg', 'other.yaml'), path.join(dir, 'apps'));
  assert.doesNotMatch(named.stdout, /IST0101/, 'suppressed by the file');
  assert.match(named.stdout, /2 files checked: no problems/);
  const flag = run('check', '--config', path.join(dir, 'cfg', 'other.yaml'), '--namespace', 'ops', '--suppress', 'IST0132=VirtualService x.y', path.join(dir, 'apps'));
  assert.match(run('check', '--no-config', path.join(dir, 'apps')).stdout, /IST0101 \[VirtualService default\/r\]/);
  assert.doesNotMatch(flag.stdout, /IST0101/, 'the file\'s suppressions add to the flags');
  assert.equal(run('check', '--config', path.join(dir, 'nope.yaml'), dir).code, 2);
  // A configuration file among the checked ones is one file, not also a manifest.
  assert.match(run('check', '--config', path.join(dir, 'cfg', 'other.yaml'), dir).stdout, /2 files checked: no problems/);
});

test('--namespace wins over defaultNamespace', (t) => {
  const dir = tempTree(t, { '.istio-yaml.yaml': 'defaultNamespace: shop\n', 'a.yaml': virtualService('r', undefined, ['ratings'], ['web']) });
  assert.match(run('check', dir).stdout, /VirtualService shop\/r/);
  assert.match(run('check', '--namespace', 'ops', dir).stdout, /VirtualService ops\/r/);
});

test('exclude skips files; meshConfig is read relative to the file', (t) => {
  const dir = tempTree(t, {
    '.istio-yaml.yaml': 'exclude: [charts]\nmeshConfig: mesh/mesh.yaml\n',
    'charts/broken.yaml': 'apiVersion: networking.istio.io/v1\nkind: Gateway\nspec: [\n',
    'mesh/mesh.yaml': 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n',
    'ok.yaml': destinationRule('r', undefined, 'ratings', ['v1']),
  });
  const result = run('check', '--format', 'json', dir);
  const files = JSON.parse(result.stdout).diagnostics.map((d: { file: string }) => d.file);
  assert.ok(!files.some((f: string) => f.includes('charts')), files.join());
  assert.ok(!files.some((f: string) => f.endsWith('.istio-yaml.yaml')), result.stdout);
  // Named on the command line, an excluded file is checked.
  assert.match(run('check', path.join(dir, 'charts', 'broken.yaml')).stdout, /broken\.yaml:\d+:\d+ error IY0001/);
});

test('a bad configuration file: findings on its own lines, the exit code of an error, the rest still applies, never a crash', (t) => {
  const dir = tempTree(t, {
    '.istio-yaml.yaml': 'environments:\n  dev: ["/abs"]\nseverity:\n  IST0101: loud\n  IST9999: off\nmeshConfig: missing.yaml\ndefaultNamespace: shop\nbogus: 1\n',
    'a.yaml': virtualService('r', undefined, ['ratings'], ['web'], httpRoute([{ host: 'ratings', subset: 'v1' }])) + '---\n' + destinationRule('r', undefined, 'ratings', ['v1']) + '---\n' + gateway('g', 'shop', ['*']),
  });
  const result = run('check', dir);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  const lines = result.stdout.split('\n').filter((l) => l.includes('.istio-yaml.yaml:'));
  assert.deepEqual(
    lines.map((l) => l.replace(/^.*\.istio-yaml\.yaml:/, '').split(' ').slice(0, 3).join(' ')),
    ['2:9 error IY0004', '4:12 error IY0004', '5:3 error IY0004', '6:13 error IY0004', '8:1 error IY0004'],
  );
  assert.match(result.stdout, /meshConfig: missing\.yaml/);
  assert.match(result.stdout, /VirtualService shop\/r/, 'defaultNamespace still applies');
  for (const text of ['a: [\n', '- x\n', '\u0000\u0001', 'environments: {dev: 3}\n']) {
    fs.writeFileSync(path.join(dir, '.istio-yaml.yaml'), text);
    const broken = run('check', dir);
    assert.equal(broken.stderr, '', text);
    assert.match(broken.stdout, /\.istio-yaml\.yaml:\d+:\d+ error IY0004 /, text);
  }
});
