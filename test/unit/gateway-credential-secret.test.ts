import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { pod } from '../helpers/kubernetes';
import { gatewayOf, gatewayService, pemFixture, tlsSecret } from '../helpers/gateways';

const credentialFindings = (text: string) => check(text).filter((f) => f.code === 'IST0161' || f.code === 'IST0101');
const ingress = { istio: 'ingressgateway' };
const httpsGateway = (credentialName: string, selector: Record<string, string> = ingress, name = 'gw') =>
  gatewayOf(name, 'shop', selector, [{ port: 443, hosts: ['shop.example.com'], protocol: 'HTTPS', name: 'https', tls: ['mode: SIMPLE', `credentialName: ${credentialName}`] }]);
const valid = { 'tls.crt': pemFixture('valid-100y.crt'), 'tls.key': pemFixture('test-only.key') };

test('a workspace without Secrets stays quiet', () => {
  assert.deepEqual(credentialFindings(httpsGateway('shop-tls')), []);
});

test('the Secret is looked up in the gateway pods\' namespace, not the Gateway\'s', () => {
  assert.deepEqual(credentialFindings(docs(tlsSecret('shop-tls', 'istio-system', valid), httpsGateway('shop-tls'))), []);
  const found = credentialFindings(docs(tlsSecret('shop-tls', 'shop', valid), httpsGateway('shop-tls')));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IST0101');
  assert.equal(found[0].text, 'shop-tls');
  assert.match(found[0].message, /Referenced credentialName not found: no Secret istio-system\/shop-tls/);
  // namespace/name names the namespace itself.
  assert.deepEqual(credentialFindings(docs(tlsSecret('shop-tls', 'shop', valid), httpsGateway('shop/shop-tls'))), []);
  // A gateway workload of the workspace reads its own namespace.
  const edge = { app: 'edge' };
  assert.deepEqual(credentialFindings(docs(pod('edge-1', 'edge', edge), gatewayService('edge', 'edge', edge, [{ port: 443 }]), tlsSecret('edge-tls', 'edge', valid), httpsGateway('edge-tls', edge))), []);
});

test('an expired, not yet valid, or unparsable certificate is an invalid credential', () => {
  for (const [label, crt] of [
    ['expired', pemFixture('expired-2021.crt')],
    ['not yet valid', pemFixture('not-yet-valid-2120.crt')],
    ['not PEM', 'hello'],
    ['PEM but no certificate', pemFixture('test-only.key')],
  ] as const) {
    const found = credentialFindings(docs(tlsSecret('shop-tls', 'istio-system', { 'tls.crt': crt, 'tls.key': pemFixture('test-only.key') }), httpsGateway('shop-tls')));
    assert.deepEqual(found.map((f) => f.code), ['IST0161'], label);
  }
  const expired = credentialFindings(docs(tlsSecret('shop-tls', 'istio-system', { 'tls.crt': pemFixture('expired-2021.crt'), 'tls.key': 'k' }), httpsGateway('shop-tls')));
  assert.match(expired[0].message, /expired on 2021-01-01/);
  assert.equal(expired[0].severity, 'error');
});

test('keys: tls.crt and tls.key, or cert and key, both non-empty', () => {
  const key = pemFixture('test-only.key');
  const crt = pemFixture('valid-100y.crt');
  const verdict = (data: Record<string, string>) => credentialFindings(docs(tlsSecret('shop-tls', 'istio-system', data), httpsGateway('shop-tls'))).map((f) => f.code);
  assert.deepEqual(verdict({ cert: crt, key }), []);
  assert.deepEqual(verdict({ cert: crt, key: '', 'tls.crt': crt, 'tls.key': key }), []);
  assert.deepEqual(verdict({ 'tls.crt': crt, 'tls.key': '' }), ['IST0161']);
  assert.deepEqual(verdict({ 'ca.crt': crt }), ['IST0161']);
});

test('undecodable or placeholder data is not judged, and never throws', () => {
  const found = credentialFindings(docs(tlsSecret('shop-tls', 'istio-system', { 'tls.crt': { raw: 'not base64!' }, 'tls.key': { raw: '${KEY}' } }), httpsGateway('shop-tls')));
  assert.deepEqual(found, []);
  assert.deepEqual(credentialFindings(docs(tlsSecret('shop-tls', 'istio-system', valid), httpsGateway('${CREDENTIAL}'))), []);
});

test('fixing the Secret in another file clears the finding', () => {
  const engine = engineWith({
    'gw.yaml': httpsGateway('shop-tls'),
    'secret.yaml': tlsSecret('shop-tls', 'istio-system', { 'tls.crt': pemFixture('expired-2021.crt'), 'tls.key': 'k' }),
  });
  assert.equal(findingsIn(engine, 'gw.yaml').filter((f) => f.code === 'IST0161').length, 1);
  engine.setFile('file:///secret.yaml', tlsSecret('shop-tls', 'istio-system', valid));
  assert.equal(findingsIn(engine, 'gw.yaml').filter((f) => f.code === 'IST0161').length, 0);
});
