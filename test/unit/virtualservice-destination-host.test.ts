import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { httpRoute, virtualService } from '../helpers/manifests';
import { service, serviceEntry } from '../helpers/kubernetes';

const hostFindings = (text: string) => check(text).filter((f) => f.code === 'IST0101');
const routeTo = (host: string, ns?: string) => virtualService('vs', ns, ['app.example.com'], [], httpRoute([{ host }]));

test('a workspace without Services stays quiet (routing rules alone)', () => {
  assert.deepEqual(hostFindings(routeTo('nope')), []);
  assert.deepEqual(hostFindings(routeTo('api.external.com')), []);
});

test('a destination that is a Service (short or FQDN) or a ServiceEntry host is found', () => {
  const svc = service('reviews', undefined, [{ port: 9080, name: 'http' }]);
  assert.deepEqual(hostFindings(docs(svc, routeTo('reviews'))), []);
  assert.deepEqual(hostFindings(docs(svc, routeTo('reviews.default.svc.cluster.local', 'other'))), []);
  assert.deepEqual(hostFindings(docs(svc, serviceEntry('ext', undefined, ['api.external.com'], ['443/HTTPS']), routeTo('api.external.com'))), []);
  assert.deepEqual(hostFindings(docs(svc, serviceEntry('ext', undefined, ['*.external.com'], ['443/HTTPS']), routeTo('api.external.com'))), []);
});

test('a missing Service in a namespace the workspace has Services for is an error on the host, with a suggestion', () => {
  const found = hostFindings(docs(service('reviews', undefined, [{ port: 9080, name: 'http' }]), routeTo('reveiws')));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'reveiws');
  assert.match(found[0].message, /Referenced host not found: reveiws \(reveiws\.default\.svc\.cluster\.local\).*Did you mean reviews\?/);
  assert.equal(found[0].finding.data?.suggestion, 'reviews');
});

test('a namespace without any Service in the workspace stays quiet; Istio installation hosts are known', () => {
  const svc = service('reviews', 'bookinfo', [{ port: 9080, name: 'http' }]);
  assert.deepEqual(hostFindings(docs(svc, routeTo('ratings.other.svc.cluster.local'))), []);
  const gwSvc = service('custom', 'istio-system', [{ port: 80, name: 'http' }]);
  assert.deepEqual(hostFindings(docs(gwSvc, routeTo('istio-egressgateway.istio-system.svc.cluster.local'))), []);
});

test('external hosts need a ServiceEntry once the workspace has Services; exportTo hides one', () => {
  const svc = service('reviews', undefined, [{ port: 9080, name: 'http' }]);
  assert.equal(hostFindings(docs(svc, routeTo('api.external.com'))).length, 1);
  const hidden = serviceEntry('ext', 'egress', ['api.external.com'], ['443/HTTPS'], ['.']);
  assert.equal(hostFindings(docs(svc, hidden, routeTo('api.external.com'))).length, 1);
});

test('the finding goes away when the Service is added in another file', () => {
  const engine = engineWith({ 'svc.yaml': service('reviews', undefined, [{ port: 9080, name: 'http' }]), 'vs.yaml': routeTo('ratings') });
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 1);
  engine.setFile('file:///ratings.yaml', service('ratings', undefined, [{ port: 9080, name: 'http' }]));
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 0);
});
