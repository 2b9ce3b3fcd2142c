import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/engine';

const uid = (text: string) => check(text).filter((f) => f.code === 'IST0144');

const podWith = (spec: string, labels = '') => `apiVersion: v1
kind: Pod
metadata:
  name: worker
${labels}spec:
${spec}`;

test('runAsUser 1337 at pod level: a warning on the value', () => {
  const found = uid(podWith('  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: main\n    image: example/main:1\n'));
  assert.equal(found.length, 1);
  assert.equal(found[0].text, '1337');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /runAsUser 1337 \(in the pod securityContext\) is the UID reserved for the sidecar proxy/);
});

test('several places in one resource give one finding that lists them', () => {
  const spec = '  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: a\n    image: x\n    securityContext:\n      runAsUser: 1337\n  - name: b\n    image: x\n    securityContext:\n      runAsUser: 1337\n';
  const found = uid(podWith(spec));
  assert.equal(found.length, 1);
  assert.match(found[0].message, /in the pod securityContext, container a, container b/);
});

test('istio-proxy and istio-operator containers, init containers, other UIDs and the control plane are fine', () => {
  const istio = '  containers:\n  - name: istio-proxy\n    image: x\n    securityContext:\n      runAsUser: 1337\n  - name: istio-operator\n    image: x\n    securityContext:\n      runAsUser: 1337\n';
  assert.deepEqual(uid(podWith(istio)), []);
  assert.deepEqual(uid(podWith('  initContainers:\n  - name: init\n    image: x\n    securityContext:\n      runAsUser: 1337\n  containers:\n  - name: a\n    image: x\n')), []);
  assert.deepEqual(uid(podWith('  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: a\n    image: x\n')), []);
  const pod1337 = '  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: a\n    image: x\n';
  assert.deepEqual(uid(podWith(pod1337, '  labels:\n    istio: pilot\n')), []);
  assert.deepEqual(uid(podWith(pod1337, '  labels:\n    release: istio\n')), []);
  assert.equal(uid(podWith(pod1337, '  labels:\n    release: app\n')).length, 1);
});

test('Deployments and other controllers are checked in their pod template', () => {
  const template = (kind: string, apiVersion: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: store
spec:
  selector:
    matchLabels:
      app: store
  template:
    metadata:
      labels:
        app: store
    spec:
      containers:
      - name: main
        image: x
        securityContext:
          runAsUser: 1337
`;
  for (const [kind, apiVersion] of [['Deployment', 'apps/v1'], ['StatefulSet', 'apps/v1'], ['DaemonSet', 'apps/v1'], ['Job', 'batch/v1']]) {
    const found = uid(template(kind, apiVersion));
    assert.equal(found.length, 1, kind);
    assert.equal(found[0].finding.resource?.kind, kind);
  }
  const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: sync\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n            runAsUser: 1337\n          containers:\n          - name: a\n            image: x\n';
  assert.equal(uid(cron).length, 1);
});
