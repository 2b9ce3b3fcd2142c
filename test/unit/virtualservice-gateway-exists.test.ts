import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';
import { kubernetesGateway } from '../helpers/gateway-api';
import { findDefinitions } from '../../server/src/features/definition';
import { symbolOccurrences } from '../../server/src/features/references';

const codes = (text: string) => check(text).filter((f) => f.code === 'IST0101');

test('a plain gateway name resolves in the VirtualService namespace', () => {
  const text = docs(gateway('gw', 'default', ['*']), virtualService('vs', undefined, ['a.example.com'], ['gw']));
  assert.deepEqual(codes(text), []);
});

test('a Gateway in another namespace referenced by plain name is not found, and the fix is suggested', () => {
  const text = docs(gateway('bookinfo-gateway', 'istio-system', ['*']), virtualService('vs', 'bookinfo', ['a.example.com'], ['bookinfo-gateway']));
  const found = codes(text);
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'bookinfo-gateway');
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /not found in namespace bookinfo/);
  assert.match(found[0].message, /istio-system\/bookinfo-gateway/);
  assert.equal(found[0].finding.related?.length, 1);
  assert.deepEqual(found[0].finding.resource, { kind: 'VirtualService', namespace: 'bookinfo', name: 'vs' });
});

test('ns/name and the legacy name.ns.svc.cluster.local form are explicit', () => {
  const gw = gateway('gw', 'istio-system', ['*']);
  assert.deepEqual(codes(docs(gw, virtualService('vs', 'app', ['a.b'], ['istio-system/gw']))), []);
  assert.deepEqual(codes(docs(gw, virtualService('vs', 'app', ['a.b'], ['gw.istio-system.svc.cluster.local']))), []);
  const wrongNs = codes(docs(gw, virtualService('vs', 'app', ['a.b'], ['other/gw'])));
  assert.equal(wrongNs.length, 1);
  assert.match(wrongNs[0].message, /not found in namespace other.*exists in namespace istio-system/);
});

test('mesh is reserved and never looked up', () => {
  assert.deepEqual(codes(virtualService('vs', undefined, ['reviews'], ['mesh'])), []);
});

test('a gateway that exists nowhere is reported on its own entry', () => {
  const text = docs(gateway('gw', 'default', ['*']), virtualService('vs', undefined, ['a.b'], ['gw', 'missing', 'mesh']));
  const found = codes(text);
  assert.deepEqual(found.map((f) => f.text), ['missing']);
  assert.match(found[0].message, /Create the Gateway/);
  assert.equal(found[0].finding.related, undefined);
});

test('gateways in http match conditions are checked too', () => {
  const vs = virtualService('vs', undefined, ['a.b'], ['mesh'], '  http:\n  - match:\n    - gateways:\n      - nope\n    route:\n    - destination:\n        host: a\n');
  assert.deepEqual(codes(vs).map((f) => f.text), ['nope']);
});

test('the Gateway may live in another file', () => {
  const engine = engineWith({
    'gw.yaml': gateway('gw', 'istio-system', ['*']),
    'vs.yaml': virtualService('vs', undefined, ['a.b'], ['istio-system/gw', 'gw']),
  });
  const found = findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101');
  assert.deepEqual(found.map((f) => f.text), ['gw']);
  assert.equal(found[0].finding.related?.[0].uri, 'file:///gw.yaml');
  engine.removeFile('file:///gw.yaml');
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 2);
});

test('the default namespace is configurable', () => {
  const text = docs(gateway('gw', 'prod', ['*']), virtualService('vs', undefined, ['a.b'], ['gw']));
  assert.equal(check(text).filter((f) => f.code === 'IST0101').length, 1);
  assert.equal(check(text, 'prod').filter((f) => f.code === 'IST0101').length, 0);
});

// --- Gateway API Gateways and generated internal Gateways -------------------------------------

test('a Gateway API Gateway (v1, v1beta1) is a Gateway a VirtualService can bind to, by plain or ns/ name', () => {
  for (const version of ['v1', 'v1beta1']) {
    const gw = kubernetesGateway('web', 'shop', [{ name: 'http' }], version);
    assert.deepEqual(codes(docs(gw, virtualService('vs', 'shop', ['a.example.com'], ['web']))), []);
    assert.deepEqual(codes(docs(gw, virtualService('vs', 'other', ['a.example.com'], ['shop/web']))), []);
  }
  const misplaced = codes(docs(kubernetesGateway('web', 'shop', [{ name: 'http' }]), virtualService('vs', 'other', ['a.example.com'], ['web'])));
  assert.equal(misplaced.length, 1);
  assert.match(misplaced[0].message, /exists in namespace shop/);
  assert.match(misplaced[0].finding.related?.[0].message ?? '', /Gateway API Gateway shop\/web/);
});

test('a Gateway of another API group or an unread version is not a Gateway', () => {
  const other = kubernetesGateway('web', 'shop', [{ name: 'http' }], 'v0').replace('gateway.networking.k8s.io/v0', 'example.com/v1');
  assert.equal(codes(docs(other, virtualService('vs', 'shop', ['a.example.com'], ['web']))).length, 1);
});

test('./name is not resolved: "." is no namespace', () => {
  const gw = gateway('gw', 'shop', ['*']);
  assert.match(codes(docs(gw, virtualService('vs', 'shop', ['a.b'], ['./gw'])))[0]?.message ?? '', /not found in namespace \..*"\.\/" is no namespace/);
});

test('a reference to a generated internal Gateway is IST0165, with the Gateway API Gateway as the fix', () => {
  const text = docs(
    kubernetesGateway('web', 'edge', [{ name: 'http' }]),
    virtualService('vs', 'shop', ['a.example.com'], ['edge/web~istio-autogenerated-k8s-gateway~http', 'web~istio-autogenerated-k8s-gateway~https']),
  );
  const found = check(text).filter((f) => f.code === 'IST0165' || f.code === 'IST0101');
  assert.deepEqual(found.map((f) => f.code), ['IST0165', 'IST0165']);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /implementation-generated internal Gateway.*"edge\/web"/);
  assert.deepEqual(found[0].finding.data, { fix: 'replace-value', replacement: 'edge/web', preferred: true });
  assert.equal(found[0].finding.related?.length, 1);
  // The second names a Gateway API Gateway that is not in the workspace (web in shop): the fix is offered, not preferred.
  assert.deepEqual(found[1].finding.data, { fix: 'replace-value', replacement: 'web', preferred: false });
});

test('the internal marker counts only in the name part', () => {
  const text = virtualService('vs', 'shop', ['a.example.com'], ['x~istio-autogenerated-k8s-gateway~y/web']);
  assert.deepEqual(check(text).filter((f) => f.code === 'IST0165'), []);
});

test('go to definition and find references follow a reference to a Gateway API Gateway', () => {
  const engine = engineWith({
    'gw.yaml': kubernetesGateway('web', 'edge', [{ name: 'http' }]),
    'vs.yaml': virtualService('vs', 'shop', ['a.example.com'], ['edge/web']),
  });
  const vsText = engine.workspace.file('file:///vs.yaml')?.parsed.text ?? '';
  const offset = vsText.indexOf('edge/web') + 6;
  const found = findDefinitions(engine, 'file:///vs.yaml', offset);
  assert.deepEqual(found?.targets.map((t) => t.uri), ['file:///gw.yaml']);
  const occurrences = symbolOccurrences(engine, 'file:///vs.yaml', offset)?.occurrences ?? [];
  assert.deepEqual(occurrences.map((o) => [o.uri, o.declaration]), [['file:///gw.yaml', true], ['file:///vs.yaml', false]]);
});
