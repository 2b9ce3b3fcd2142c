import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { gatewayWithListeners } from '../helpers/gateway-api-routes';

const codes = ['IY0201', 'IY0214', 'IY0219'];
const setFindings = (text: string) => check(text).filter((f) => codes.includes(f.code) && f.finding.resource?.kind === 'ListenerSet');

const listenerSet = (name: string, namespace: string, parent: string, listeners: string, parentNamespace?: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  parentRef:
    name: ${parent}
${parentNamespace ? `    namespace: ${parentNamespace}\n` : ''}  listeners:
${listeners
  .trim()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

const allowing = (from: string | undefined) =>
  gatewayWithListeners('gw', 'infra', `\n- name: http\n  port: 80\n  protocol: HTTP\n  hostname: a.example.com`).replace(
    'spec:\n',
    from ? `spec:\n  allowedListeners:\n    namespaces:\n      from: ${from}\n` : 'spec:\n',
  );
const tcp80 = `\n- name: raw\n  port: 80\n  protocol: TCP`;
const http9000 = `\n- name: extra\n  port: 9000\n  protocol: HTTP`;

test('IY0219: a Gateway without allowedListeners (None) or with Same from another namespace does not accept a ListenerSet', () => {
  const none = setFindings(docs(allowing(undefined), listenerSet('ls', 'infra', 'gw', http9000)));
  assert.deepEqual(none.map((f) => f.code), ['IY0219']);
  assert.match(none[0].message, /NotAllowed.*absent \(None by default\)/);
  assert.deepEqual(setFindings(docs(allowing('Same'), listenerSet('ls', 'infra', 'gw', http9000))), []);
  assert.deepEqual(setFindings(docs(allowing('Same'), listenerSet('ls', 'apps', 'gw', http9000, 'infra'))).map((f) => f.code), ['IY0219']);
  assert.deepEqual(setFindings(docs(allowing('All'), listenerSet('ls', 'apps', 'gw', http9000, 'infra'))), []);
});

test('IY0201: a ListenerSet parent that does not exist, where the workspace holds that namespace\'s Gateways', () => {
  const found = setFindings(docs(allowing('All'), listenerSet('ls', 'infra', 'gateway', http9000)));
  assert.deepEqual(found.map((f) => f.code), ['IY0201']);
  assert.deepEqual(setFindings(listenerSet('ls', 'infra', 'gateway', http9000)), [], 'no Gateway of infra in the workspace');
});

test('IY0214: an admitted ListenerSet is merged after its Gateway and loses a port the Gateway uses for another protocol', () => {
  const found = setFindings(docs(allowing('All'), listenerSet('ls', 'apps', 'gw', tcp80, 'infra')));
  assert.deepEqual(found.map((f) => f.code), ['IY0214']);
  assert.match(found[0].message, /listener http \(port 80\) of Gateway infra\/gw.*ProtocolConflict/);
  // The same listener on a set the Gateway does not admit: that set is refused, not merged.
  assert.deepEqual(setFindings(docs(allowing(undefined), listenerSet('ls', 'infra', 'gw', tcp80))).map((f) => f.code), ['IY0219']);
  // The Gateway's listeners come first: the Gateway reports nothing.
  assert.deepEqual(check(docs(allowing('All'), listenerSet('ls', 'apps', 'gw', tcp80, 'infra'))).filter((f) => f.code === 'IY0214' && f.finding.resource?.kind === 'Gateway'), []);
});

test('IY0214: the same hostname on a Gateway listener and a ListenerSet listener is a HostnameConflict; sets merge by namespace/name', () => {
  const same = `\n- name: dup\n  port: 80\n  protocol: HTTP\n  hostname: a.example.com`;
  const found = setFindings(docs(allowing('All'), listenerSet('ls', 'apps', 'gw', same, 'infra')));
  assert.match(found[0]?.message ?? '', /HostnameConflict/);
  const other = `\n- name: b\n  port: 80\n  protocol: HTTP\n  hostname: b.example.com`;
  const two = setFindings(docs(allowing('All'), listenerSet('b-set', 'apps', 'gw', other, 'infra'), listenerSet('a-set', 'apps', 'gw', other, 'infra')));
  assert.deepEqual(two.map((f) => f.finding.resource?.name), ['b-set'], 'a-set sorts first and wins');
});

test('allowing ListenerSets on the Gateway in another file withdraws IY0219', () => {
  const engine = engineWith({ 'gw.yaml': allowing(undefined), 'set.yaml': listenerSet('ls', 'infra', 'gw', http9000) });
  assert.deepEqual(findingsIn(engine, 'set.yaml').filter((f) => codes.includes(f.code)).map((f) => f.code), ['IY0219']);
  engine.setFile('file:///gw.yaml', allowing('Same'));
  assert.deepEqual(findingsIn(engine, 'set.yaml').filter((f) => codes.includes(f.code)), []);
});
