import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { gateway, virtualService } from '../helpers/manifests';

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
