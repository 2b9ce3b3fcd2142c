import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { meshDeployment, namespace, selectingService } from '../helpers/workloads';

const ist0116 = (files: Record<string, string>, name: string) => findingsIn(engineWith(files), name).filter((f) => f.code === 'IST0116');

test('Services using one port with TCP and UDP: a warning per port on the Deployment name, naming both', () => {
  const text = docs(
    namespace('shop'),
    meshDeployment('cart', 'shop', 'cart'),
    selectingService('cart-tcp', 'shop', 'cart', ['9000', '9001']),
    selectingService('cart-udp', 'shop', 'cart', ['9000/UDP', '9001/UDP', '9002/UDP']),
  );
  const found = ist0116({ 'all.yaml': text }, 'all.yaml');
  assert.deepEqual(found.map((f) => [f.text, f.finding.data?.port]), [['cart', 9000], ['cart', 9001]]);
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /port 9000 with different protocols: TCP \(shop\/cart-tcp\), UDP \(shop\/cart-udp\)/);
  assert.deepEqual(found[0].finding.related?.map((r) => r.resource?.name), ['cart-tcp', 'cart-udp']);
});

test('one Service with both protocols on a port is enough', () => {
  const text = docs(namespace('dns'), meshDeployment('resolver', 'dns', 'resolver'), selectingService('resolver', 'dns', 'resolver', ['53/TCP', '53/UDP']));
  assert.equal(ist0116({ 'all.yaml': text }, 'all.yaml').length, 1);
});

test('only mesh Deployments are judged: injection by namespace, template label or annotation, or an istio-proxy container', () => {
  const services = [selectingService('a', 'shop', 'cart', ['9000']), selectingService('b', 'shop', 'cart', ['9000/UDP'])];
  assert.equal(ist0116({ 'all.yaml': docs(meshDeployment('cart', 'shop', 'cart'), ...services) }, 'all.yaml').length, 0, 'no injection anywhere');
  assert.equal(ist0116({ 'all.yaml': docs(namespace('shop', 'disabled'), meshDeployment('cart', 'shop', 'cart'), ...services) }, 'all.yaml').length, 0);
  assert.equal(ist0116({ 'all.yaml': docs(meshDeployment('cart', 'shop', 'cart', { 'sidecar.istio.io/inject': 'true' }), ...services) }, 'all.yaml').length, 1);
  const optedOut = meshDeployment('cart', 'shop', 'cart', { 'sidecar.istio.io/inject': 'false' });
  assert.equal(ist0116({ 'all.yaml': docs(namespace('shop'), optedOut, ...services) }, 'all.yaml').length, 0, 'the template label wins over the namespace');
  const waypoint = meshDeployment('cart', 'shop', 'cart', {}, { 'gateway.istio.io/managed': 'istio.io-mesh-controller' });
  assert.equal(ist0116({ 'all.yaml': docs(namespace('shop'), waypoint, ...services) }, 'all.yaml').length, 0, 'waypoints are left out');
});

test('Services of another namespace or without selector do not count', () => {
  const text = docs(
    namespace('shop'),
    meshDeployment('cart', 'shop', 'cart'),
    selectingService('a', 'shop', 'cart', ['9000']),
    selectingService('b', 'other', 'cart', ['9000/UDP']),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: c\n  namespace: shop\nspec:\n  ports:\n  - name: udp-x\n    port: 9000\n    protocol: UDP\n',
  );
  assert.deepEqual(ist0116({ 'all.yaml': text }, 'all.yaml'), []);
});

test('Services and Namespaces in other files are read through the index: editing one re-checks the Deployment', () => {
  const engine = engineWith({
    'deploy.yaml': meshDeployment('cart', 'shop', 'cart'),
    'ns.yaml': namespace('shop'),
    'svc.yaml': docs(selectingService('a', 'shop', 'cart', ['9000']), selectingService('b', 'shop', 'cart', ['9000/UDP'])),
  });
  assert.equal(findingsIn(engine, 'deploy.yaml').filter((f) => f.code === 'IST0116').length, 1);
  const affected = engine.setFile(uriOf('ns.yaml'), namespace('shop', 'disabled'));
  assert.ok(affected.has(uriOf('deploy.yaml')));
  assert.deepEqual(findingsIn(engine, 'deploy.yaml').filter((f) => f.code === 'IST0116'), []);
});
