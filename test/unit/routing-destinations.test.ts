import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackendRefView } from '../../server/src/engine/model/gateway-api/views';
import { describeResource } from '../../server/src/engine/model/resource';
import { effectiveBackendWeights, effectiveWeights, resolveBackend, resolveIstioDestination } from '../../server/src/engine/model/routing/destinations';
import { docs, engineWith } from '../helpers/engine';
import { referenceGrant, service } from '../helpers/gateway-api-routes';
import { destinationRule } from '../helpers/manifests';
import { meshDeployment, selectingService } from '../helpers/workloads';

const reviewsFqdn = 'reviews.shop.svc.cluster.local';

/** DestinationRule `name` in `namespace` for `host` with one subset named after where it lives, plus `extra` spec lines. */
const rule = (name: string, namespace: string, host: string, extra = '') => destinationRule(name, namespace, host, [`from-${namespace}`], extra);

function resolve(files: string, client: string, destination: { host: string; subset?: string; port?: number } = { host: reviewsFqdn }, routeNamespace = 'shop') {
  const engine = engineWith({ 'all.yaml': files });
  return resolveIstioDestination(engine.workspace.index, destination, routeNamespace, client);
}

const ruleName = (r: ReturnType<typeof resolve>) => (r.destinationRule ? `${r.destinationRule.namespace}/${r.destinationRule.name}` : undefined);

test("the client's namespace first, then the service's, then istio-system", () => {
  const svc = selectingService('reviews', 'shop', 'reviews', ['9080']);
  const all = docs(svc, rule('client', 'app', reviewsFqdn), rule('owner', 'shop', reviewsFqdn), rule('root', 'istio-system', reviewsFqdn));
  assert.equal(ruleName(resolve(all, 'app')), 'app/client');
  assert.equal(ruleName(resolve(all, 'other')), 'shop/owner');
  assert.equal(ruleName(resolve(docs(svc, rule('root', 'istio-system', reviewsFqdn)), 'app')), 'istio-system/root');
  assert.equal(ruleName(resolve(svc, 'app')), undefined);
});

test("exportTo decides which of the service's and the root namespace's rules a client sees", () => {
  const svc = selectingService('reviews', 'shop', 'reviews', ['9080']);
  const root = rule('root', 'istio-system', reviewsFqdn);
  // Private to shop: a client elsewhere falls through to the root namespace.
  const privateRule = rule('owner', 'shop', reviewsFqdn, '  exportTo: ["."]\n');
  assert.equal(ruleName(resolve(docs(svc, privateRule, root), 'app')), 'istio-system/root');
  assert.equal(ruleName(resolve(docs(svc, privateRule, root), 'shop')), 'shop/owner');
  // Exported to one namespace only.
  const toApp = rule('owner', 'shop', reviewsFqdn, '  exportTo: ["app"]\n');
  assert.equal(ruleName(resolve(docs(svc, toApp, root), 'app')), 'shop/owner');
  assert.equal(ruleName(resolve(docs(svc, toApp, root), 'other')), 'istio-system/root');
  // A rule of the client's namespace exported only elsewhere is not the client's own.
  const elsewhere = rule('client', 'app', reviewsFqdn, '  exportTo: ["shop"]\n');
  assert.equal(ruleName(resolve(docs(svc, elsewhere, root), 'app')), 'istio-system/root');
});

test('the exact host beats a wildcard of the same place; of two wildcards the more specific wins; the place comes first', () => {
  const svc = selectingService('reviews', 'shop', 'reviews', ['9080']);
  const exact = rule('exact', 'shop', reviewsFqdn);
  const narrow = rule('narrow', 'shop', '*.shop.svc.cluster.local');
  const wide = rule('wide', 'shop', '*.svc.cluster.local');
  assert.equal(ruleName(resolve(docs(svc, wide, narrow, exact), 'shop')), 'shop/exact');
  assert.equal(ruleName(resolve(docs(svc, wide, narrow), 'shop')), 'shop/narrow');
  assert.equal(ruleName(resolve(docs(svc, narrow, wide), 'shop')), 'shop/narrow');
  // A wildcard of the client's namespace wins over the exact host in the service's namespace.
  assert.equal(ruleName(resolve(docs(svc, exact, rule('mine', 'app', '*.svc.cluster.local')), 'app')), 'app/mine');
});

