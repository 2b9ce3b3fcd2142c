import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { pod } from '../helpers/kubernetes';
import { annotatedPod, namespaceObject, sidecar } from '../helpers/policies';

const ineffective = (text: string) => check(text).filter((f) => f.code === 'IST0167');
const ambientLabel = { 'istio.io/dataplane-mode': 'ambient' };

test('a Sidecar without selector in an ambient namespace is a warning, with the Namespace as related location', () => {
  const found = ineffective(docs(namespaceObject('apps', ambientLabel), sidecar('defaults', 'apps')));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'defaults');
  assert.match(found[0].message, /The policy has no impact: namespace apps is in ambient mode/);
  assert.equal(found[0].finding.related?.[0].resource?.kind, 'Namespace');
});

test('sidecar injection or a revision label on the namespace wins over the ambient label', () => {
  const extras: Array<Record<string, string>> = [{ 'istio-injection': 'enabled' }, { 'istio.io/rev': 'canary' }];
  for (const extra of extras) {
    assert.deepEqual(ineffective(docs(namespaceObject('apps', { ...ambientLabel, ...extra }), sidecar('defaults', 'apps'))), [], JSON.stringify(extra));
  }
  assert.equal(ineffective(docs(namespaceObject('apps', { ...ambientLabel, 'istio-injection': 'disabled', 'istio.io/rev': '' }), sidecar('defaults', 'apps'))).length, 1);
});

test('no Namespace object, or another mode, is not ambient', () => {
  assert.deepEqual(ineffective(sidecar('defaults', 'apps')), []);
  assert.deepEqual(ineffective(docs(namespaceObject('apps', { 'istio.io/dataplane-mode': 'none' }), sidecar('defaults', 'apps'))), []);
});

test('a Sidecar selecting pods redirected to ambient is reported once, on its selector', () => {
  const ambient = (name: string) => annotatedPod(name, 'apps', { app: 'reports' }, { 'ambient.istio.io/redirection': 'enabled' });
  const found = ineffective(docs(ambient('r1'), ambient('r2'), sidecar('reports', 'apps', { app: 'reports' })));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'labels');
  assert.match(found[0].message, /the selected workloads Pod apps\/r1, Pod apps\/r2 are in ambient mode/);
  assert.equal(found[0].finding.related?.length, 2);
});

test('in an ambient namespace, a selector is judged by the pods it selects (as istioctl does)', () => {
  const text = docs(namespaceObject('apps', ambientLabel), pod('r1', 'apps', { app: 'reports' }), sidecar('reports', 'apps', { app: 'reports' }));
  assert.deepEqual(ineffective(text), []);
});
