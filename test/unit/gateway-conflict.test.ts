import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { gateway } from '../helpers/manifests';
import { pod } from '../helpers/kubernetes';
import { gatewayOf } from '../helpers/gateways';

const conflictFindings = (text: string) => check(text).filter((f) => f.code === 'IST0145');
const ingress = { istio: 'ingressgateway' };

test('distinct hosts, ports or unrelated selectors do not conflict', () => {
  assert.deepEqual(conflictFindings(docs(gateway('a', 'default', ['a.example.com']), gateway('b', 'default', ['b.example.com']))), []);
  assert.deepEqual(conflictFindings(docs(gatewayOf('a', 'default', ingress, [{ port: 80, hosts: ['*'] }]), gatewayOf('b', 'default', ingress, [{ port: 31400, hosts: ['*'] }]))), []);
  assert.deepEqual(conflictFindings(docs(gatewayOf('a', 'default', ingress, [{ port: 80, hosts: ['*'] }]), gatewayOf('b', 'default', { app: 'internal-gw' }, [{ port: 80, hosts: ['*'] }]))), []);
});

test('the same host on the same port of the same pods is an error on each Gateway, across namespaces', () => {
  const found = conflictFindings(docs(gateway('a', 'default', ['shop.example.com']), gateway('b', 'other', ['x.example.com', 'shop.example.com'])));
  assert.equal(found.length, 2);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, '"shop.example.com"');
  assert.match(found[0].message, /Conflict with Gateway other\/b: on the same gateway pods \(selector istio=ingressgateway\), both list host shop\.example\.com on port 80/);
  assert.equal(found[1].text, '"shop.example.com"');
  assert.equal(found[0].finding.related?.[0].resource?.name, 'b');
});

test('hosts compare as exact strings with the same bind, as istioctl does: wildcards and namespace prefixes are other hosts', () => {
  assert.deepEqual(conflictFindings(docs(gateway('a', 'default', ['*.example.com']), gateway('b', 'default', ['shop.example.com']))), []);
  assert.deepEqual(conflictFindings(docs(gateway('a', 'default', ['ns/shop.example.com']), gateway('b', 'default', ['shop.example.com']))), []);
  const bound = (name: string, bind: string) => gatewayOf(name, 'default', ingress, [{ port: 80, hosts: ['shop.example.com'], bind }]);
  assert.deepEqual(conflictFindings(docs(bound('a', '10.0.0.1'), bound('b', '10.0.0.2'))), []);
  assert.equal(conflictFindings(docs(bound('a', '10.0.0.1'), bound('b', '10.0.0.1'))).length, 2);
  assert.equal(conflictFindings(docs(gateway('a', 'default', ['*']), gateway('b', 'default', ['*']))).length, 2);
});

test('nested selectors conflict only where a workload carries both', () => {
  const broad = gatewayOf('broad', 'edge', { app: 'edge' }, [{ port: 80, hosts: ['api.example.com'] }]);
  const narrow = gatewayOf('narrow', 'edge', { app: 'edge', tier: 'public' }, [{ port: 80, hosts: ['api.example.com'] }]);
  assert.equal(conflictFindings(docs(pod('edge-1', 'edge', { app: 'edge', tier: 'public' }), broad, narrow)).length, 2);
  assert.deepEqual(conflictFindings(docs(pod('edge-1', 'edge', { app: 'edge' }), broad, narrow)), []);
  // A subset even where the keys interleave in the printed selector (istioctl compares the printed texts).
  const interleaved = gatewayOf('inter', 'edge', { app: 'edge', zone: 'a' }, [{ port: 80, hosts: ['api.example.com'] }]);
  const wide = gatewayOf('wide', 'edge', { app: 'edge', tier: 'public', zone: 'a' }, [{ port: 80, hosts: ['api.example.com'] }]);
  assert.equal(conflictFindings(docs(pod('edge-1', 'edge', { app: 'edge', tier: 'public', zone: 'a' }), interleaved, wide)).length, 2);
  // An empty selector runs on every gateway pod, the assumed default ingress gateway included.
  assert.equal(conflictFindings(docs(gatewayOf('any', 'default', {}, [{ port: 80, hosts: ['a.example.com'] }]), gateway('b', 'default', ['a.example.com']))).length, 2);
});

test('one finding per colliding server; identical servers of one Gateway are one finding', () => {
  const servers = [
    { port: 80, hosts: ['a.example.com'] },
    { port: 31400, hosts: ['b.example.com'], protocol: 'TCP' },
  ];
  const found = conflictFindings(docs(gatewayOf('one', 'default', ingress, servers), gatewayOf('two', 'default', ingress, servers)));
  assert.equal(found.length, 4);
  const twice = [{ port: 80, hosts: ['a.example.com'], name: 'http-1' }, { port: 80, hosts: ['a.example.com'], name: 'http-2' }];
  const found2 = check(docs(gatewayOf('one', 'default', ingress, twice), gateway('two', 'default', ['a.example.com']))).filter((f) => f.code === 'IST0145');
  assert.equal(found2.filter((f) => f.finding.resource?.name === 'one').length, 1);
});

test('a Gateway with a placeholder selector or host is not judged', () => {
  assert.deepEqual(conflictFindings(docs(gatewayOf('a', 'default', { istio: '${GW}' }, [{ port: 80, hosts: ['a.example.com'] }]), gateway('b', 'default', ['a.example.com']))), []);
  assert.deepEqual(conflictFindings(docs(gateway('a', 'default', ['${HOST}']), gateway('b', 'default', ['${HOST}']))), []);
});

test('an edit to a Gateway re-checks only the Gateways that list one of its hosts (before or after)', () => {
  const engine = engineWith({
    'a.yaml': gateway('a', 'default', ['a.example.com']),
    'b.yaml': gateway('b', 'default', ['b.example.com']),
    'c.yaml': gateway('c', 'default', ['c.example.com']),
    'wild.yaml': gatewayOf('wild', 'default', ingress, [{ port: 31400, hosts: ['*'] }]),
  });
  for (const name of ['a.yaml', 'b.yaml', 'c.yaml', 'wild.yaml']) engine.diagnose(uriOf(name));
  // b now lists a's host: a and b conflict; c, and the wildcard Gateway, are not re-checked.
  const affected = engine.setFile(uriOf('b.yaml'), gateway('b', 'default', ['a.example.com']));
  assert.deepEqual([...affected].sort(), [uriOf('a.yaml'), uriOf('b.yaml')]);
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0145').length, 1);
  assert.equal(findingsIn(engine, 'c.yaml').filter((f) => f.code === 'IST0145').length, 0);
});
