import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';

const vs = (body: string, apiVersion = 'networking.istio.io/v1') => `apiVersion: ${apiVersion}
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
${body}`;

const schemaErrors = (text: string) => check(text).filter((f) => f.code === 'IST0106');

test('a valid resource has no findings, in every networking API version', () => {
  const body = '  http:\n  - timeout: 5s\n    route:\n    - destination:\n        host: reviews\n        port:\n          number: 9080\n';
  // IY0108 (older apiVersion) is a hint, not a schema finding.
  for (const version of ['v1', 'v1beta1', 'v1alpha3']) assert.deepEqual(check(vs(body, `networking.istio.io/${version}`)).filter((f) => f.code !== 'IY0108'), []);
});

test('an unknown key is reported on the key, with a suggestion and the object path', () => {
  const [f, ...rest] = schemaErrors(vs('  http:\n  - timout: 5s\n    route:\n    - destination:\n        host: reviews\n'));
  assert.equal(rest.length, 0);
  assert.equal(f.text, 'timout');
  assert.equal(f.line, 9);
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'Unknown field "timout" in spec.http[0]. Did you mean "timeout"? (Our schemas: Istio 1.29.)');
});

test('a wrongly typed value is reported on the value', () => {
  const [f] = schemaErrors(vs('  http:\n  - route:\n    - destination:\n        host: reviews\n      weight: lots\n'));
  assert.equal(f.text, 'lots');
  assert.match(f.message, /Expected a whole number for "weight", found the string "lots"/);
  const [list] = schemaErrors(vs('').replace('  hosts:\n  - reviews\n', '  hosts: reviews\n'));
  assert.equal(list.text, 'reviews');
  assert.match(list.message, /Expected a list for "hosts"/);
});

test('a bad enum value lists the allowed values and the likely intended one', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBINN
`;
  const [f] = schemaErrors(dr);
  assert.equal(f.text, 'ROUND_ROBINN');
  assert.match(f.message, /Invalid value "ROUND_ROBINN" for "simple"\. Did you mean ROUND_ROBIN\? Allowed values: .*LEAST_REQUEST/);
});

test('a missing required field is reported on the parent key', () => {
  const [f] = schemaErrors(vs('  http:\n  - route:\n    - destination:\n        subset: v1\n'));
  assert.equal(f.text, 'destination');
  assert.equal(f.message, 'Missing required field "host" in spec.http[0].route[0].destination.');
  const noName = schemaErrors('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  namespace: x\nspec: {}\n');
  assert.deepEqual(noName.map((x) => [x.text, x.message]), [['metadata', 'Missing required field "name" in metadata.']]);
});

test('overlay constraints: weight range, port range, durations, one-of', () => {
  const weight = schemaErrors(vs('  http:\n  - route:\n    - destination:\n        host: reviews\n      weight: 150\n'));
  assert.deepEqual(weight.map((f) => [f.text, f.message]), [['150', '"weight" must be between 0 and 100, found 150.']]);

  const timeout = schemaErrors(vs('  http:\n  - timeout: 10\n    route:\n    - destination:\n        host: reviews\n'));
  assert.equal(timeout.length, 1);
  assert.match(timeout[0].message, /duration such as 5s/);
  const badDuration = schemaErrors(vs('  http:\n  - timeout: 10 seconds\n    route:\n    - destination:\n        host: reviews\n'));
  assert.match(badDuration[0].message, /Expected a duration such as 5s, 100ms or 1m30s for "timeout", found the string "10 seconds"/);

  const port = schemaErrors(vs('  http:\n  - route:\n    - destination:\n        host: reviews\n        port:\n          number: 70000\n'));
  assert.match(port[0].message, /between 1 and 65535/);

  const both = schemaErrors(vs('  http:\n  - match:\n    - uri:\n        exact: /a\n        prefix: /b\n    route:\n    - destination:\n        host: reviews\n'));
  assert.deepEqual(both.map((f) => [f.text, f.message]), [['prefix', 'Only one of exact, prefix, regex may be set in spec.http[0].match[0].uri, found exact and prefix.']]);
  const none = schemaErrors(vs('  http:\n  - match:\n    - uri: {}\n    route:\n    - destination:\n        host: reviews\n'));
  assert.match(none[0].message, /One of exact, prefix, regex is required in spec\.http\[0\]\.match\[0\]\.uri/);
});

test('a key with no value is treated as absent, like Kubernetes does', () => {
  assert.deepEqual(schemaErrors(vs('  http:\n  - timeout:\n    route:\n    - destination:\n        host: reviews\n')), []);
});

test('unknown kinds and versions of an Istio group are reported', () => {
  const [kind] = check('apiVersion: networking.istio.io/v1\nkind: VirtualServise\nmetadata:\n  name: x\n');
  assert.equal(kind.code, 'IY0002');
  assert.equal(kind.text, 'VirtualServise');
  assert.match(kind.message, /Did you mean VirtualService\?/);
  const [version] = check('apiVersion: networking.istio.io/v1\nkind: EnvoyFilter\nmetadata:\n  name: x\n');
  assert.equal(version.text, 'networking.istio.io/v1');
  assert.match(version.message, /use networking\.istio\.io\/v1alpha3/);
});

test('other YAML is left alone', () => {
  assert.deepEqual(check('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  bogus: [\n'), []);
  assert.deepEqual(check('services:\n  web:\n    image: nginx\n'), []);
  assert.deepEqual(check('apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n'), []);
});

test('a syntax error stays in its document; the others are still checked', () => {
  const text = docs('apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  servers: [\n', vs('  tiemout: 1s\n'));
  const found = check(text);
  assert.ok(found.some((f) => f.code === 'IY0001' && f.line <= 7), JSON.stringify(found));
  assert.ok(found.some((f) => f.code === 'IST0106' && f.text === 'tiemout'));
});

test('anchors, aliases and comments are understood', () => {
  const text = `apiVersion: networking.istio.io/v1 # comment
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels: &labels
      app: reviews
  - name: v2
    labels: *labels
`;
  assert.deepEqual(check(text), []);
});

test('an alias bomb is a finding, not a hang', () => {
  const lines = ['apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata:', '  name: x', 'a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  const started = Date.now();
  const found = check(lines.join('\n') + '\n');
  assert.ok(Date.now() - started < 5000);
  assert.ok(found.some((f) => f.code === 'IST0106' && /alias/i.test(f.message)), JSON.stringify(found.map((f) => f.message)));
});

test('a status block, as kubectl get -o yaml prints it, is never a schema error', () => {
  const status = 'status:\n  addresses:\n  - value: 240.240.0.10\n    host: reviews\n  conditions: 7\n  observedGeneration: "3"\n  anythingElse: {nested: [1, 2]}\n';
  const text = vs('  http:\n  - route:\n    - destination:\n        host: reviews\n') + status;
  assert.deepEqual(schemaErrors(text), []);
  // The same keys under spec are checked: the exemption is for status alone.
  assert.equal(schemaErrors(vs('  anythingElse: {}\n')).length, 1);
});
