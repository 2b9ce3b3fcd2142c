import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, engineWith, findingsIn } from '../helpers/engine';
import { applyWorkspaceEdit, fixesOf } from '../helpers/apply-edits';
import { virtualService } from '../helpers/manifests';

const deprecations = (text: string) => check(text).filter((f) => f.code === 'IST0002');

/** A VirtualService whose http rules carry the given `delay` bodies (flow maps), in order. */
const withDelays = (...delays: string[]) =>
  virtualService(
    'cart',
    'shop',
    ['cart'],
    [],
    `  http:\n${delays.map((d, i) => `  - match:\n    - uri: {prefix: /r${i}}\n    fault:\n      delay: ${d}\n    route:\n    - destination: {host: cart}\n`).join('')}`,
  );

const sidecar = (policy: string) =>
  `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  outboundTrafficPolicy:\n${policy}`;

const crd = (apiVersion: string, group: string, kind: string) =>
  `apiVersion: ${apiVersion}\nkind: CustomResourceDefinition\nmetadata:\n  name: x.${group}\nspec:\n  group: ${group}\n  names:\n    kind: ${kind}\n    plural: x\n  scope: Namespaced\n`;

test('fault.delay.percent above 0 is deprecated (IST0002 warning on the entry), with percentage.value as the replacement', () => {
  const found = deprecations(withDelays('{fixedDelay: 1s, percent: 30}'));
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'warning');
  assert.equal(found[0].text, 'percent: 30');
  assert.match(found[0].message, /fault\.delay\.percent in http\[0\] is deprecated; use fault\.delay\.percentage\.value/);
});

test('several rules with a percent make one finding (istioctl says it once), naming the others', () => {
  const found = deprecations(withDelays('{fixedDelay: 1s, percent: 30}', '{fixedDelay: 1s}', '{fixedDelay: 1s, percent: "5"}'));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /in http\[0\] \(also in http\[2\]\)/);
  assert.equal(found[0].finding.related?.[0].message, 'fault.delay.percent in http[2]');
});

test('percent 0, negative, fractional, a placeholder, or only percentage: nothing deprecated', () => {
  for (const delay of ['{fixedDelay: 1s, percent: 0}', '{fixedDelay: 1s, percent: -5}', '{fixedDelay: 1s, percent: 2.5}', '{fixedDelay: 1s, percent: "${PCT}"}', '{fixedDelay: 1s, percentage: {value: 10}}']) {
    assert.deepEqual(deprecations(withDelays(delay)), [], delay);
  }
});

test('the quick fix rewrites percent into percentage.value, and the finding goes away', () => {
  const text = withDelays('{fixedDelay: 1s, percent: 30}');
  const engine = engineWith({ 'vs.yaml': text });
  const [found] = findingsIn(engine, 'vs.yaml').filter((f) => f.code === 'IST0002');
  const [fix] = fixesOf(engine, 'vs.yaml', found).filter((a) => a.title === 'Write percentage: {value: 30}');
  assert.ok(fix?.edit);
  const after = applyWorkspaceEdit(engine, fix.edit)['file:///vs.yaml'];
  assert.match(after, /delay: \{fixedDelay: 1s, percentage: \{value: 30\}\}/);
  assert.deepEqual(findingsIn(engine, 'vs.yaml').filter((f) => f.code.startsWith('IST')), []);
});

test('no rewrite is offered where percentage is already written', () => {
  const [found] = deprecations(withDelays('{fixedDelay: 1s, percent: 30, percentage: {value: 30}}'));
  assert.equal(found.finding.data, undefined);
});

test('a Sidecar egressProxy is reported as ignored; none or null is fine', () => {
  const found = deprecations(sidecar('    mode: ALLOW_ANY\n    egressProxy:\n      host: proxy.example.com\n      port: {number: 3128}\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'egressProxy');
  assert.match(found[0].message, /outboundTrafficPolicy\.egressProxy is ignored/);
  // An empty egressProxy is still set, as istioctl reads it.
  assert.equal(deprecations(sidecar('    mode: ALLOW_ANY\n    egressProxy: {}\n')).length, 1);
  assert.deepEqual(deprecations(sidecar('    mode: ALLOW_ANY\n')), []);
  assert.deepEqual(deprecations(sidecar('    mode: ALLOW_ANY\n    egressProxy:\n')), []);
});

test('a CustomResourceDefinition of a removed rbac.istio.io kind is reported on its kind; other groups, kinds and versions are not', () => {
  for (const kind of ['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding']) {
    const found = deprecations(crd('apiextensions.k8s.io/v1', 'rbac.istio.io', kind));
    assert.equal(found.length, 1, kind);
    assert.equal(found[0].text, kind);
    assert.match(found[0].message, new RegExp(`custom resource type rbac.istio.io ${kind} is removed`));
  }
  assert.deepEqual(deprecations(crd('apiextensions.k8s.io/v1', 'rbac.example.com', 'ServiceRole')), []);
  assert.deepEqual(deprecations(crd('apiextensions.k8s.io/v1', 'rbac.istio.io', 'AuthorizationPolicy')), []);
  assert.deepEqual(deprecations(crd('apiextensions.k8s.io/v1beta1', 'rbac.istio.io', 'ServiceRole')), []);
});
