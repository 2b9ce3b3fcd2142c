import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { hboneListener, labelled, waypoint } from '../helpers/ambient';

const useWaypoint = (text: string) => check(text).filter((f) => f.code === 'IY0302' || f.code === 'IY0303');
const uses = (name: string, namespace?: string) => ({ 'istio.io/use-waypoint': name, ...(namespace ? { 'istio.io/use-waypoint-namespace': namespace } : {}) });
const fromAll = hboneListener('        from: All\n');

test('a Service using a waypoint of its namespace is fine; of another namespace, not by default', () => {
  assert.deepEqual(useWaypoint(docs(waypoint('wp', 'apps'), labelled('Service', 'reviews', 'apps', uses('wp')))), []);
  assert.equal(useWaypoint(docs(waypoint('wp', 'apps'), labelled('Service', 'reviews', 'other', uses('wp', 'apps')))).length, 1);
});

test('a waypoint that does not exist in a namespace whose Gateways the workspace holds: IY0302 on the label value, naming the waypoints there', () => {
  const found = useWaypoint(docs(waypoint('wp', 'apps'), labelled('Service', 'reviews', 'apps', uses('nope'))));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0302');
  assert.equal(found[0].severity, 'error');
  assert.equal(found[0].text, '"nope"');
  assert.match(found[0].message, /no Gateway API Gateway "nope" in namespace apps/);
  assert.match(found[0].message, /Waypoints in namespace apps: wp/);
});

test('a waypoint missing from a namespace whose Gateways the workspace does not hold is not judged', () => {
  assert.deepEqual(useWaypoint(docs(waypoint('wp', 'other'), labelled('Service', 'reviews', 'apps', uses('nope')))), []);
  assert.equal(useWaypoint(docs(waypoint('wp', 'other'), labelled('Service', 'reviews', 'apps', uses('nope', 'other')))).length, 1);
});

test('a waypoint of that name in another namespace: IY0302 says where, and the use-waypoint-namespace label to add', () => {
  const found = useWaypoint(docs(waypoint('wp', 'shared', { listeners: fromAll }), labelled('Pod', 'r1', 'apps', uses('wp'))));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0302');
  assert.match(found[0].message, /exists in namespace shared: label Pod apps\/r1 with istio.io\/use-waypoint-namespace: shared/);
  assert.equal(found[0].finding.related?.[0].resource?.namespace, 'shared');
});

test('istio.io/use-waypoint-namespace picks the waypoint namespace; from: All admits, the default Same does not', () => {
  const service = labelled('Service', 'reviews', 'apps', uses('wp', 'shared'));
  assert.deepEqual(useWaypoint(docs(waypoint('wp', 'shared', { listeners: fromAll }), service)), []);
  const found = useWaypoint(docs(waypoint('wp', 'shared'), service));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0303');
  assert.equal(found[0].text, '"wp"');
  assert.match(found[0].message, /waypoint shared\/wp does not admit namespace apps: .*allowedRoutes.namespaces.from: Same, the default/);
  assert.match(found[0].message, /set allowedRoutes.namespaces.from: All/);
  const same = useWaypoint(docs(waypoint('wp', 'shared', { listeners: hboneListener('        from: Same\n') }), service));
  assert.match(same[0].message, /from: Same\)/);
});

test('a Selector on the HBONE listener admits the namespaces whose labels it matches', () => {
  const selector = hboneListener('        from: Selector\n        selector:\n          matchLabels:\n            mesh: ambient\n');
  const service = labelled('Service', 'reviews', 'apps', uses('wp', 'shared'));
  assert.deepEqual(useWaypoint(docs(waypoint('wp', 'shared', { listeners: selector }), labelled('Namespace', 'apps', '', { mesh: 'ambient' }), service)), []);
  const found = useWaypoint(docs(waypoint('wp', 'shared', { listeners: selector }), labelled('Namespace', 'apps', '', { mesh: 'sidecar' }), service));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /selector matches, and namespace apps's labels do not match/);
  // Without the Namespace object its labels are unknown: nothing is said.
  assert.deepEqual(useWaypoint(docs(waypoint('wp', 'shared', { listeners: selector }), service)), []);
});

test('istio.io/use-waypoint: none opts out', () => {
  assert.equal(useWaypoint(docs(waypoint('wp', 'apps'), labelled('Service', 'reviews', 'apps', uses('nonexistent')))).length, 1);
  assert.deepEqual(useWaypoint(docs(waypoint('wp', 'apps'), labelled('Service', 'reviews', 'apps', uses('none')), labelled('Namespace', 'apps', '', uses('none')))), []);
});

