import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';

const tlsFindings = (text: string) => check(text).filter((f) => f.code === 'IST0128' || f.code === 'IST0129');

const rule = (policy: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ext
spec:
  host: api.example.com
${policy}`;

test('TLS with a CA, ISTIO_MUTUAL, DISABLE or explicit insecureSkipVerify is fine', () => {
  for (const tls of [
    'mode: SIMPLE\n      caCertificates: /etc/certs/ca.pem',
    'mode: ISTIO_MUTUAL',
    'mode: DISABLE',
    'mode: SIMPLE\n      insecureSkipVerify: true',
  ]) {
    assert.deepEqual(tlsFindings(rule(`  trafficPolicy:\n    tls:\n      ${tls}\n`)), [], tls);
  }
});

test('SIMPLE at the destination level without a CA is IST0128 on the mode', () => {
  const found = tlsFindings(rule('  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      sni: api.example.com\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IST0128');
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'SIMPLE');
  assert.match(found[0].message, /TLS mode SIMPLE to api\.example\.com \(for the destination\): it sets neither caCertificates nor credentialName/);
});

test('credentialName counts only when the rule has a workloadSelector (as istioctl)', () => {
  const policy = '  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      credentialName: client-cert\n    portLevelSettings:\n    - port:\n        number: 8443\n      tls:\n        mode: SIMPLE\n        credentialName: admin-ca\n';
  const found = tlsFindings(rule(policy));
  assert.deepEqual(found.map((f) => f.code), ['IST0128', 'IST0129']);
  assert.match(found[0].message, /credentialName is read only by gateways, and by sidecars when the DestinationRule has a workloadSelector/);
  assert.deepEqual(tlsFindings(rule(`  workloadSelector:\n    matchLabels:\n      app: client\n${policy}`)), []);
});

test('two port-level settings of one port and mode make one message, as istioctl merges them', () => {
  const port = '    - port:\n        number: 443\n      tls:\n        mode: SIMPLE\n';
  assert.equal(tlsFindings(rule(`  trafficPolicy:\n    portLevelSettings:\n${port}${port}`)).length, 1);
  assert.equal(tlsFindings(rule(`  trafficPolicy:\n    portLevelSettings:\n${port}${port.replace('443', '8443')}`)).length, 2);
});

test('port-level settings are IST0129; subset-level ones IST0128', () => {
  const policy = `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 443
      tls:
        mode: MUTUAL
        clientCertificate: /etc/certs/cert.pem
        privateKey: /etc/certs/key.pem
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      tls:
        mode: SIMPLE
`;
  const found = tlsFindings(rule(policy));
  assert.deepEqual(found.map((f) => `${f.code}:${f.text}`), ['IST0129:MUTUAL', 'IST0128:SIMPLE']);
  assert.match(found[0].message, /for port 443\)/);
  assert.match(found[1].message, /for subset v1\)/);
});
