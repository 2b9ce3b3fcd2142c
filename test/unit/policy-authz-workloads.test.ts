import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn } from '../helpers/engine';
import { deployment, pod } from '../helpers/kubernetes';
import { authorizationPolicy, meshPod, namespace, selecting } from '../helpers/security-policies';
import { meshConfigMap } from '../helpers/manifests';

const ist0127 = (text: string) => check(text).filter((f) => f.code === 'IST0127');
const injected = namespace('shop', { 'istio-injection': 'enabled' });
const cart = meshPod('cart-1', 'shop', { app: 'cart' });

test('a workspace without workloads stays quiet', () => {
  assert.deepEqual(ist0127(docs(authorizationPolicy('p', 'shop', selecting({ app: 'cart' })), authorizationPolicy('q', 'empty'))), []);
});

test('a selector matching a mesh pod of its namespace is fine', () => {
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'shop', selecting({ app: 'cart' })))), []);
});

test('a selector matching nothing is reported on matchLabels with the labels', () => {
  const found = ist0127(docs(injected, cart, authorizationPolicy('p', 'shop', selecting({ app: 'kart' }))));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'matchLabels');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /following labels: app=kart/);
  assert.match(found[0].message, /namespace shop/);
});

test('outside the root namespace only the own namespace counts', () => {
  assert.equal(ist0127(docs(injected, cart, authorizationPolicy('p', 'other', selecting({ app: 'cart' })))).length, 1);
});

test('a namespace-wide policy needs some mesh workload in its namespace and points at the name', () => {
  const found = ist0127(docs(injected, cart, authorizationPolicy('deny', 'archive'), authorizationPolicy('deny', 'shop')));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'deny');
  assert.equal(found[0].finding.resource?.namespace, 'archive');
});

test('an empty selector selects every pod of the namespace', () => {
  const spec = '  selector: {}\n';
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'shop', spec))), []);
  const found = ist0127(docs(injected, cart, authorizationPolicy('p', 'archive', spec)));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'selector');
});

test('in the root namespace no selector is mesh-wide and a selector looks everywhere', () => {
  assert.deepEqual(ist0127(docs(cart, authorizationPolicy('base', 'istio-system'))), []);
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'istio-system', selecting({ app: 'cart' })))), []);
  assert.equal(ist0127(docs(injected, cart, authorizationPolicy('p', 'istio-system', selecting({ app: 'none' })))).length, 1);
});

test('the root namespace comes from the mesh config', () => {
  const mesh = meshConfigMap('rootNamespace: mesh-root\n');
  assert.deepEqual(ist0127(docs(mesh, injected, cart, authorizationPolicy('base', 'mesh-root'))), []);
  assert.equal(ist0127(docs(mesh, injected, cart, authorizationPolicy('base', 'istio-system'))).length, 1);
});

test('a matching pod outside the mesh does not count, and is named as related', () => {
  const disabled = namespace('shop', { 'istio-injection': 'disabled' });
  const found = ist0127(docs(disabled, pod('cart-1', 'shop', { app: 'cart' }), authorizationPolicy('p', 'shop', selecting({ app: 'cart' }))));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /not in the mesh/);
  assert.equal(found[0].finding.related?.length, 1);
  assert.equal(found[0].finding.related?.[0].resource?.name, 'cart-1');
  assert.match(found[0].finding.related?.[0].message ?? '', /namespace shop/);
});

test('the pod inject label or annotation, or ambient redirection, puts a pod in the mesh', () => {
  const disabled = namespace('shop', { 'istio-injection': 'disabled' });
  const withMeta = (meta: string) => `apiVersion: v1
kind: Pod
metadata:
  name: cart-1
  namespace: shop
${meta}
spec:
  containers:
  - name: app
    image: example/app:1
`;
  const policy = authorizationPolicy('p', 'shop', selecting({ app: 'cart' }));
  for (const meta of [
    '  labels:\n    app: cart\n    sidecar.istio.io/inject: "true"',
    '  labels:\n    app: cart\n  annotations:\n    sidecar.istio.io/inject: "true"',
    '  labels:\n    app: cart\n  annotations:\n    ambient.istio.io/redirection: enabled',
  ]) {
    assert.deepEqual(ist0127(docs(disabled, withMeta(meta), policy)), [], meta);
  }
  assert.equal(ist0127(docs(injected, withMeta('  labels:\n    app: cart\n    sidecar.istio.io/inject: "false"'), policy)).length, 1);
});

test('deployments count through their pod template; an undeclared namespace is taken as injected', () => {
  assert.deepEqual(ist0127(docs(deployment('cart', 'shop', { app: 'cart' }), authorizationPolicy('p', 'shop', selecting({ app: 'cart' })))), []);
  assert.deepEqual(ist0127(docs(namespace('shop', { 'istio.io/rev': 'stable' }), pod('c', 'shop', { app: 'cart' }), authorizationPolicy('p', 'shop', selecting({ app: 'cart' })))), []);
});

test('a selector with a placeholder value is not judged against a mismatch', () => {
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'shop', selecting({ app: '${APP}' })))), []);
});

test('an unreadable selector is not judged', () => {
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'shop', '  selector: [app]\n'))), []);
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'shop', '  selector:\n    matchLabels: cart\n'))), []);
});

test('adding the namespace label in another file re-runs the check', () => {
  const engine = engineWith({
    'ns.yaml': namespace('shop', { 'istio-injection': 'disabled' }),
    'pods.yaml': pod('cart-1', 'shop', { app: 'cart' }),
    'policy.yaml': authorizationPolicy('p', 'shop', selecting({ app: 'cart' })),
  });
  assert.equal(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IST0127').length, 1);
  engine.setFile('file:///ns.yaml', namespace('shop', { 'istio-injection': 'enabled' }));
  assert.equal(findingsIn(engine, 'policy.yaml').filter((f) => f.code === 'IST0127').length, 0);
});

test('a policy attached by targetRefs is not judged against pods', () => {
  const spec = '  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: edge\n';
  assert.deepEqual(ist0127(docs(injected, cart, authorizationPolicy('p', 'lobby', spec))), []);
  assert.equal(ist0127(docs(injected, cart, authorizationPolicy('p', 'lobby', '  targetRefs: []\n'))).length, 1);
});
