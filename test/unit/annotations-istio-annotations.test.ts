import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, docs } from '../helpers/engine';

const annotationCodes = new Set(['IST0107', 'IST0108', 'IST0125', 'IST0135']);
const found = (text: string) => check(text).filter((f) => annotationCodes.has(f.code));
const withAnnotations = (kind: string, apiVersion: string, lines: string[], extra = '') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata:
  name: x
  annotations:
${lines.map((l) => `    ${l}`).join('\n')}
${extra}`;
const podWith = (...lines: string[]) => withAnnotations('Pod', 'v1', lines, 'spec:\n  containers:\n  - name: a\n    image: a:1\n');
const serviceWith = (...lines: string[]) => withAnnotations('Service', 'v1', lines, 'spec:\n  ports:\n  - name: http\n    port: 80\n');

test('an unknown annotation in Istio domain points at its key and suggests the closest name', () => {
  const [f, ...rest] = found(podWith('sidecar.istio.io/injet: "true"'));
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'IST0108');
  assert.equal(f.severity, 'warning');
  assert.equal(f.text, 'sidecar.istio.io/injet');
  assert.match(f.message, /Did you mean sidecar\.istio\.io\/inject\?/);
});

test('a misplaced annotation names the kinds it applies to', () => {
  const [f] = found(serviceWith('sidecar.istio.io/proxyCPU: 100m'));
  assert.equal(f.code, 'IST0107');
  assert.match(f.message, /can only be applied to Pod/);
  assert.deepEqual(found(podWith('networking.istio.io/exportTo: "."')).map((x) => x.code), ['IST0107']);
});

test('the deprecated inject annotation is reported unless the label is there too', () => {
  const [f] = found(podWith('sidecar.istio.io/inject: "false"'));
  assert.equal(f.code, 'IST0135');
  assert.equal(f.severity, 'info');
  assert.match(f.message, /in favor of the "sidecar.istio.io\/inject" label/);
  const labelled = withAnnotations('Pod', 'v1', ['sidecar.istio.io/inject: "false"'], '').replace('metadata:\n', 'metadata:\n  labels:\n    sidecar.istio.io/inject: "false"\n');
  assert.deepEqual(found(labelled), []);
});

test('an invalid value points at the value; valid and free-text values pass', () => {
  const [f] = found(podWith('sidecar.istio.io/interceptionMode: DIRECT', 'sidecar.istio.io/proxyCPU: 250m', 'sidecar.istio.io/logLevel: chatty'));
  assert.equal(f.code, 'IST0125');
  assert.equal(f.text, 'DIRECT');
  assert.match(f.message, /Invalid annotation sidecar.istio.io\/interceptionMode/);
});

test('deprecated and invalid both report; misplaced skips the value check', () => {
  assert.deepEqual(found(podWith('traffic.sidecar.istio.io/kubevirtInterfaces: "1net"')).map((f) => f.code), ['IST0135', 'IST0125']);
  assert.deepEqual(found(serviceWith('sidecar.istio.io/proxyCPU: lots')).map((f) => f.code), ['IST0107']);
});

test('annotations Istio writes, Any-kind ones and other domains are not judged', () => {
  assert.deepEqual(found(serviceWith('istio.io/rev: canary', 'sidecar.istio.io/status: "{}"', 'gateway.istio.io/controller-version: "1"', 'galley.istio.io/analyze-suppress: IST0999', 'example.com/istio.io: x')), []);
});

test('a Deployment: its own metadata is judged as a Deployment, its pod template as a Pod', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    sidecar.istio.io/proxyCPU: 100m
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
        sidecar.istio.io/proxyCPU: 100m
        sidecar.istio.io/proxyMemory: lots
        networking.istio.io/exportTo: "."
    spec:
      containers:
      - name: web
        image: web:1
`;
  const result = found(text);
  assert.deepEqual(result.map((f) => [f.code, f.text]), [['IST0107', 'sidecar.istio.io/proxyCPU'], ['IST0125', 'lots'], ['IST0107', 'networking.istio.io/exportTo']]);
  assert.match(result[0].message, /spec\.template\.metadata\.annotations/);
  assert.match(result[1].message, /proxyMemory: "lots" is not a Kubernetes quantity/);
});

test('templates of other controllers are judged; their own metadata and other kinds are not', () => {
  const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  annotations:
    sidecar.istio.io/whatever: "1"
spec:
  schedule: "0 1 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations:
            sidecar.istio.io/proxyCPU: lots
        spec:
          restartPolicy: Never
          containers:
          - name: job
            image: job:1
`;
  assert.deepEqual(found(cronJob).map((f) => f.code), ['IST0125']);
  assert.deepEqual(found(withAnnotations('ConfigMap', 'v1', ['sidecar.istio.io/whatever: "1"'])), []);
});

test('placeholders, non-scalar values and empty annotations do not crash or accuse', () => {
  assert.deepEqual(found(podWith('sidecar.istio.io/proxyCPU: ${CPU}', '${KEY}: x')), []);
  assert.deepEqual(found(podWith('sidecar.istio.io/proxyCPU: [1]')), []);
  assert.deepEqual(found(docs(withAnnotations('Pod', 'v1', []), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: y\n  annotations: oops\n')), []);
});