test('a Gateway that is not a waypoint: IY0303 says so', () => {
  const ingress = waypoint('ingress', 'apps', { className: 'istio', listeners: '  - name: http\n    port: 80\n    protocol: HTTP\n' });
  const found = useWaypoint(docs(ingress, labelled('Service', 'reviews', 'apps', uses('ingress'))));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0303');
  assert.match(found[0].message, /Gateway apps\/ingress is not a waypoint \(its class is istio, not istio-waypoint, and it has no HBONE listener on port 15008\)/);
});

test('waypoint-for: the default (service) serves Services and ServiceEntries, not Pods or WorkloadEntries', () => {
  const wp = waypoint('wp', 'apps');
  assert.deepEqual(useWaypoint(docs(wp, labelled('Service', 's', 'apps', uses('wp')), labelled('ServiceEntry', 'se', 'apps', uses('wp')))), []);
  const found = useWaypoint(docs(wp, labelled('Pod', 'p', 'apps', uses('wp')), labelled('WorkloadEntry', 'we', 'apps', uses('wp'))));
  assert.deepEqual(found.map((f) => f.code), ['IY0303', 'IY0303']);
  assert.match(found[0].message, /serves service traffic only \(no istio.io\/waypoint-for label: the default\), which does not cover the workload traffic of Pod apps\/p:/);
  assert.match(found[0].message, /label the waypoint istio.io\/waypoint-for: workload \(or all\)/);
});

test('waypoint-for workload serves Pods only, all serves both, none serves nothing', () => {
  const pod = labelled('Pod', 'p', 'apps', uses('wp'));
  const svc = labelled('Service', 's', 'apps', uses('wp'));
  const forTraffic = (value: string) => waypoint('wp', 'apps', { labels: { 'istio.io/waypoint-for': value } });
  assert.deepEqual(useWaypoint(docs(forTraffic('workload'), pod)), []);
  const svcOnWorkload = useWaypoint(docs(forTraffic('workload'), svc));
  assert.equal(svcOnWorkload.length, 1);
  assert.match(svcOnWorkload[0].message, /has its istio.io\/waypoint-for: workload, which does not cover the service traffic of Service apps\/s:/);
  assert.deepEqual(useWaypoint(docs(forTraffic('all'), pod, svc)), []);
  assert.equal(useWaypoint(docs(forTraffic('none'), pod, svc)).length, 2);
});

