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
