import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { createEngine } from '../../server/src/engine/engine';
import { testCatalog } from '../helpers/catalog';
import { findingsIn, uriOf } from '../helpers/engine';

/** A field and a value Istio added after the release our schemas describe, and a wrong type that no release accepts. */
const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: trust
spec:
  action: ALLOW
  rules:
  - from:
    - source:
        trustDomains: ["partner.example"]
    when:
    - key: request.headers[x-tenant]
      values: 7
---
apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata:
  name: patch
spec:
  configPatches:
  - applyTo: CLUSTER
    patch:
      operation: MERGE_AND_REPLACE_LIST
      value: {}
`;

function engineWithSeverity(unknownFieldSeverity?: 'error' | 'warning') {
  const engine = createEngine({ catalog: testCatalog(), unknownFieldSeverity });
  engine.setFile(uriOf('p.yaml'), policy);
  return engine;
}

test('unknown fields and values name the Istio release our schemas describe', () => {
  const found = findingsIn(engineWithSeverity(), 'p.yaml');
  const byText = new Map(found.map((f) => [f.text, f]));
  const version = testCatalog().istioVersion;
  assert.match(version, /^1\.\d+$/);
  for (const text of ['trustDomains', 'MERGE_AND_REPLACE_LIST']) {
    const f = byText.get(text);
    assert.ok(f, `no finding on ${text}`);
    assert.equal(f.severity, 'error');
    assert.ok(f.message.includes(`(Our schemas: Istio ${version}.)`), f.message);
  }
  // A wrong type is wrong on every release: no version note.
  const typed = found.find((f) => f.message.startsWith('Expected'));
  assert.ok(typed && !typed.message.includes('Our schemas'), typed?.message);
});

test('the unknown-field severity lowers only unknown fields and values', () => {
  const found = findingsIn(engineWithSeverity('warning'), 'p.yaml');
  const severities = Object.fromEntries(found.map((f) => [f.text.split('\n')[0], f.severity]));
  assert.equal(severities.trustDomains, 'warning');
  assert.equal(severities.MERGE_AND_REPLACE_LIST, 'warning');
  assert.equal(found.find((f) => f.message.startsWith('Expected'))?.severity, 'error');
});

test('configure() switches the unknown-field severity of an engine already holding files', () => {
  const engine = engineWithSeverity();
  assert.equal(findingsIn(engine, 'p.yaml').find((f) => f.text === 'trustDomains')?.severity, 'error');
  engine.configure({ unknownFieldSeverity: 'warning' });
  assert.equal(findingsIn(engine, 'p.yaml').find((f) => f.text === 'trustDomains')?.severity, 'warning');
});

test('the CLI flag --unknown-field-severity warning makes such a file pass', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-age-'));
  try {
    const file = path.join(dir, 'p.yaml');
    fs.writeFileSync(file, policy.replace('values: 7', 'values: ["7"]'));
    const run = (...flags: string[]) => {
      let stdout = '';
      const code = runCli(['check', ...flags, file], testCatalog, { stdout: (s) => (stdout += s), stderr: () => undefined });
      return { code, stdout };
    };
    const strict = run();
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /error IST0106 .*Unknown field "trustDomains"/);
    const lenient = run('--unknown-field-severity', 'warning');
    assert.equal(lenient.code, 0, lenient.stdout);
    assert.match(lenient.stdout, /warning IST0106 .*Unknown field "trustDomains"/);
    assert.equal(run('--unknown-field-severity', 'loud').code, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
