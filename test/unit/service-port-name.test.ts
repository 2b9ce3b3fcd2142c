import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';
import { runAnalyzer } from '../helpers/analyze';
import { service } from '../helpers/kubernetes';
import { servicePortName } from '../../server/src/engine/analyzers/service/port-name';
import { protocolOfPortName } from '../../server/src/engine/analyzers/service/port-protocol';

const portFindings = (text: string) => runAnalyzer(servicePortName, { 'svc.yaml': text });

test('protocolOfPortName reads the prefix as Istio does', () => {
  assert.equal(protocolOfPortName('http'), 'http');
  assert.equal(protocolOfPortName('HTTP2-api'), 'http2');
  assert.equal(protocolOfPortName('grpc-web-ui'), 'grpc-web');
  assert.equal(protocolOfPortName('tcp-db'), 'tcp');
  assert.equal(protocolOfPortName('web'), undefined);
  assert.equal(protocolOfPortName('httpx'), undefined);
});

test('ports named <protocol>[-suffix], with appProtocol, or UDP are fine', () => {
  const svc = service('app', undefined, [
    { port: 80, name: 'http' },
    { port: 443, name: 'https-web' },
    { port: 8080, name: 'web', appProtocol: 'http' },
    { port: 53, name: 'dns', protocol: 'UDP' },
    { port: 9000, name: '${PORT_NAME}' },
  ]);
  assert.deepEqual(portFindings(svc), []);
});

test('a port name without a protocol prefix, or no name, is an info on the name (or port)', () => {
  const found = portFindings(service('app', undefined, [{ port: 8080, name: 'web' }, { port: 9090 }]));
  assert.deepEqual(found.map((f) => f.text), ['web', '9090']);
  assert.equal(found[0].code, 'IST0118');
  assert.equal(found[0].severity, 'info');
  assert.match(found[0].message, /Port name "web" \(port 8080\) does not follow Istio's <protocol>\[-<suffix>\] naming.*e\.g\. "http-web", or set appProtocol/);
  assert.match(found[1].message, /Port 9090 has no name/);
});

test('kube-system is left alone', () => {
  assert.deepEqual(portFindings(service('dns', 'kube-system', [{ port: 53, name: 'dns-tcp' }])), []);
});

// TODO(engine): passes once the engine runs analyzers registered for non-Istio kinds (core Services).
test('through the engine: a Service file gets IST0118', () => {
  const found = check(service('app', undefined, [{ port: 8080, name: 'web' }])).filter((f) => f.code === 'IST0118');
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'web');
});

test('appProtocol is read instead of the name: a bad appProtocol spoils a good name', () => {
  const found = portFindings(service('app', undefined, [
    { port: 80, name: 'http', appProtocol: 'custom' },
    { port: 81, name: 'web', appProtocol: 'kubernetes.io/h2c' },
  ]));
  assert.deepEqual(found.map((f) => f.text), ['http']);
  assert.match(found[0].message, /appProtocol "custom" of port 80 names no protocol Istio knows/);
});

test('SCTP ports are judged by name; the well-known TCP ports are not', () => {
  const found = portFindings(service('app', undefined, [
    { port: 2905, name: 'sigtran', protocol: 'SCTP' },
    { port: 53, name: 'dns' },
    { port: 3306 },
    { port: 5432, name: 'pg' },
  ]));
  assert.deepEqual(found.map((f) => f.text), ['sigtran', 'pg']);
});

const labelled = (labels: string, type = '') => `apiVersion: v1
kind: Service
metadata:
  name: svc
  labels:
${labels}
spec:
${type}  ports:
  - port: 8080
    name: web
`;

test("Istio's own Services (istio label, release: istio, gateway controllers) are left alone", () => {
  assert.deepEqual(portFindings(labelled('    istio: anything')), []);
  assert.deepEqual(portFindings(labelled('    release: istio')), []);
  assert.deepEqual(portFindings(labelled('    gateway.istio.io/managed: istio.io-eastwest-controller')), []);
  assert.equal(portFindings(labelled('    release: other')).length, 1);
  assert.equal(portFindings(labelled('    gateway.istio.io/managed: someone-else')).length, 1);
});

test('an ExternalName Service gets IST0150, not IST0118, for a port named "tcp" or naming no protocol', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: partner
spec:
  type: ExternalName
  externalName: api.partner.example.com
  ports:
  - name: tcp
    port: 7000
  - name: tcp-db
    port: 7001
  - name: api
    port: 7002
  - name: https
    port: 443
`;
  const found = check(text).filter((f) => f.code.startsWith('IST'));
  assert.deepEqual(found.map((f) => [f.code, f.text]), [['IST0150', 'tcp'], ['IST0150', 'api']]);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /Port 7000 is named "tcp" on an ExternalName Service/);
});
