import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';

const versionFindings = (text: string) => check(text).filter((f) => f.code === 'IY0108');

const resource = (apiVersion: string, kind: string, spec = '  host: app\n') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: app
spec:
${spec}`;

test('v1 and kinds without a v1 are fine', () => {
  assert.deepEqual(versionFindings(resource('networking.istio.io/v1', 'DestinationRule')), []);
  assert.deepEqual(versionFindings(resource('networking.istio.io/v1alpha3', 'EnvoyFilter', '  configPatches: []\n')), []);
});

test('v1alpha3 and v1beta1 get a hint on the apiVersion with the replacement', () => {
  for (const version of ['v1alpha3', 'v1beta1']) {
    const found = versionFindings(resource(`networking.istio.io/${version}`, 'DestinationRule'));
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'hint');
    assert.equal(found[0].text, `networking.istio.io/${version}`);
    assert.equal(found[0].line, 1);
    assert.deepEqual(found[0].finding.data, { fix: 'replace-value', replacement: 'networking.istio.io/v1' });
  }
});

test('security v1beta1 and telemetry v1alpha1 too', () => {
  const found = versionFindings(resource('security.istio.io/v1beta1', 'PeerAuthentication', '  mtls:\n    mode: STRICT\n'));
  assert.deepEqual(found[0]?.finding.data?.replacement, 'security.istio.io/v1');
  const telemetry = versionFindings(resource('telemetry.istio.io/v1alpha1', 'Telemetry', '  tracing: []\n'));
  assert.deepEqual(telemetry[0]?.finding.data?.replacement, 'telemetry.istio.io/v1');
});

test('Gateway API: older versions get the v1 replacement, with what the cluster still serves', () => {
  const gateway = '  gatewayClassName: istio\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n';
  const v1beta1 = versionFindings(resource('gateway.networking.k8s.io/v1beta1', 'Gateway', gateway));
  assert.equal(v1beta1.length, 1);
  assert.equal(v1beta1[0].severity, 'hint');
  assert.deepEqual(v1beta1[0].finding.data, { fix: 'replace-value', replacement: 'gateway.networking.k8s.io/v1' });
  assert.match(v1beta1[0].message, /older version of Gateway; gateway\.networking\.k8s\.io\/v1 is the stable one \(Gateway API 1\.0 and later\)/);
  const grant = '  from:\n  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: a\n  to:\n  - group: ""\n    kind: Service\n';
  // ReferenceGrant v1 is new in Gateway API 1.5: v1beta1, which every cluster serves, is not nudged.
  assert.deepEqual(versionFindings(resource('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', grant)), []);
  const route = '  rules:\n  - backendRefs:\n    - name: s\n      port: 1\n';
  assert.match(versionFindings(resource('gateway.networking.k8s.io/v1alpha2', 'GRPCRoute', route))[0]?.message ?? '', /no longer served/);
  assert.match(versionFindings(resource('gateway.networking.k8s.io/v1alpha2', 'TCPRoute', route))[0]?.message ?? '', /Gateway API 1\.6 or later/);
  assert.match(versionFindings(resource('gateway.networking.k8s.io/v1alpha3', 'BackendTLSPolicy', '  targetRefs: []\n'))[0]?.message ?? '', /deprecated/);
  for (const kind of ['Gateway', 'HTTPRoute', 'TCPRoute', 'ListenerSet']) {
    assert.deepEqual(versionFindings(resource('gateway.networking.k8s.io/v1', kind, route)), [], kind);
  }
});
