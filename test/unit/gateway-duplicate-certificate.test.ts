import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { pod } from '../helpers/kubernetes';
import { gatewayOf } from '../helpers/gateways';

const certFindings = (text: string) => check(text).filter((f) => f.code === 'IST0138');
const ingress = { istio: 'ingressgateway' };
const credential = (name: string) => ['mode: SIMPLE', `credentialName: ${name}`];
const files = (cert: string, key: string) => ['mode: SIMPLE', `serverCertificate: ${cert}`, `privateKey: ${key}`];
const tlsGateway = (name: string, tls: string[], selector: Record<string, string> = ingress, namespace = 'default') =>
  gatewayOf(name, namespace, selector, [{ port: 443, hosts: [`${name}.example.com`], protocol: 'HTTPS', name: 'https', tls }]);

test('distinct credentials, unrelated selectors, passthrough without a certificate are fine', () => {
  assert.deepEqual(certFindings(docs(tlsGateway('a', credential('a-cert')), tlsGateway('b', credential('b-cert')))), []);
  assert.deepEqual(certFindings(docs(tlsGateway('a', credential('cert')), tlsGateway('b', credential('cert'), { app: 'other-gw' }))), []);
  assert.deepEqual(certFindings(docs(tlsGateway('a', ['mode: PASSTHROUGH']), tlsGateway('b', ['mode: PASSTHROUGH']))), []);
});

test('the same credentialName on two Gateways of the same selector is a warning on each credential, across namespaces', () => {
  const found = certFindings(docs(tlsGateway('a', credential('wildcard-cert')), tlsGateway('b', credential('wildcard-cert'), ingress, 'other')));
  assert.equal(found.length, 2);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'wildcard-cert');
  assert.match(found[0].message, /Duplicate certificate: Gateway other\/b, on the same gateway pods .* also uses credential wildcard-cert/);
});

test('file-mounted certificates compare by certificate and key, and never with a credentialName', () => {
  const found = certFindings(docs(tlsGateway('a', files('/etc/certs/tls.crt', '/etc/certs/tls.key')), tlsGateway('b', files('/etc/certs/tls.crt', '/etc/certs/tls.key'))));
  assert.equal(found.length, 2);
  assert.match(found[0].message, /certificate file \/etc\/certs\/tls\.crt/);
  assert.deepEqual(certFindings(docs(tlsGateway('a', files('/etc/certs/tls.crt', '/etc/certs/a.key')), tlsGateway('b', files('/etc/certs/tls.crt', '/etc/certs/b.key')))), []);
  assert.deepEqual(certFindings(docs(tlsGateway('a', files('/etc/certs/tls.crt', '/etc/certs/tls.key')), tlsGateway('b', credential('/etc/certs/tls.crt')))), []);
});

test('only the Gateway whose selector is a subset of the other\'s reports, as istioctl does; no selector compares with all', () => {
  const narrowPod = pod('gw-1', 'edge', { istio: 'ingressgateway', app: 'edge' });
  const found = certFindings(docs(narrowPod, tlsGateway('broad', credential('c')), tlsGateway('narrow', credential('c'), { istio: 'ingressgateway', app: 'edge' })));
  assert.deepEqual(found.map((f) => f.finding.resource?.name), ['broad']);
  const noSelector = gatewayOf('any', 'default', undefined, [{ port: 443, hosts: ['any.example.com'], protocol: 'HTTPS', name: 'https', tls: credential('c') }]);
  const all = certFindings(docs(noSelector, tlsGateway('b', credential('c'), { app: 'other-gw' })));
  assert.deepEqual(all.map((f) => f.finding.resource?.name), ['any']);
});

test('an edit re-checks only the Gateways sharing the old or new certificate', () => {
  const engine = engineWith({
    'a.yaml': tlsGateway('a', credential('one')),
    'b.yaml': tlsGateway('b', credential('two')),
    'c.yaml': tlsGateway('c', credential('three')),
  });
  for (const name of ['a.yaml', 'b.yaml', 'c.yaml']) engine.diagnose(uriOf(name));
  const affected = engine.setFile(uriOf('b.yaml'), tlsGateway('b', credential('one')));
  assert.deepEqual([...affected].sort(), [uriOf('a.yaml'), uriOf('b.yaml')]);
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0138').length, 1);
});
