import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { defaultMesh, parseMeshConfig } from '../../server/src/engine/model/mesh-config';
import { testCatalog } from '../helpers/catalog';
import { engineWith, findingsIn, uriOf } from '../helpers/engine';
import { meshConfigMap, serviceEntry } from '../helpers/manifests';

/** A TCP port without addresses: IST0134 unless sidecars allocate addresses themselves. */
const tcpServiceEntry = serviceEntry('  - number: 5432\n    name: tcp-postgres\n    protocol: TCP\n');

const meshText = 'rootNamespace: mesh-root\ndefaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n';

/** Sidecars allocate ServiceEntry addresses only when they capture DNS too (istioctl reads both). */
const allocatingMesh = 'defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: "true"\n    ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n';

const configMap = meshConfigMap;

test('MeshConfig settings are read, bad input gives the defaults', () => {
  const read = { rootNamespace: 'mesh-root', dnsCapture: false, dnsAutoAllocate: true, defaultAccessLogProviders: [], extensionProviders: [] };
  assert.deepEqual(parseMeshConfig(meshText), read);
  assert.deepEqual(parseMeshConfig('defaultConfig: {}'), { ...read, rootNamespace: 'istio-system', dnsAutoAllocate: false });
  assert.deepEqual(parseMeshConfig(': : ['), defaultMesh);
  // The whole ConfigMap, as kubectl prints it: its `data.mesh` is read.
  assert.deepEqual(parseMeshConfig(configMap(meshText)), read);
  const providers = 'defaultProviders:\n  accessLogging: [envoy]\nextensionProviders:\n- name: envoy\n  envoyFileAccessLog: {}\n- name: otel\n';
  assert.deepEqual(parseMeshConfig(providers).extensionProviders, ['envoy', 'otel']);
  assert.deepEqual(parseMeshConfig(providers).defaultAccessLogProviders, ['envoy']);
});

test('the istio ConfigMap among the inputs turns DNS auto-allocation on, and editing it re-checks', () => {
  const engine = engineWith({ 'se.yaml': tcpServiceEntry, 'mesh.yaml': configMap('defaultConfig: {}\n') });
  assert.deepEqual(findingsIn(engine, 'se.yaml').map((f) => f.code), ['IST0134']);
  // Auto-allocation without DNS capture allocates nothing.
  engine.setFile(uriOf('mesh.yaml'), configMap(meshText));
  assert.deepEqual(findingsIn(engine, 'se.yaml').map((f) => f.code), ['IST0134']);
  const affected = engine.setFile(uriOf('mesh.yaml'), configMap(allocatingMesh));
  assert.ok(affected.has(uriOf('se.yaml')), 'the ServiceEntry read the ConfigMap, so it is re-checked');
  assert.deepEqual(findingsIn(engine, 'se.yaml'), []);
});

test('istio-yaml check --mesh-config FILE (MeshConfig or ConfigMap)', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-mesh-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'manifests'));
  fs.writeFileSync(path.join(dir, 'manifests', 'se.yaml'), tcpServiceEntry);
  fs.writeFileSync(path.join(dir, 'mesh.yaml'), allocatingMesh);
  fs.writeFileSync(path.join(dir, 'cm.yaml'), configMap(allocatingMesh));
  const run = (args: string[]) => {
    let out = '';
    let err = '';
    const code = runCli(args, testCatalog, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
    return { code, out, err };
  };
  const manifests = path.join(dir, 'manifests');
  assert.match(run(['check', manifests]).out, /IST0134/);
  assert.doesNotMatch(run(['check', '--mesh-config', path.join(dir, 'mesh.yaml'), manifests]).out, /IST0134/);
  assert.doesNotMatch(run(['check', `--mesh-config=${path.join(dir, 'cm.yaml')}`, manifests]).out, /IST0134/);
  assert.equal(run(['check', '--mesh-config', path.join(dir, 'missing.yaml'), manifests]).code, 2);
});
