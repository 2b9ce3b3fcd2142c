import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { createEngine } from '../../server/src/engine/engine';
import { parseMeshConfig } from '../../server/src/engine/model/mesh-config';
import { testCatalog } from '../helpers/catalog';
import { envoyLogs, meshConfigMap, telemetry } from '../helpers/policies';

const emptyProviders = (text: string) => check(text).filter((f) => f.code === 'IST0157');
const logs = (entries: string) => telemetry('logs', 'shop', `  accessLogging:\n${entries}`);

test('an access-logging entry without providers, with no mesh default, is a warning on the entry', () => {
  const found = emptyProviders(logs('  - match:\n      mode: SERVER'));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].text, /^match:/);
  assert.match(found[0].message, /The Telemetry logs in namespace shop with empty providers will be ignored/);
});

test('several empty entries make one finding; an empty list counts as none', () => {
  assert.equal(emptyProviders(logs('  - match:\n      mode: SERVER\n  - providers: []')).length, 1);
});

test('named providers, disabled entries and non-access-log sections are fine', () => {
  assert.deepEqual(emptyProviders(telemetry('t', 'shop', envoyLogs)), []);
  assert.deepEqual(emptyProviders(logs('  - disabled: true')), []);
  assert.equal(emptyProviders(logs('  - disabled: false')).length, 1);
  assert.deepEqual(emptyProviders(telemetry('t', 'shop', '  tracing:\n  - randomSamplingPercentage: 5')), []);
});

test('unknown shapes are not judged', () => {
  assert.deepEqual(emptyProviders(logs('  - disabled: ${LOGS_OFF}')), []);
  assert.deepEqual(emptyProviders(logs('  - providers: envoy')), []);
  assert.deepEqual(emptyProviders(telemetry('t', 'shop', '  accessLogging: yes')), []);
});

test('a default access-log provider in the mesh ConfigMap, or given explicitly, silences it', () => {
  const mesh = 'defaultProviders:\n  accessLogging:\n  - envoy\n';
  assert.deepEqual(emptyProviders(docs(meshConfigMap(mesh), logs('  - match:\n      mode: SERVER'))), []);
  const engine = createEngine({ catalog: testCatalog(), mesh: parseMeshConfig(mesh) });
  engine.setFile('file:///t.yaml', logs('  - match:\n      mode: SERVER'));
  assert.deepEqual(engine.diagnose('file:///t.yaml').filter((f) => f.code === 'IST0157'), []);
});
