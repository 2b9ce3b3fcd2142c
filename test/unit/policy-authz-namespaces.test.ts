import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { namespacePatternMatches } from '../../server/src/engine/analyzers/policy/authz-namespaces';
import { authorizationPolicy, namespace } from '../helpers/security-policies';

const ist0101 = (text: string) => check(text).filter((f) => f.code === 'IST0101');
const fromNamespaces = (namespaces: string[], notNamespaces: string[] = []) =>
  `  rules:\n  - from:\n    - source:\n        namespaces: [${namespaces.map((n) => `"${n}"`).join(', ')}]\n` +
  (notNamespaces.length ? `        notNamespaces: [${notNamespaces.map((n) => `"${n}"`).join(', ')}]\n` : '');
const declared = docs(namespace('shop', { 'istio-injection': 'enabled' }), namespace('payments-eu'), namespace('web-test'));

test('istioctl namespace patterns: *, *suffix, prefix*, exact without case', () => {
  assert.ok(namespacePatternMatches('*', 'x'));
  assert.ok(namespacePatternMatches('*-test', 'web-test'));
  assert.ok(!namespacePatternMatches('*-test', 'web-tests'));
  assert.ok(namespacePatternMatches('pay*', 'payments-eu'));
  assert.ok(namespacePatternMatches('SHOP', 'shop'));
  assert.ok(!namespacePatternMatches('shop', 'shops'));
});

test('a workspace without Namespaces stays quiet', () => {
  assert.deepEqual(ist0101(authorizationPolicy('p', 'shop', fromNamespaces(['nowhere']))), []);
});

test('each entry matching no Namespace is reported on the entry', () => {
  const found = ist0101(docs(declared, authorizationPolicy('p', 'shop', fromNamespaces(['payments-*', '*-test', 'Shop', 'ledger', '*-prod'], ['paymnts-eu']))));
  assert.deepEqual(found.map((f) => f.text), ['"ledger"', '"*-prod"', '"paymnts-eu"']);
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /Referenced namespace not found: "ledger"/);
  assert.match(found[1].message, /matches this pattern/);
  assert.match(found[2].message, /notNamespaces.*excludes nothing/);
});

test('namespaces every cluster has, and the policy own namespace, exist', () => {
  assert.deepEqual(ist0101(docs(declared, authorizationPolicy('p', 'orders', fromNamespaces(['default', 'kube-system', 'istio-system', 'orders', 'kube-*'])))), []);
});

test('placeholders and non-string entries are not judged', () => {
  assert.deepEqual(ist0101(docs(declared, authorizationPolicy('p', 'shop', fromNamespaces(['${TEAM_NS}'])))), []);
  assert.deepEqual(ist0101(docs(declared, authorizationPolicy('p', 'shop', '  rules:\n  - from:\n    - source:\n        namespaces: [[a]]\n'))), []);
  assert.deepEqual(ist0101(docs(declared, authorizationPolicy('p', 'shop', '  rules: oops\n'))), []);
});

test('declaring the namespace in another file clears the finding', () => {
  const engine = engineWith({ 'ns.yaml': declared, 'policy.yaml': authorizationPolicy('p', 'shop', fromNamespaces(['ledger'])) });
  assert.equal(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IST0101').length, 1);
  engine.setFile('file:///ns.yaml', docs(declared, namespace('ledger')));
  assert.equal(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IST0101').length, 0);
});