test('waypoint-for from the GatewayClass, overridden by the Gateway', () => {
  const workloadClass = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: istio-waypoint
  labels:
    istio.io/waypoint-for: workload
spec:
  controllerName: istio.io/mesh-controller
`;
  const svc = labelled('Service', 's', 'apps', uses('wp'));
  const found = useWaypoint(docs(workloadClass, waypoint('wp', 'apps'), svc));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /has its GatewayClass istio-waypoint's istio.io\/waypoint-for: workload/);
  assert.deepEqual(useWaypoint(docs(workloadClass, waypoint('wp', 'apps', { labels: { 'istio.io/waypoint-for': 'service' } }), svc)), []);
});

test('a Namespace uses a waypoint of its own namespace by default; without the HBONE listener only its own namespace is admitted', () => {
  assert.deepEqual(useWaypoint(docs(labelled('Namespace', 'apps', '', uses('wp')), waypoint('wp', 'apps'))), []);
  const noHbone = waypoint('wp', 'shared', { listeners: '  - name: http\n    port: 80\n    protocol: HTTP\n' });
  assert.deepEqual(useWaypoint(docs(labelled('Namespace', 'shared', '', uses('wp')), noHbone)), []);
  const found = useWaypoint(docs(labelled('Namespace', 'apps', '', uses('wp', 'shared')), noHbone));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'IY0303');
  assert.match(found[0].message, /waypoint shared\/wp does not admit namespace apps: it has no HBONE listener on port 15008, so it admits only its own namespace/);
});

test('a Namespace on a workload-only waypoint: its inheriting Services are refused, a Service label of its own overrides', () => {
  const ns = labelled('Namespace', 'apps', '', uses('wp'));
  const wp = waypoint('wp', 'apps', { labels: { 'istio.io/waypoint-for': 'workload' } });
  assert.deepEqual(useWaypoint(docs(ns, wp)), [], 'no Services of the namespace in the workspace: the workloads use it');
  const found = useWaypoint(docs(ns, wp, labelled('Service', 'inherits', 'apps', {}), labelled('Service', 'own', 'apps', uses('svc-wp')), labelled('Service', 'out', 'apps', uses('none')), waypoint('svc-wp', 'apps')));
  assert.equal(found.length, 1);
  assert.equal(found[0].finding.resource?.kind, 'Namespace');
  assert.match(found[0].message, /istiod refuses the binding of Service inherits \(UnsupportedTrafficType\)/);
  assert.deepEqual(found[0].finding.related?.map((r) => r.resource?.name), ['wp', 'inherits']);
  assert.deepEqual(useWaypoint(docs(ns, wp, labelled('Service', 'own', 'apps', uses('svc-wp')), waypoint('svc-wp', 'apps'))), []);
  const none = useWaypoint(docs(ns, waypoint('wp', 'apps', { labels: { 'istio.io/waypoint-for': 'none' } })));
  assert.equal(none.length, 1);
  assert.match(none[0].message, /serves neither service nor workload traffic/);
});

test('editing the waypoint in another file withdraws the finding on the Namespace', () => {
  const engine = engineWith({
    'ns.yaml': labelled('Namespace', 'apps', '', uses('wp', 'shared')),
    'wp.yaml': waypoint('wp', 'shared', { listeners: '  - name: http\n    port: 80\n    protocol: HTTP\n' }),
  });
  const codes = () => findingsIn(engine, 'ns.yaml').map((f) => f.code);
  assert.deepEqual(codes(), ['IY0303']);
  // The HBONE listener with the default Same: still not admitted.
  assert.ok(engine.setFile(uriOf('wp.yaml'), waypoint('wp', 'shared')).has(uriOf('ns.yaml')));
  assert.deepEqual(codes(), ['IY0303']);
  assert.ok(engine.setFile(uriOf('wp.yaml'), waypoint('wp', 'shared', { listeners: fromAll })).has(uriOf('ns.yaml')));
  assert.deepEqual(codes(), []);
  engine.setFile(uriOf('wp.yaml'), waypoint('wp', 'shared', { listeners: fromAll, labels: { 'istio.io/waypoint-for': 'none' } }));
  assert.deepEqual(codes(), ['IY0303']);
  engine.removeFile(uriOf('wp.yaml'));
  assert.deepEqual(codes(), [], 'no Gateways of namespace shared left: not judged');
});

test('a pod template label of a Deployment is judged as its Pods\' label', () => {
  const deployment = (labels: Record<string, string>) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews
  namespace: apps
  labels:
    istio.io/use-waypoint: ignored-on-the-deployment
spec:
  selector:
    matchLabels:
      app: reviews
  template:
    metadata:
      labels:
        app: reviews
${Object.entries(labels).map(([k, v]) => `        ${k}: ${v}\n`).join('')}    spec:
      containers:
      - name: app
        image: app:1
`;
  const workloadWaypoint = waypoint('wp', 'apps', { labels: { 'istio.io/waypoint-for': 'workload' } });
  assert.deepEqual(useWaypoint(docs(workloadWaypoint, deployment({}))), [], 'the Deployment\'s own labels do not reach its pods');
  assert.deepEqual(useWaypoint(docs(workloadWaypoint, deployment(uses('wp')))), []);
  const found = useWaypoint(docs(waypoint('wp', 'apps'), deployment(uses('wp'))));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, 'wp');
  assert.match(found[0].message, /does not cover the workload traffic of the pods of Deployment apps\/reviews/);
});

test('a waypoint of another controller (its GatewayClass names it) is not judged by Istio\'s rules', () => {
  const foreignClass = `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: example\nspec:\n  controllerName: example.com/waypoint-controller\n`;
  const foreignWaypoint = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: example-waypoint\n  namespace: default\nspec:\n  gatewayClassName: example\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n`;
  const entry = `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: mcp\n  namespace: default\n  labels:\n    istio.io/use-waypoint: example-waypoint\nspec:\n  hosts:\n  - mcp.example.com\n  resolution: STATIC\n  ports:\n  - name: http\n    number: 80\n    protocol: HTTP\n`;
  const codes = (text: string) => check(text).filter((f) => f.code.startsWith('IY03')).map((f) => f.code);
  assert.deepEqual(codes(docs(foreignClass, foreignWaypoint, entry)), []);
  // Without its GatewayClass the Gateway is judged as Istio would: it is no waypoint.
  assert.deepEqual(codes(docs(foreignWaypoint, entry)), ['IY0303']);
});
