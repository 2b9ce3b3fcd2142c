import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';

const deprecatedFindings = (text: string) => check(text).filter((f) => f.code === 'IST0002');

const rule = (policy: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: app
spec:
  host: app
${policy}`;

test('current load balancer settings are fine', () => {
  assert.deepEqual(deprecatedFindings(rule('  trafficPolicy:\n    loadBalancer:\n      simple: LEAST_REQUEST\n')), []);
  assert.deepEqual(deprecatedFindings(rule('  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        ringHash:\n          minimumRingSize: 1024\n')), []);
});

test('LEAST_CONN is deprecated: warning on the value with a replace-value fix', () => {
  const found = deprecatedFindings(rule('  trafficPolicy:\n    loadBalancer:\n      simple: LEAST_CONN\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'LEAST_CONN');
  assert.match(found[0].message, /LEAST_CONN \(for the destination\) is deprecated; Istio applies LEAST_REQUEST in its place/);
  assert.deepEqual(found[0].finding.data, { fix: 'replace-value', replacement: 'LEAST_REQUEST' });
});

test('port-level and subset policies are checked, and deprecated fields too', () => {
  const policy = `  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      loadBalancer:
        simple: LEAST_CONN
        warmupDurationSecs: 30s
  subsets:
  - name: v1
    labels:
      version: v1
    trafficPolicy:
      loadBalancer:
        consistentHash:
          httpHeaderName: x-user
          minimumRingSize: 1024
`;
  const found = deprecatedFindings(rule(policy));
  assert.deepEqual(found.map((f) => f.text), ['LEAST_CONN', 'warmupDurationSecs', 'minimumRingSize']);
  assert.match(found[0].message, /for port 80\)/);
  assert.match(found[1].message, /use loadBalancer\.warmup\.duration/);
  assert.match(found[2].message, /for subset v1\).*ringHash\.minimumRingSize/);
});
