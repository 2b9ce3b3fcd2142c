import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { virtualService } from '../helpers/manifests';
import { service, serviceEntry } from '../helpers/kubernetes';

const portFindings = (text: string) => check(text).filter((f) => f.code === 'IST0112' || (f.code === 'IST0101' && /port/.test(f.message)));

const route = (host: string, port?: number) =>
  `  http:\n  - route:\n    - destination:\n        host: ${host}\n${port !== undefined ? `        port:\n          number: ${port}\n` : ''}`;
const twoPorts = service('reviews', undefined, [{ port: 9080, name: 'http' }, { port: 9443, name: 'https' }]);

test('quiet without the Service; quiet with a valid port, or one port', () => {
  assert.deepEqual(portFindings(virtualService('vs', undefined, ['a.example.com'], ['gw'], route('reviews'))), []);
  assert.deepEqual(portFindings(docs(twoPorts, virtualService('vs', undefined, ['a.example.com'], ['gw'], route('reviews', 9080)))), []);
  assert.deepEqual(portFindings(docs(service('reviews', undefined, [{ port: 9080, name: 'http' }]), virtualService('vs', undefined, ['a.example.com'], ['gw'], route('reviews')))), []);
});

test('no port towards a multi-port Service is IST0112 on the host, from a Gateway or the mesh alike', () => {
  for (const gateways of [['gw', 'mesh'], []]) {
    const found = portFindings(docs(twoPorts, virtualService('vs', undefined, ['a.example.com'], gateways, route('reviews'))));
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'IST0112');
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].text, 'reviews');
    assert.match(found[0].message, /Service default\/reviews exposes several ports \(9080, 9443\).*Add destination\.port\.number/);
    assert.deepEqual(found[0].finding.data?.ports, ['9080', '9443']);
  }
});

test('mirrors need a port too; tcp routes are checked', () => {
  const routes = `  http:\n  - route:\n    - destination:\n        host: reviews\n        port:\n          number: 9080\n    mirror:\n      host: reviews\n  tcp:\n  - route:\n    - destination:\n        host: reviews\n`;
  const found = portFindings(docs(twoPorts, virtualService('vs', undefined, ['reviews'], [], routes)));
  assert.deepEqual(found.map((f) => f.code), ['IST0112', 'IST0112']);
  assert.ok(found.some((f) => /the mirror of http\[0\]/.test(f.message)));
});

test('a port the Service does not expose is IST0101 on the port number', () => {
  const found = portFindings(docs(twoPorts, virtualService('vs', undefined, ['reviews'], [], route('reviews', 8080))));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IST0101');
  assert.equal(found[0].text, '8080');
  assert.match(found[0].message, /Service default\/reviews has no port 8080 \(its ports: 9080, 9443\)/);
});

test('ServiceEntry ports count too, a wildcard one included', () => {
  const se = serviceEntry('ext', undefined, ['api.example.com'], ['443/HTTPS', '80/HTTP']);
  assert.equal(portFindings(docs(se, virtualService('vs', undefined, ['api.example.com'], ['gw'], route('api.example.com'))))[0]?.code, 'IST0112');
  assert.equal(portFindings(docs(se, virtualService('vs', undefined, ['api.example.com'], [], route('api.example.com', 8443))))[0]?.code, 'IST0101');
  const wild = serviceEntry('ext', undefined, ['*.example.com'], ['443/HTTPS']);
  assert.equal(portFindings(docs(wild, virtualService('vs', undefined, ['api.example.com'], [], route('api.example.com', 80))))[0]?.code, 'IST0101');
});

test('a placeholder port is not judged', () => {
  const routes = `  http:\n  - route:\n    - destination:\n        host: reviews\n        port:\n          number: \${PORT}\n`;
  assert.deepEqual(portFindings(docs(twoPorts, virtualService('vs', undefined, ['reviews'], [], routes))), []);
});