test("a short host is resolved in the route's namespace, the rule's short host in the rule's", () => {
  const svc = selectingService('reviews', 'shop', 'reviews', ['9080']);
  const resolved = resolve(docs(svc, rule('owner', 'shop', 'reviews')), 'shop', { host: 'reviews', port: 9080 });
  assert.equal(resolved.host, reviewsFqdn);
  assert.equal(resolved.port, 9080);
  assert.equal(ruleName(resolved), 'shop/owner');
  assert.equal(resolved.target && describeResource(resolved.target), 'Service shop/reviews');
});

test("subset labels narrow the service's workloads", () => {
  const files = docs(
    selectingService('reviews', 'shop', 'reviews', ['9080']),
    destinationRule('reviews', 'shop', 'reviews', ['v1', 'v2', 'v9']),
    meshDeployment('reviews-v1', 'shop', 'reviews', { version: 'v1' }),
    meshDeployment('reviews-v2', 'shop', 'reviews', { version: 'v2' }),
    meshDeployment('ratings', 'shop', 'ratings', { version: 'v1' }),
    meshDeployment('reviews-v1', 'other', 'reviews', { version: 'v1' }),
  );
  const names = (r: ReturnType<typeof resolve>) => r.workloads.map(describeResource);
  const all = resolve(files, 'shop');
  assert.deepEqual(names(all), ['Deployment shop/reviews-v1', 'Deployment shop/reviews-v2']);
  assert.deepEqual(all.warnings, []);
  const v1 = resolve(files, 'shop', { host: 'reviews', subset: 'v1' });
  assert.deepEqual(names(v1), ['Deployment shop/reviews-v1']);
  assert.deepEqual(v1.subsetLabels, { version: 'v1' });
  assert.equal(v1.subset, 'v1');
  const v9 = resolve(files, 'shop', { host: 'reviews', subset: 'v9' });
  assert.deepEqual(names(v9), []);
  assert.equal(v9.warnings.length, 1);
  assert.match(v9.warnings[0], /subset v9 .*selects none of the 2 workloads of Service shop\/reviews/);
  const undefinedSubset = resolve(files, 'shop', { host: 'reviews', subset: 'v3' });
  assert.match(undefinedSubset.warnings.join('\n'), /subset v3 is not defined by DestinationRule shop\/reviews \(its subsets: v1, v2, v9\)/);
  const noRule = resolve(selectingService('reviews', 'shop', 'reviews', ['9080']), 'shop', { host: 'reviews', subset: 'v1' });
  assert.match(noRule.warnings.join('\n'), /subset v1 is not defined: no DestinationRule for reviews\.shop\.svc\.cluster\.local applies/);
});

