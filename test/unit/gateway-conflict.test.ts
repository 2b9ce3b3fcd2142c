import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { gateway } from '../helpers/manifests';

const conflictFindings = (text: string) => check(text).filter((f) => f.code === 'IST0145');

const gatewayWith = (name: string, ns: string, selector: string, port: number, hosts: string[]) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    ${selector}
  servers:
  - port:
      number: ${port}
      name: http
      protocol: HTTP
    hosts:
${hosts.map((h) => `    - "${h}"`).join('\n')}
`;

test('distinct hosts, ports or selectors do not conflict', () => {
  assert.deepEqual(conflictFindings(docs(gateway('a', 'default', ['a.example.com']), gateway('b', 'default', ['b.example.com']))), []);
  assert.deepEqual(conflictFindings(docs(gatewayWith('a', 'default', 'istio: ingressgateway', 80, ['*']), gatewayWith('b', 'default', 'istio: ingressgateway', 8080, ['*']))), []);
  assert.deepEqual(conflictFindings(docs(gatewayWith('a', 'default', 'istio: ingressgateway', 80, ['*']), gatewayWith('b', 'default', 'app: internal-gw', 80, ['*']))), []);
});

test('same selector, port and overlapping host is an error on each Gateway, across namespaces', () => {
  const found = conflictFindings(docs(gateway('a', 'default', ['*.example.com']), gateway('b', 'other', ['shop.example.com'])));
  assert.equal(found.length, 2);
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, '"*.example.com"');
  assert.match(found[0].message, /Conflict with Gateway other\/b: both select the same workload \(istio=ingressgateway\), listen on port 80 and serve host \*\.example\.com/);
  assert.equal(found[1].text, '"shop.example.com"');
});

test('an edit to a Gateway re-checks only the Gateways that serve one of its hosts (before or after), or a wildcard', () => {
  const engine = engineWith({
    'a.yaml': gateway('a', 'default', ['a.example.com']),
    'b.yaml': gateway('b', 'default', ['b.example.com']),
    'c.yaml': gateway('c', 'default', ['c.example.com']),
    'wild.yaml': gatewayWith('wild', 'default', 'istio: ingressgateway', 8080, ['*']),
  });
  for (const name of ['a.yaml', 'b.yaml', 'c.yaml', 'wild.yaml']) engine.diagnose(uriOf(name));
  // b now serves a's host: a and b conflict; c, and the wildcard Gateway on another port, are not re-checked.
  const affected = engine.setFile(uriOf('b.yaml'), gateway('b', 'default', ['a.example.com']));
  assert.deepEqual([...affected].sort(), [uriOf('a.yaml'), uriOf('b.yaml')]);
  assert.equal(findingsIn(engine, 'a.yaml').filter((f) => f.code === 'IST0145').length, 1);
  for (const name of ['b.yaml', 'c.yaml', 'wild.yaml']) engine.diagnose(uriOf(name));
  // A wildcard on port 80 overlaps every host there: every Gateway on the port reads it.
  const widened = engine.setFile(uriOf('wild.yaml'), gatewayWith('wild', 'default', 'istio: ingressgateway', 80, ['*']));
  assert.deepEqual([...widened].sort(), ['a.yaml', 'b.yaml', 'c.yaml', 'wild.yaml'].map(uriOf));
  assert.equal(findingsIn(engine, 'c.yaml').filter((f) => f.code === 'IST0145').length, 1);
});
