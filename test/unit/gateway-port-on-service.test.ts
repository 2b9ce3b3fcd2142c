import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { gatewayOf, gatewayService } from '../helpers/gateways';

const portFindings = (text: string) => check(text).filter((f) => f.code === 'IST0162');
const ingress = { istio: 'ingressgateway' };
const edge = { app: 'edge-proxy' };
const edgePod = pod('edge-1', 'edge', edge);

test('the default ingress gateway exposes 80, 443, 31400 and 15443, even in a workspace without Services', () => {
  assert.deepEqual(portFindings(gatewayOf('gw', 'shop', ingress, [{ port: 80, hosts: ['a.example.com'] }, { port: 15443, hosts: ['b.example.com'], protocol: 'TLS', tls: ['mode: PASSTHROUGH'] }])), []);
  const found = portFindings(gatewayOf('gw', 'shop', ingress, [{ port: 8080, hosts: ['a.example.com'], name: 'a' }, { port: 8080, hosts: ['b.example.com'], name: 'b' }]));
  assert.equal(found.length, 1, 'one finding per missing port');
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, '8080');
  assert.match(found[0].message, /Gateway port 8080 is not exposed: .*the default Service istio-system\/istio-ingressgateway/);
});

test('a server port may be the port or the numeric targetPort of a TCP port of a Service selecting the pods in their namespace', () => {
  const servers = [443, 8443, 9443].map((port) => ({ port, hosts: [`p${port}.example.com`] }));
  const found = portFindings(docs(edgePod, gatewayService('edge', 'edge', edge, [{ port: 443, targetPort: 8443, protocol: 'TCP' }]), gatewayOf('gw', 'edge', edge, servers)));
  assert.deepEqual(found.map((f) => f.text), ['9443']);
  assert.equal(found[0].finding.related?.[0].resource?.name, 'edge');
  const named = portFindings(docs(edgePod, gatewayService('edge', 'edge', edge, [{ port: 443, targetPort: 'https' }]), gatewayOf('gw', 'edge', edge, servers)));
  assert.deepEqual(named.map((f) => f.text), ['8443', '9443']);
});

test('UDP ports and Services of other namespaces do not count; a port without protocol is TCP', () => {
  const gw = gatewayOf('gw', 'edge', edge, [{ port: 5353, hosts: ['dns.example.com'], protocol: 'TCP' }]);
  assert.equal(portFindings(docs(edgePod, gatewayService('edge', 'edge', edge, [{ port: 5353, protocol: 'UDP' }]), gw)).length, 1);
  assert.equal(portFindings(docs(edgePod, gatewayService('edge', 'shop', edge, [{ port: 5353 }]), gw)).length, 1);
  assert.deepEqual(portFindings(docs(edgePod, gatewayService('edge', 'edge', edge, [{ port: 5353 }]), gw)), []);
});

test('a workspace without Services says nothing about the ports of its own gateway workloads', () => {
  assert.deepEqual(portFindings(docs(deployment('edge', 'edge', edge), gatewayOf('gw', 'edge', edge, [{ port: 8080, hosts: ['a.example.com'] }]))), []);
});

test('a gateway workload matched by no Service in a workspace holding Services has no exposed port', () => {
  const found = portFindings(docs(deployment('edge', 'edge', edge), gatewayService('other', 'edge', { app: 'other' }, [{ port: 80 }]), gatewayOf('gw', 'edge', edge, [{ port: 80, hosts: ['a.example.com'] }])));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /no Service/);
});

test('a placeholder port leaves the check unsure, and quiet', () => {
  assert.deepEqual(portFindings(docs(edgePod, gatewayService('edge', 'edge', edge, [{ port: '${PORT}' }]), gatewayOf('gw', 'edge', edge, [{ port: 8080, hosts: ['a.example.com'] }]))), []);
});

test('adding the port to the Service in another file clears the finding', () => {
  const engine = engineWith({ 'gw.yaml': docs(edgePod, gatewayOf('gw', 'edge', edge, [{ port: 8080, hosts: ['a.example.com'] }])), 'svc.yaml': gatewayService('edge', 'edge', edge, [{ port: 80 }]) });
  assert.equal(findingsIn(engine, 'gw.yaml').filter((f) => f.code === 'IST0162').length, 1);
  engine.setFile('file:///svc.yaml', gatewayService('edge', 'edge', edge, [{ port: 80, targetPort: 8080 }]));
  assert.equal(findingsIn(engine, 'gw.yaml').filter((f) => f.code === 'IST0162').length, 0);
});