test('a ServiceEntry: its workloadSelector picks the workloads', () => {
  const entry = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: legacy
  namespace: shop
spec:
  hosts: [legacy.example.com]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: STATIC
  workloadSelector:
    labels:
      app: legacy
`;
  const resolved = resolve(docs(entry, meshDeployment('legacy', 'shop', 'legacy'), meshDeployment('web', 'shop', 'web')), 'shop', { host: 'legacy.example.com' });
  assert.equal(resolved.target && describeResource(resolved.target), 'ServiceEntry shop/legacy');
  assert.deepEqual(resolved.workloads.map(describeResource), ['Deployment shop/legacy']);
});

test('hosts not among the files: missing where the namespace is known, else said to be external or defined elsewhere', () => {
  const files = docs(selectingService('reviews', 'shop', 'reviews', ['9080']));
  const missing = resolve(files, 'shop', { host: 'ratings' });
  assert.match(missing.warnings.join('\n'), /host ratings\.shop\.svc\.cluster\.local not found: .*the Services of namespace shop here: reviews/);
  assert.equal(missing.problems[0].broken, true);
  const external = resolve(files, 'shop', { host: 'api.partner.io' });
  assert.equal(external.host, 'api.partner.io');
  assert.equal(external.target, undefined);
  const elsewhere = resolve(files, 'shop', { host: 'cart.payments.svc.cluster.local' });
  assert.match(elsewhere.warnings.join('\n'), /not declared in these files: an external host, or a service defined elsewhere/);
  assert.equal(elsewhere.problems[0].broken, false);
  const placeholder = resolve(files, 'shop', { host: '${HOST}' });
  assert.match(placeholder.warnings.join('\n'), /placeholder/);
});

function backendRef(fields: { name: string; namespace?: string; kind?: string; group?: string; port?: number; weight?: number }): BackendRefView {
  const at = { start: 0, end: 0 };
  const text = (value: string | undefined) => (value === undefined ? undefined : { value, range: at });
  const out: BackendRefView = { range: at };
  const name = text(fields.name);
  if (name) out.name = name;
  const namespace = text(fields.namespace);
  if (namespace) out.namespace = namespace;
  const kind = text(fields.kind);
  if (kind) out.kind = kind;
  const group = text(fields.group);
  if (group) out.group = group;
  if (fields.port !== undefined) out.port = { value: fields.port, range: at };
  if (fields.weight !== undefined) out.weight = { value: fields.weight, range: at };
  return out;
}

test('Gateway API backends: a Service is its cluster FQDN; another namespace needs a ReferenceGrant', () => {
  const files = docs(service('reviews', 'shop', [9080]), destinationRule('reviews', 'shop', 'reviews', ['v1']));
  const index = (extra = '') => engineWith({ 'all.yaml': extra ? docs(files, extra) : files }).workspace.index;
  const same = resolveBackend(index(), backendRef({ name: 'reviews', port: 9080 }), 'shop', 'shop');
  assert.equal(same.host, reviewsFqdn);
  assert.equal(same.port, 9080);
  assert.equal(same.subset, null);
  assert.equal(ruleName(same), 'shop/reviews');
  assert.deepEqual(same.warnings, []);
  const across = resolveBackend(index(), backendRef({ name: 'reviews', namespace: 'shop', port: 9080 }), 'web', 'web');
  assert.equal(across.host, reviewsFqdn);
  assert.match(across.warnings.join('\n'), /refused: Service shop\/reviews is in another namespace and no ReferenceGrant in namespace shop allows HTTPRoutes of namespace web/);
  const grant = referenceGrant('shop', { kind: 'HTTPRoute', namespace: 'web' }, { kind: 'Service' });
  const granted = resolveBackend(index(grant), backendRef({ name: 'reviews', namespace: 'shop', port: 9080 }), 'web', 'web');
  assert.deepEqual(granted.warnings, []);
  // The grant names HTTPRoutes: a GRPCRoute is still refused.
  assert.match(resolveBackend(index(grant), backendRef({ name: 'reviews', namespace: 'shop' }), 'web', 'web', 'GRPCRoute').warnings.join('\n'), /refused/);
});

test('Gateway API backends of other kinds: a host as best known, with a warning', () => {
  const index = engineWith({ 'all.yaml': service('reviews', 'shop', [9080]) }).workspace.index;
  const imported = resolveBackend(index, backendRef({ name: 'reviews', kind: 'ServiceImport', group: 'multicluster.x-k8s.io' }), 'shop', 'shop');
  assert.equal(imported.host, reviewsFqdn);
  assert.match(imported.warnings.join('\n'), /ServiceImport shop\/reviews: Istio routes to Service shop\/reviews/);
  const hostname = resolveBackend(index, backendRef({ name: 'api.example.com', kind: 'Hostname', group: 'networking.istio.io' }), 'shop', 'shop');
  assert.equal(hostname.host, 'api.example.com');
  const foreign = resolveBackend(index, backendRef({ name: 'bucket', kind: 'Bucket', group: 'storage.example.com' }), 'shop', 'shop');
  assert.match(foreign.warnings.join('\n'), /Istio does not route to backendRefs of kind storage\.example\.com\/Bucket/);
});

test('VirtualService weights as Istio applies them', () => {
  assert.deepEqual(effectiveWeights([undefined]), [100]);
  // One destination takes everything, whatever its weight.
  assert.deepEqual(effectiveWeights([30]), [100]);
  assert.deepEqual(effectiveWeights([80, 20]), [80, 20]);
  // Weights not totalling 100 are relative shares; an absent weight among several is 0.
  assert.deepEqual(effectiveWeights([1, 3]), [25, 75]);
  assert.deepEqual(effectiveWeights([undefined, 50]), [0, 100]);
  assert.deepEqual(effectiveWeights([0, 0]), [0, 0]);
});

test('Gateway API weights: relative to their sum, absent is 1, 0 gets nothing', () => {
  assert.deepEqual(effectiveBackendWeights([undefined]), [100]);
  assert.deepEqual(effectiveBackendWeights([undefined, undefined]), [50, 50]);
  assert.deepEqual(effectiveBackendWeights([1, 0, 3]), [25, 0, 75]);
  assert.deepEqual(effectiveBackendWeights([0]), [0]);
  assert.deepEqual(effectiveBackendWeights([90, 10]), [90, 10]);
});

test('a destination without a host is a broken host link, not a lookup of "" in the namespace', () => {
  const resolved = resolve(rule('owner', 'shop', reviewsFqdn), 'shop', { host: '  ', subset: 'v1' });
  assert.deepEqual(resolved.problems, [{ link: 'host', broken: true, message: 'the destination has no host' }]);
  assert.equal(resolved.host, '');
  assert.equal(resolved.destinationRule, undefined);
});
