/**
 * Istio's annotation catalog, as facts of its API (istio/api `annotation/annotations.yaml`): each name, the kinds
 * of resource it applies to, its feature status and whether it is deprecated. Written as data so checks, hover
 * and completion can share it; the descriptions live in Istio's reference docs.
 */

export type AnnotationStatus = 'Alpha' | 'Beta' | 'Stable';

/** Kinds an annotation applies to; `Any` means every kind. */
export type AnnotationTarget =
  | 'Any'
  | 'AuthorizationPolicy'
  | 'Gateway'
  | 'GatewayClass'
  | 'Ingress'
  | 'Namespace'
  | 'Pod'
  | 'Service'
  | 'ServiceEntry'
  | 'WorkloadEntry';

export interface IstioAnnotation {
  name: string;
  targets: readonly AnnotationTarget[];
  status: AnnotationStatus;
  deprecated: boolean;
}

type Row = readonly [name: string, targets: readonly AnnotationTarget[], status: AnnotationStatus, deprecated?: true];

// One row per annotation, in the order of Istio's catalog.
const rows: readonly Row[] = [
  ['prometheus.istio.io/merge-metrics', ['Pod'], 'Alpha'],
  ['alpha.istio.io/kubernetes-serviceaccounts', ['Service'], 'Alpha', true],
  ['alpha.istio.io/canonical-serviceaccounts', ['Service'], 'Alpha', true],
  ['networking.istio.io/exportTo', ['Service'], 'Alpha'],
  ['sidecar.istio.io/inject', ['Pod'], 'Beta', true],
  ['sidecar.istio.io/status', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/rewriteAppHTTPProbers', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/discoveryAddress', ['Pod'], 'Alpha', true],
  ['sidecar.istio.io/proxyImage', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/proxyImageType', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/proxyCPU', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/proxyCPULimit', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/proxyMemory', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/proxyMemoryLimit', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/interceptionMode', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/bootstrapOverride', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/statsInclusionPrefixes', ['Pod'], 'Alpha', true],
  ['sidecar.istio.io/statsInclusionSuffixes', ['Pod'], 'Alpha', true],
  ['sidecar.istio.io/statsInclusionRegexps', ['Pod'], 'Alpha', true],
  ['sidecar.istio.io/statsHistogramBuckets', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/statsFlushInterval', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/statsEvictionInterval', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/statsHistogramBins', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/userVolume', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/userVolumeMount', ['Pod'], 'Alpha'],
  ['status.sidecar.istio.io/port', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/logLevel', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/componentLogLevel', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/agentLogLevel', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/nativeSidecar', ['Pod'], 'Alpha'],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', ['Pod'], 'Alpha'],
  ['readiness.status.sidecar.istio.io/periodSeconds', ['Pod'], 'Alpha'],
  ['readiness.status.sidecar.istio.io/failureThreshold', ['Pod'], 'Alpha'],
  ['readiness.status.sidecar.istio.io/applicationPorts', ['Pod'], 'Alpha'],
  ['traffic.istio.io/nodeSelector', ['Service'], 'Stable'],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/includeInboundPorts', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/excludeInboundPorts', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/excludeInterfaces', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/includeOutboundPorts', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', ['Pod'], 'Alpha'],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', ['Pod'], 'Alpha', true],
  ['kubernetes.io/ingress.class', ['Ingress'], 'Stable'],
  ['galley.istio.io/analyze-suppress', ['Any'], 'Alpha'],
  ['proxy.istio.io/config', ['Pod'], 'Beta'],
  ['istio.io/dry-run', ['AuthorizationPolicy'], 'Alpha'],
  ['istio.io/rev', ['Pod'], 'Alpha'],
  ['proxy.istio.io/overrides', ['Pod'], 'Alpha'],
  ['inject.istio.io/templates', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/extraStatTags', ['Pod'], 'Alpha', true],
  ['istio.io/autoRegistrationGroup', ['WorkloadEntry'], 'Alpha'],
  ['istio.io/workloadController', ['WorkloadEntry'], 'Alpha'],
  ['istio.io/connectedAt', ['WorkloadEntry'], 'Alpha'],
  ['istio.io/disconnectedAt', ['WorkloadEntry'], 'Alpha'],
  ['topology.istio.io/controlPlaneClusters', ['Namespace'], 'Alpha'],
  ['gateway.istio.io/controller-version', ['Any'], 'Alpha'],
  ['ambient.istio.io/redirection', ['Pod'], 'Beta'],
  ['ambient.istio.io/waypoint-inbound-binding', ['GatewayClass', 'Gateway'], 'Alpha'],
  ['gateway.istio.io/service-account', ['Gateway'], 'Alpha'],
  ['gateway.istio.io/name-override', ['Gateway'], 'Alpha'],
  ['networking.istio.io/service-type', ['Gateway'], 'Alpha'],
  ['networking.istio.io/traffic-distribution', ['Namespace', 'Service', 'ServiceEntry'], 'Alpha'],
  ['istio.io/use-waypoint-canary-weight', ['Service', 'ServiceEntry', 'Namespace'], 'Alpha'],
  ['ambient.istio.io/bypass-inbound-capture', ['Pod'], 'Alpha'],
  ['istio.io/reroute-virtual-interfaces', ['Pod'], 'Alpha'],
  ['ambient.istio.io/dns-capture', ['Pod'], 'Alpha'],
  ['sidecar.istio.io/statsCompression', ['Pod'], 'Alpha', true],
];

const byName: ReadonlyMap<string, IstioAnnotation> = new Map(
  rows.map(([name, targets, status, deprecated]) => [name, { name, targets, status, deprecated: deprecated === true }]),
);

/** The catalog entry of an annotation name, undefined when Istio does not define it. */
export function istioAnnotation(name: string): IstioAnnotation | undefined {
  return byName.get(name);
}

/** Every annotation Istio defines. */
export function istioAnnotations(): IstioAnnotation[] {
  return [...byName.values()];
}

/**
 * Whether an annotation key is in Istio's domain, as istioctl decides it: its prefix (the part before the first
 * `/`, or the whole key) ends with `istio.io`; plus `kubernetes.io/ingress.class`, which Istio documents.
 */
export function isIstioAnnotationKey(key: string): boolean {
  if (key === 'kubernetes.io/ingress.class') return true;
  return key.split('/')[0].endsWith('istio.io');
}
