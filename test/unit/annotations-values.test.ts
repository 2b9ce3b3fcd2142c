import { test } from 'node:test';
import assert from 'node:assert/strict';
import { annotationValueProblem } from '../../server/src/engine/model/annotation-values';
import { isIstioAnnotationKey, istioAnnotation, istioAnnotations } from '../../server/src/engine/model/istio-annotations';

const valid = (name: string, values: string[]) => {
  for (const v of values) assert.equal(annotationValueProblem(name, v), undefined, `${name}=${v}`);
};
const invalid = (name: string, values: string[]) => {
  for (const v of values) assert.ok(annotationValueProblem(name, v), `${name}=${v}`);
};

test('the catalog holds Istio annotations with their kinds, status and deprecation', () => {
  assert.ok(istioAnnotations().length >= 60);
  assert.deepEqual(istioAnnotation('networking.istio.io/exportTo')?.targets, ['Service']);
  assert.equal(istioAnnotation('sidecar.istio.io/inject')?.deprecated, true);
  assert.equal(istioAnnotation('proxy.istio.io/config')?.status, 'Beta');
  assert.deepEqual(istioAnnotation('galley.istio.io/analyze-suppress')?.targets, ['Any']);
  assert.equal(istioAnnotation('sidecar.istio.io/injet'), undefined);
});

test("Istio's domain: a prefix ending in istio.io, or the ingress class", () => {
  for (const key of ['sidecar.istio.io/inject', 'istio.io/rev', 'notistio.io/x', 'policy.istio.io', 'kubernetes.io/ingress.class']) assert.ok(isIstioAnnotationKey(key), key);
  for (const key of ['example.com/istio.io', 'istio.io.example.com/x', 'kubernetes.io/other', 'app']) assert.ok(!isIstioAnnotationKey(key), key);
});

test('interception mode, ports and unsigned numbers', () => {
  valid('sidecar.istio.io/interceptionMode', ['REDIRECT', 'TPROXY', 'NONE']);
  invalid('sidecar.istio.io/interceptionMode', ['redirect', 'DIRECT', '']);
  valid('status.sidecar.istio.io/port', ['15020', ' 0 ', '65535']);
  invalid('status.sidecar.istio.io/port', ['65536', '-1', 'http', '']);
  valid('traffic.sidecar.istio.io/excludeInboundPorts', ['', ' 80, 443 ', '9901']);
  invalid('traffic.sidecar.istio.io/excludeInboundPorts', ['80,,443', '80;443', '*']);
  valid('traffic.sidecar.istio.io/includeInboundPorts', ['*', '8080']);
  valid('readiness.status.sidecar.istio.io/periodSeconds', ['0', '4294967295']);
  invalid('readiness.status.sidecar.istio.io/periodSeconds', ['-1', '+1', '4294967296', '1.5', '']);
});

test('CIDR lists as Go parses prefixes', () => {
  valid('traffic.sidecar.istio.io/excludeOutboundIPRanges', ['', '10.0.0.0/8', '10.0.0.1/32,192.168.0.0/16', 'fd00::/8', '::ffff:10.0.0.0/104', '0.0.0.0/0']);
  invalid('traffic.sidecar.istio.io/excludeOutboundIPRanges', ['10.0.0.1', '10.0.0.0/33', '10.0.0.0/08', '010.0.0.0/8', '10.0.0.0/8, 11.0.0.0/8', '*', 'fe80::1%eth0/64', '1:2:3:4:5:6:7:8:9/64']);
  valid('traffic.sidecar.istio.io/includeOutboundIPRanges', ['*', '10.0.0.0/8']);
});

test('booleans, quantities, interface names and proxy config', () => {
  valid('prometheus.istio.io/merge-metrics', ['true', 'False', '1', 't']);
  invalid('prometheus.istio.io/merge-metrics', ['yes', 'on', '']);
  valid('sidecar.istio.io/proxyCPU', ['100m', '1', '0.5', '1.5Gi', '2e3', '+1k']);
  invalid('sidecar.istio.io/proxyMemory', ['1GB', 'lots', '', '1 Gi', '128Mi\n']);
  valid('traffic.sidecar.istio.io/excludeInterfaces', ['', 'eth0', 'eth0, veth1', 'br-1.2_x']);
  invalid('traffic.sidecar.istio.io/excludeInterfaces', ['1eth', 'eth0,', 'averyveryverylongname', 'eth 0']);
  valid('proxy.istio.io/config', ['', 'concurrency: 2', '{ holdApplicationUntilProxyStarts: true }']);
  invalid('proxy.istio.io/config', ['concurrency: [2', 'true', '- a']);
  valid('sidecar.istio.io/logLevel', ['anything at all']);
});
