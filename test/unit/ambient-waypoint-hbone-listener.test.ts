import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';
import { waypoint } from '../helpers/ambient';

const hbone = (text: string) => check(text).filter((f) => f.code === 'IY0301');

test('a waypoint with the HBONE listener on 15008 is fine; with only an HTTP listener it is not', () => {
  assert.deepEqual(hbone(waypoint('wp', 'apps')), []);
  assert.equal(hbone(waypoint('wp', 'apps', { listeners: '  - name: http\n    port: 80\n    protocol: HTTP\n' })).length, 1);
});

test('a waypoint without any HBONE listener is an error on its gatewayClassName, naming the listener to add', () => {
  const found = hbone(waypoint('wp', 'apps', { listeners: '  - name: http\n    port: 80\n    protocol: HTTP\n' }));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, 'istio-waypoint');
  assert.match(found[0].message, /Waypoint Gateway apps\/wp \(class istio-waypoint\) has no listener with protocol HBONE on port 15008/);
  assert.match(found[0].message, /Add the listener \{name: mesh, port: 15008, protocol: HBONE\}/);
});

test('HBONE on another port, or 15008 with another protocol, is named as the near miss', () => {
  const onOtherPort = hbone(waypoint('wp', 'apps', { listeners: '  - name: mesh\n    port: 15009\n    protocol: HBONE\n' }));
  assert.equal(onOtherPort.length, 1);
  assert.match(onOtherPort[0].message, /listener "mesh" \(protocol HBONE, port 15009\) comes close/);
  const otherProtocol = hbone(waypoint('wp', 'apps', { listeners: '  - name: mesh\n    port: 15008\n    protocol: TCP\n' }));
  assert.match(otherProtocol[0].message, /listener "mesh" \(protocol TCP, port 15008\)/);
});

test('a Gateway of another class is not a waypoint, unless a GatewayClass of the workspace is run by the mesh controller', () => {
  const listeners = '  - name: http\n    port: 80\n    protocol: HTTP\n';
  assert.deepEqual(hbone(waypoint('ingress', 'apps', { className: 'istio', listeners })), []);
  const meshClass = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: my-waypoints
spec:
  controllerName: istio.io/mesh-controller
`;
  const found = hbone(docs(meshClass, waypoint('wp', 'apps', { className: 'my-waypoints', listeners })));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'my-waypoints');
});
