import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isConfigFile, readRepoConfig } from '../../server/src/engine/config/repo-config';
import { createEngine } from '../../server/src/engine/engine';
import { repoRoot, testCatalog } from '../helpers/catalog';

/** Each finding as `"text it covers": message`. */
function problems(text: string): string[] {
  return readRepoConfig(text).findings.map((f) => `${JSON.stringify(text.slice(f.range.start, f.range.end))}: ${f.message}`);
}

test('a well-formed configuration file is read into typed values, with no finding', () => {
  const reading = readRepoConfig(
    'environments:\n  dev: [envs/dev/**]\n  prod: ["envs/prod"]\ndefaultNamespace: shop\nexclude: [charts/**]\nseverity:\n  IY0103: off\n  IST0132: error\nmeshConfig: mesh.yaml\nsuppress: ["IST0101=VirtualService a.*"]\n',
  );
  assert.deepEqual(reading.findings, []);
  assert.deepEqual(reading.config, {
    environments: [
      { name: 'dev', globs: ['envs/dev/**'] },
      { name: 'prod', globs: ['envs/prod'] },
    ],
    defaultNamespace: 'shop',
    exclude: ['charts/**'],
    severity: { IY0103: 'off', IST0132: 'error' },
    meshConfig: 'mesh.yaml',
    suppress: ['IST0101=VirtualService a.*'],
  });
});

test('bad values are findings on the values themselves; the good ones still apply', () => {
  const text = [
    'environmnts: {}',
    'environments:',
    '  dev: [envs/dev, "/abs", "a/{b", "../x"]',
    '  prod: []',
    'defaultNamespace: Shop',
    'exclude: [a, 3]',
    'severity:',
    '  IST0101: loud',
    '  IST9999: off',
    '  IY0107: off',
    'suppress: ["nonsense", "IST0101=VirtualService a.b"]',
    '',
  ].join('\n');
  assert.deepEqual(problems(text).sort(), [
    '"3": exclude.1 must be a string',
    '"IST9999": unknown code IST9999 in severity',
    '"Shop": defaultNamespace: "Shop" is not a Kubernetes namespace name (lower-case letters, digits and -)',
    '"[]": environments.prod needs at least one glob',
    '"\\"../x\\"": environment dev: glob ../x must stay inside the folder of .istio-yaml.yaml (no ..)',
    '"\\"/abs\\"": environment dev: glob /abs must be relative to the folder of .istio-yaml.yaml (no leading /)',
    '"\\"a/{b\\"": environment dev: glob a/{b has unbalanced braces',
    '"\\"nonsense\\"": suppress: "nonsense" is not in istioctl\'s form "CODE=Kind name.namespace"',
    '"environmnts": unknown key environmnts in .istio-yaml.yaml: did you mean environments?',
    '"loud": severity.IST0101 must be one of error, warning, info, hint, off',
  ]);
  const { config, findings } = readRepoConfig(text);
  assert.ok(findings.every((f) => f.code === 'IY0004' && f.severity === 'error'));
  assert.deepEqual(config, {
    environments: [{ name: 'dev', globs: ['envs/dev'] }],
    exclude: ['a'],
    severity: { IY0107: 'off' },
    suppress: ['IST0101=VirtualService a.b'],
  });
});

test('never throws: broken YAML, a list, scalars, empty text, aliases', () => {
  for (const text of ['a: [\n', '- a\n- b\n', '42', '', '---\n---\n', 'environments: &a [*a]\n', 'severity: {IST0101: [x]}\n', '\t\u0000']) {
    assert.doesNotThrow(() => readRepoConfig(text), text);
  }
  assert.match(problems('- a\n')[0], /must be a map of settings/);
  assert.match(problems('a: [\n')[0], /YAML:/);
  assert.deepEqual(problems(''), []);
});

test('the engine reports a configuration file\'s problems on it, and never reads it as a manifest', () => {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile('file:///r/.istio-yaml.yaml', 'apiVersion: networking.istio.io/v1\nkind: Gateway\nseverity: {IST0101: loud}\n');
  const codes = engine.diagnose('file:///r/.istio-yaml.yaml').map((f) => f.code);
  assert.ok(codes.length > 0 && codes.every((c) => c === 'IY0004'), codes.join());
});

test('a meshConfig the workspace does not hold is reported on the configuration file', () => {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile('file:///r/.istio-yaml.yaml', 'meshConfig: mesh/config.yaml\n');
  const [problem] = engine.diagnose('file:///r/.istio-yaml.yaml');
  assert.equal(problem?.code, 'IY0004');
  assert.match(problem.message, /meshConfig: mesh\/config.yaml/);
  engine.setFile('file:///r/mesh/config.yaml', 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n');
  assert.deepEqual(engine.diagnose('file:///r/.istio-yaml.yaml'), []);
});

test('the YAML extension is given the schema file the reader validates with', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: '.istio-yaml.yaml', url: './schemas/istio-yaml-config.schema.json' }]);
  assert.ok(isConfigFile('file:///a/b/.istio-yaml.yaml') && !isConfigFile('file:///a/b/istio-yaml.yaml'));
});
