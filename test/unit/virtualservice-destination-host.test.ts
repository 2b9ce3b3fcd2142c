import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { httpRoute, virtualService } from '../helpers/manifests';
import { service, serviceEntry } from '../helpers/kubernetes';

const hostFindings = (text: string) => check(text).filter((f) => f.code === 'IST0101');
const routeTo = (host: string, ns?: string, extra = '') => virtualService('vs', ns, ['app.example.com'], [], extra + httpRoute([{ host }]));
const svc = service('reviews', undefined, [{ port: 9080, name: 'http' }]);
const annotated = (value: string) =>
  service('ledger', 'finance', [{ port: 8080, name: 'http' }]).replace('  namespace: finance\n', `  namespace: finance\n  annotations:\n    networking.istio.io/exportTo: "${value}"\n`);

test('a workspace without Services stays quiet (routing rules alone)', () => {
  assert.deepEqual(hostFindings(routeTo('nope')), []);
  assert.deepEqual(hostFindings(routeTo('api.external.com')), []);
});

test('a destination that is a Service (short or FQDN) or a ServiceEntry host is found', () => {
  assert.deepEqual(hostFindings(docs(svc, routeTo('reviews'))), []);
  assert.deepEqual(hostFindings(docs(svc, routeTo('reviews.default.svc.cluster.local', 'other'))), []);
  assert.deepEqual(hostFindings(docs(svc, serviceEntry('ext', undefined, ['api.external.com'], ['443/HTTPS']), routeTo('api.external.com'))), []);
  assert.deepEqual(hostFindings(docs(svc, serviceEntry('ext', undefined, ['*.external.com'], ['443/HTTPS']), routeTo('api.external.com'))), []);
});

test('`name.namespace` is not expanded, as istioctl does not expand it', () => {
  const found = hostFindings(docs(svc, routeTo('reviews.default', 'other')));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'reviews.default');
});

test('a missing Service in a namespace the workspace has Services for is an error on the host, with a suggestion', () => {
  const found = hostFindings(docs(svc, routeTo('reveiws')));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'reveiws');
  assert.match(found[0].message, /Referenced host not found: reveiws \(reveiws\.default\.svc\.cluster\.local\).*Did you mean reviews\?/);
  assert.equal(found[0].finding.data?.suggestion, 'reviews');
});

test('mirror and mirrors hosts are looked up too, and say so', () => {
  const routes = `  http:
  - route:
    - destination:
        host: reviews
    mirror:
      host: shadow
  - route:
    - destination:
        host: reviews
    mirrors:
    - destination:
        host: replay
`;
  const found = hostFindings(docs(svc, virtualService('vs', undefined, ['reviews'], [], routes)));
  assert.deepEqual(found.map((f) => f.text).sort(), ['replay', 'shadow']);
  assert.match(found[0].message, /^Mirror host not found/);
});

test('a namespace without any Service in the workspace stays quiet; Istio installation hosts are known', () => {
  const other = service('reviews', 'bookinfo', [{ port: 9080, name: 'http' }]);
  assert.deepEqual(hostFindings(docs(other, routeTo('ratings.other.svc.cluster.local'))), []);
  const gwSvc = service('custom', 'istio-system', [{ port: 80, name: 'http' }]);
  assert.deepEqual(hostFindings(docs(gwSvc, routeTo('istio-egressgateway.istio-system.svc.cluster.local'))), []);
});

test('ServiceEntry exportTo: "." hides it from other namespaces, a named namespace shows it there only', () => {
  assert.equal(hostFindings(docs(svc, routeTo('api.external.com'))).length, 1);
  const hidden = serviceEntry('ext', 'egress', ['api.external.com'], ['443/HTTPS'], ['.']);
  assert.equal(hostFindings(docs(svc, hidden, routeTo('api.external.com'))).length, 1);
  const named = serviceEntry('ext', 'egress', ['api.external.com'], ['443/HTTPS'], ['default']);
  assert.deepEqual(hostFindings(docs(svc, named, routeTo('api.external.com'))), []);
  assert.equal(hostFindings(docs(svc, named, routeTo('api.external.com', 'other'))).length, 1);
});

test('the exportTo annotation of a Service: comma-separated, trimmed, "." for its own namespace', () => {
  const fqdn = 'ledger.finance.svc.cluster.local';
  assert.equal(hostFindings(docs(annotated('.'), routeTo(fqdn, 'web'))).length, 1);
  assert.deepEqual(hostFindings(docs(annotated('.'), routeTo(fqdn, 'finance'))), []);
  assert.deepEqual(hostFindings(docs(annotated('ops, web'), routeTo(fqdn, 'web'))), []);
  assert.deepEqual(hostFindings(docs(annotated('*'), routeTo(fqdn, 'web'))), []);
  assert.deepEqual(hostFindings(docs(annotated('${SCOPE}'), routeTo(fqdn, 'web'))), []);
});

test("the VirtualService's exportTo names the namespaces its destinations are looked up in", () => {
  const local = serviceEntry('ext', 'app', ['api.external.com'], ['443/HTTPS'], ['.']);
  assert.deepEqual(hostFindings(docs(local, routeTo('api.external.com', 'app', '  exportTo: ["."]\n'))), []);
  assert.equal(hostFindings(docs(local, routeTo('api.external.com', 'app', '  exportTo: [ops]\n'))).length, 1);
  const toOps = serviceEntry('ext', 'egress', ['api.external.com'], ['443/HTTPS'], ['ops']);
  assert.deepEqual(hostFindings(docs(toOps, routeTo('api.external.com', 'app', '  exportTo: [ops]\n'))), []);
  // A wildcard host counts only where exported everywhere or to the VirtualService's own namespace.
  const wildToOps = serviceEntry('ext', 'egress', ['*.external.com'], ['443/HTTPS'], ['ops']);
  assert.equal(hostFindings(docs(wildToOps, routeTo('api.external.com', 'app', '  exportTo: [ops]\n'))).length, 1);
  assert.deepEqual(hostFindings(docs(wildToOps, routeTo('api.external.com', 'ops'))), []);
});

test('the finding goes away when the Service is added in another file', () => {
  const engine = engineWith({ 'svc.yaml': svc, 'vs.yaml': routeTo('ratings') });
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 1);
  engine.setFile('file:///ratings.yaml', service('ratings', undefined, [{ port: 9080, name: 'http' }]));
  assert.equal(findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0101').length, 0);
});
