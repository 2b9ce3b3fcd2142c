import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';

const certFindings = (text: string) => check(text).filter((f) => f.code === 'IST0138');

const tlsGateway = (name: string, host: string, tls: string, selector = 'istio: ingressgateway') => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  selector:
    ${selector}
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    hosts:
    - ${host}
    tls:
      ${tls}
`;

test('distinct credentials, other workloads, or passthrough are fine', () => {
  assert.deepEqual(certFindings(docs(tlsGateway('a', 'a.example.com', 'mode: SIMPLE\n      credentialName: a-cert'), tlsGateway('b', 'b.example.com', 'mode: SIMPLE\n      credentialName: b-cert'))), []);
  assert.deepEqual(
    certFindings(docs(tlsGateway('a', 'a.example.com', 'mode: SIMPLE\n      credentialName: cert'), tlsGateway('b', 'b.example.com', 'mode: SIMPLE\n      credentialName: cert', 'app: other-gw'))),
    [],
  );
  assert.deepEqual(certFindings(docs(tlsGateway('a', 'a.example.com', 'mode: PASSTHROUGH'), tlsGateway('b', 'b.example.com', 'mode: PASSTHROUGH'))), []);
});

test('the same credentialName on two Gateways of one workload is a warning on each credential', () => {
  const found = certFindings(docs(tlsGateway('a', 'a.example.com', 'mode: SIMPLE\n      credentialName: wildcard-cert'), tlsGateway('b', 'b.example.com', 'mode: SIMPLE\n      credentialName: wildcard-cert')));
  assert.equal(found.length, 2);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'wildcard-cert');
  assert.match(found[0].message, /Duplicate certificate: Gateway default\/b on the same workload \(istio=ingressgateway\) also uses credential wildcard-cert/);
});

test('file-mounted certificates compare by certificate and key', () => {
  const files = 'mode: SIMPLE\n      serverCertificate: /etc/certs/tls.crt\n      privateKey: /etc/certs/tls.key';
  const found = certFindings(docs(tlsGateway('a', 'a.example.com', files), tlsGateway('b', 'b.example.com', files)));
  assert.equal(found.length, 2);
  assert.match(found[0].message, /certificate file \/etc\/certs\/tls\.crt/);
});
