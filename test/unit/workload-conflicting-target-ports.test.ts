import { test } from 'node:test';
import assert from 'node:assert/strict';
import { docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { meshDeployment, namespace, selectingService } from '../helpers/workloads';

const ist0137 = (text: string) => findingsIn(engineWith({ 'all.yaml': text }), 'all.yaml').filter((f) => f.code === 'IST0137');
const mesh = (...services: string[]) => docs(namespace('shop'), meshDeployment('cart', 'shop', 'cart'), ...services);

test('two service ports sent to one targetPort: a warning on the Deployment name', () => {
  const found = ist0137(mesh(selectingService('web', 'shop', 'cart', ['80>8080']), selectingService('admin', 'shop', 'cart', ['9090>8080'])));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'cart');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /different ports to targetPort 8080: 80 \(shop\/web\), 9090 \(shop\/admin\)/);
  assert.deepEqual(found[0].finding.related?.map((r) => r.resource?.name), ['web', 'admin']);
});

test('a port without targetPort targets itself; named target ports count, also within one Service', () => {
  assert.equal(ist0137(mesh(selectingService('direct', 'shop', 'cart', ['8080']), selectingService('front', 'shop', 'cart', ['80>8080']))).length, 1);
  assert.equal(ist0137(mesh(selectingService('one', 'shop', 'cart', ['80>web', '8000>web']))).length, 1);
});

test('the same port mapped twice to a target, or distinct targets, are fine', () => {
  assert.deepEqual(ist0137(mesh(selectingService('a', 'shop', 'cart', ['80>web']), selectingService('b', 'shop', 'cart', ['80>web']))), []);
  assert.deepEqual(ist0137(mesh(selectingService('a', 'shop', 'cart', ['80>8080', '81>8081']))), []);
  assert.deepEqual(ist0137(mesh(selectingService('a', 'shop', 'cart', ['80>${TARGET}', '81>${TARGET}']))), []);
});

test('editing a Service in another file re-checks the Deployment', () => {
  const engine = engineWith({
    'deploy.yaml': docs(namespace('shop'), meshDeployment('cart', 'shop', 'cart')),
    'svc.yaml': docs(selectingService('web', 'shop', 'cart', ['80>8080']), selectingService('admin', 'shop', 'cart', ['9090>8080'])),
  });
  assert.equal(findingsIn(engine, 'deploy.yaml').filter((f) => f.code === 'IST0137').length, 1);
  const affected = engine.setFile(uriOf('svc.yaml'), docs(selectingService('web', 'shop', 'cart', ['80>8080']), selectingService('admin', 'shop', 'cart', ['9090>9090'])));
  assert.ok(affected.has(uriOf('deploy.yaml')));
  assert.deepEqual(findingsIn(engine, 'deploy.yaml').filter((f) => f.code === 'IST0137'), []);
});
