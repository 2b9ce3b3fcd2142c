import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspaceSymbols } from '../../server/src/features/workspace-symbols';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { destinationRule, gateway, virtualService } from '../helpers/manifests';
import { gatewayApiWorkspace } from '../helpers/gateway-api-workspace';

const engine = engineWith({
  'gw.yaml': gateway('bookinfo-gateway', 'istio-system', ['*']),
  'app.yaml': docs(virtualService('reviews', 'bookinfo', ['reviews'], []), destinationRule('reviews', 'bookinfo', 'reviews', ['v1']), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ratings\n'),
  'notes.yaml': 'just: yaml\n',
});

const names = (query: string) => workspaceSymbols(engine, query).map((s) => s.name);

test('every resource of every file, named Kind ns/name, sorted', () => {
  assert.deepEqual(names(''), ['DestinationRule bookinfo/reviews', 'Gateway istio-system/bookinfo-gateway', 'Service default/ratings', 'VirtualService bookinfo/reviews']);
  const [dr] = workspaceSymbols(engine, 'DestinationRule');
  assert.equal(dr.location.uri, uriOf('app.yaml'));
  assert.equal(dr.location.range.start.line, 12, 'points at metadata.name');
  assert.equal(dr.containerName, 'networking.istio.io/v1');
});

test('case-insensitive; name matches first, then the rest of the label, then kind initials and letters in order', () => {
  assert.deepEqual(names('REV'), ['DestinationRule bookinfo/reviews', 'VirtualService bookinfo/reviews']);
  assert.deepEqual(names('gateway'), ['Gateway istio-system/bookinfo-gateway']);
  assert.deepEqual(names('istio-sys'), ['Gateway istio-system/bookinfo-gateway']);
  assert.deepEqual(names('vs rev'), ['VirtualService bookinfo/reviews']);
  assert.deepEqual(names('virt rev'), ['VirtualService bookinfo/reviews']);
  assert.deepEqual(names('dr bkinf rvw'), ['DestinationRule bookinfo/reviews']);
  assert.deepEqual(names('svc rat'), [], 'Service has no initials "svc"');
  assert.deepEqual(names('serv rat'), ['Service default/ratings']);
  assert.deepEqual(names('rvw'), ['DestinationRule bookinfo/reviews', 'VirtualService bookinfo/reviews']);
  assert.deepEqual(names('gw'), ['Gateway istio-system/bookinfo-gateway'], 'not every kind with a g and a w');
  assert.deepEqual(names('zzz'), []);
  assert.deepEqual(names('ratings').length, 1);
});

test('Gateway API kinds are workspace symbols too, found by their word initials (hr, tr, rg, ls)', () => {
  const gatewayApi = gatewayApiWorkspace({
    'tcp.yaml': 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TCPRoute\nmetadata:\n  name: pg\n  namespace: data\n',
  });
  const found = (query: string) => workspaceSymbols(gatewayApi, query).map((s) => s.name);
  assert.deepEqual(found('hr web'), ['HTTPRoute shop/web']);
  assert.deepEqual(found('tr pg'), ['TCPRoute data/pg']);
  assert.deepEqual(found('rg'), ['ReferenceGrant data/shop-to-db']);
  assert.deepEqual(found('ls ext'), ['ListenerSet infra/extra']);
  assert.ok(found('').includes('Gateway infra/public'));
  assert.deepEqual(found('httproute').sort(), ['HTTPRoute infra/internal', 'HTTPRoute shop/local', 'HTTPRoute shop/web']);
});
