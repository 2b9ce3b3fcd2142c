import { parentController } from '../../model/gateway-api/attachment';
import type { YAMLMap } from 'yaml';
import type { Finding, OffsetRange, RelatedLocation } from '../../finding';
import { namespaceLabelsIn } from '../../model/gateway-api/attachment';
import { listenerAdmitsNamespace } from '../../model/gateway-api/listeners';
import { gatewayApiGroup, listenerOwnerView, metadataLabelsOf } from '../../model/gateway-api/views';
import {
  hbonePort,
  hboneListener,
  isWaypoint,
  servesTraffic,
  useWaypointLabel,
  useWaypointNamespaceLabel,
  useWaypointOf,
  waypointClassName,
  waypointForLabel,
  waypointTraffic,
  type WaypointTraffic,
} from '../../model/gateway-api/waypoints';
import { dealias, labelsOf } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { asMap, getEntry, getValue, rangeOf } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer, type AnalysisContext } from '../analyzer';

/**
 * IY0302 / IY0303: an `istio.io/use-waypoint` label (on a Namespace, Service, ServiceEntry, Pod or WorkloadEntry, and
 * ours on top: on the pod template of a Deployment or other controller, judged as its Pods')
 * must name a waypoint that takes the object, as istiod binds it (serviceregistry/ambient/waypoints.go): the
 * Gateway API Gateway of that name in `istio.io/use-waypoint-namespace`, else the object's namespace; its HBONE
 * listener's allowedRoutes must admit the object's namespace (Same when absent); its `istio.io/waypoint-for`
 * (the Gateway's, else its GatewayClass's, else `service`) must cover the object's traffic. `none` opts out.
 * A label on the object overrides its namespace's, so each object is judged on its own label only.
 */

/** The traffic an object's binding asks for: Services and ServiceEntries bind service traffic, Pods and WorkloadEntries workload traffic. */
const trafficOfKind: Readonly<Record<string, 'service' | 'workload' | 'namespace'>> = {
  Namespace: 'namespace',
  Service: 'service',
  ServiceEntry: 'service',
  Pod: 'workload',
  WorkloadEntry: 'workload',
  Deployment: 'workload',
  StatefulSet: 'workload',
  DaemonSet: 'workload',
  ReplicaSet: 'workload',
  Job: 'workload',
  CronJob: 'workload',
};

/** The labels map istiod reads: the object's own, or for a controller its pod template's (a CronJob's one level deeper). */
function labelsMapOf(resource: Resource): YAMLMap | undefined {
  const doc = resource.document.yaml;
  const metadataOf = (object: unknown) => asMap(dealias(getValue(asMap(dealias(object, doc)), 'metadata'), doc));
  let holder: unknown = resource.root;
  if (resource.group !== '' && resource.group !== networkingGroup) {
    let spec = asMap(getValue(resource.root, 'spec'));
    if (resource.kind === 'CronJob') spec = asMap(getValue(asMap(getValue(spec, 'jobTemplate')), 'spec'));
    holder = getValue(spec, 'template');
  }
  return asMap(dealias(getValue(metadataOf(holder), 'labels'), doc));
}

function check(resource: Resource, { index }: AnalysisContext): Finding[] {
  const labelsMap = labelsMapOf(resource);
  const labels = labelsOf(labelsMap, resource.document.yaml) ?? {};
  // A Namespace's binding is looked up with its own name as the fallback namespace.
  const objectNamespace = resource.kind === 'Namespace' ? resource.name : resource.namespace;
  const use = useWaypointOf(labels, objectNamespace);
  if (!use || use.kind === 'none' || !use.name || hasPlaceholder(use.name) || hasPlaceholder(use.namespace)) return [];
  const valueNode = getEntry(labelsMap, useWaypointLabel)?.value;
  const range = valueNode ? rangeOf(valueNode) : resource.anchor;
  const site: Site = { resource, range, objectNamespace, name: use.name, namespace: use.namespace, explicitNamespace: useWaypointNamespaceLabel in labels };
  const [gateway] = index.find(gatewayApiGroup, 'Gateway', use.namespace, use.name);
  if (!gateway) return notFound(site, index);
  // A waypoint of another implementation (its GatewayClass names another controller) follows that one's rules.
  if (parentController(gateway, index) === 'foreign') return [];
  if (!isWaypoint(gateway, index)) return [notAWaypoint(site, gateway)];
  const denied = admissionDenied(site, gateway, index);
  if (denied) return [denied];
  const traffic = waypointTraffic(gateway, index);
  const wanted = trafficOfKind[resource.kind];
  if (wanted === 'namespace') return namespaceTraffic(site, gateway, traffic, index);
  if (servesTraffic(traffic.value, wanted)) return [];
  return [trafficMismatch(site, gateway, traffic, wanted)];
}

/** The label being judged and what it resolves to. */
interface Site {
  resource: Resource;
  range: OffsetRange;
  objectNamespace: string;
  name: string;
  namespace: string;
  /** The object says `istio.io/use-waypoint-namespace`. */
  explicitNamespace: boolean;
}

function subject(site: Site): string {
  const { kind, name, group } = site.resource;
  if (kind === 'Namespace') return `Namespace ${name}`;
  const object = `${kind} ${site.objectNamespace}/${name}`;
  return group === '' || group === networkingGroup ? object : `the pods of ${object}`;
}
const gatewayName = (gateway: Resource) => `${gateway.namespace}/${gateway.name}`;

function notFound(site: Site, index: IndexLookups): Finding[] {
  const elsewhere = index.findInAnyNamespace(gatewayApiGroup, 'Gateway', site.name).filter((g) => g.namespace !== site.namespace);
  // Without Gateways of that namespace in the workspace, the waypoint is most likely deployed from elsewhere.
  const here = elsewhere.length ? [] : index.ofKind(gatewayApiGroup, 'Gateway').filter((g) => g.namespace === site.namespace);
  if (!elsewhere.length && !here.length) return [];
  const where = site.explicitNamespace ? `in namespace ${site.namespace} (its ${useWaypointNamespaceLabel})` : `in namespace ${site.namespace}`;
  let message = `${useWaypointLabel}: no Gateway API Gateway "${site.name}" ${where}, so istiod reports the waypoint not ready and binds none for ${subject(site)}.`;
  const related: RelatedLocation[] = [];
  if (elsewhere.length) {
    const namespaces = [...new Set(elsewhere.map((g) => g.namespace))];
    message += ` A Gateway of that name exists in namespace ${namespaces.join(', ')}: label ${subject(site)} with ${useWaypointNamespaceLabel}: ${namespaces[0]}.`;
    related.push(...elsewhere.map((g) => relatedTo(g, `Gateway ${gatewayName(g)}`)));
  } else {
    const waypoints = here.filter((g) => isWaypoint(g, index));
    message += waypoints.length
      ? ` Waypoints in namespace ${site.namespace}: ${waypoints.map((g) => g.name).join(', ')}. Name one of them, or deploy this one (\`istioctl waypoint apply -n ${site.namespace} --name ${site.name}\`).`
      : ` Deploy it (\`istioctl waypoint apply -n ${site.namespace} --name ${site.name}\`) or fix the name.`;
    related.push(...waypoints.map((g) => relatedTo(g, `waypoint ${gatewayName(g)}`)));
  }
  return [finding('IY0302', site.resource, site.range, message, related, { waypoint: site.name, namespace: site.namespace })];
}

function notAWaypoint(site: Site, gateway: Resource): Finding {
  const className = listenerOwnerView(gateway).className?.value;
  const message =
    `${useWaypointLabel}: Gateway ${gatewayName(gateway)} is not a waypoint (its class is ${className ?? 'unset'}, not ${waypointClassName}, and it has no HBONE listener on port ${hbonePort}): ` +
    `zTunnel cannot tunnel the traffic of ${subject(site)} to it. Name a waypoint, or create one (\`istioctl waypoint apply -n ${site.namespace} --name <name>\`).`;
  return finding('IY0303', site.resource, site.range, message, [relatedTo(gateway, `Gateway ${gatewayName(gateway)}, class ${className ?? 'unset'}`)]);
}

/** IY0303 when the waypoint's HBONE listener (or, without one, Same) does not admit the object's namespace; nothing when unknown. */
function admissionDenied(site: Site, gateway: Resource, index: IndexLookups): Finding | undefined {
  const listener = hboneListener(gateway);
  const admitted = listener
    ? listenerAdmitsNamespace(listener, gateway.namespace, site.objectNamespace, namespaceLabelsIn(index))
    : gateway.namespace === site.objectNamespace;
  if (admitted !== false) return undefined;
  const from = listener?.from?.value ?? 'Same';
  const how = !listener
    ? `it has no HBONE listener on port ${hbonePort}, so it admits only its own namespace`
    : from === 'Selector'
      ? `its HBONE listener admits the namespaces its allowedRoutes.namespaces.selector matches, and namespace ${site.objectNamespace}'s labels do not match`
      : `its HBONE listener admits only its own namespace (allowedRoutes.namespaces.from: ${listener.from ? from : 'Same, the default'})`;
  const message =
    `${useWaypointLabel}: waypoint ${gatewayName(gateway)} does not admit namespace ${site.objectNamespace}: ${how}; istiod denies the attachment for ${subject(site)}. ` +
    `On the waypoint's HBONE listener, set allowedRoutes.namespaces.from: All (or a Selector matching namespace ${site.objectNamespace}), or use a waypoint in namespace ${site.objectNamespace}.`;
  return finding('IY0303', site.resource, site.range, message, [relatedTo(gateway, `waypoint ${gatewayName(gateway)}`)]);
}

function describeTraffic(traffic: WaypointTraffic): string {
  if (traffic.source === 'default') return `serves service traffic only (no ${waypointForLabel} label: the default)`;
  const where = traffic.source === 'gateway' ? 'its' : `its GatewayClass ${traffic.gatewayClass?.name}'s`;
  return `has ${where} ${waypointForLabel}: ${traffic.value}`;
}

const fixTraffic = (wanted: 'service' | 'workload') =>
  `label the waypoint ${waypointForLabel}: ${wanted} (or all), or name a waypoint for ${wanted} traffic.`;

function trafficMismatch(site: Site, gateway: Resource, traffic: WaypointTraffic, wanted: 'service' | 'workload'): Finding {
  const message =
    `${useWaypointLabel}: waypoint ${gatewayName(gateway)} ${describeTraffic(traffic)}, which does not cover the ${wanted} traffic of ${subject(site)}: ` +
    `istiod refuses the binding (UnsupportedTrafficType). To fix, ${fixTraffic(wanted)}`;
  return finding('IY0303', site.resource, site.range, message, [relatedTo(gateway, `waypoint ${gatewayName(gateway)}`)], { trafficType: traffic.value });
}

/**
 * A Namespace's waypoint applies to its Services and ServiceEntries (a mismatch is an error on each) and to its
 * workloads (a mismatch inherited from the namespace is silently skipped). So: a waypoint serving neither is always
 * reported; one serving workloads only, when the workspace holds Services or ServiceEntries of the namespace that
 * inherit the label (no use-waypoint of their own).
 */
function namespaceTraffic(site: Site, gateway: Resource, traffic: WaypointTraffic, index: IndexLookups): Finding[] {
  if (servesTraffic(traffic.value, 'service')) return [];
  const related = [relatedTo(gateway, `waypoint ${gatewayName(gateway)}`)];
  if (!servesTraffic(traffic.value, 'workload')) {
    const message =
      `${useWaypointLabel}: waypoint ${gatewayName(gateway)} ${describeTraffic(traffic)}, which serves neither service nor workload traffic (values: service, workload, all, none): ` +
      `nothing in namespace ${site.objectNamespace} can use it. To fix, ${fixTraffic('service')}`;
    return [finding('IY0303', site.resource, site.range, message, related, { trafficType: traffic.value })];
  }
  const inheriting = [...index.ofKind('', 'Service'), ...index.ofKind(networkingGroup, 'ServiceEntry')].filter(
    (s) => s.namespace === site.objectNamespace && !(useWaypointLabel in metadataLabelsOf(s)),
  );
  if (!inheriting.length) return [];
  const names = inheriting.map((s) => `${s.kind} ${s.name}`);
  const message =
    `${useWaypointLabel}: waypoint ${gatewayName(gateway)} ${describeTraffic(traffic)}, so the namespace's workloads use it but its services do not: ` +
    `istiod refuses the binding of ${names.join(', ')} (UnsupportedTrafficType). To fix, ${fixTraffic('service')} ` +
    `Or give those services a waypoint of their own (or ${useWaypointLabel}: none).`;
  related.push(...inheriting.map((s) => relatedTo(s, `${s.kind} ${s.namespace}/${s.name} inherits the namespace's waypoint`)));
  return [finding('IY0303', site.resource, site.range, message, related, { trafficType: traffic.value })];
}

function useWaypoint(group: string, kind: string): Analyzer {
  return { id: 'use-waypoint', group, kind, analyze: check };
}

/** IY0302/IY0303 for each kind istiod reads `istio.io/use-waypoint` from, and the controllers whose pod templates it will read it from. */
export const useWaypointAnalyzers: readonly Analyzer[] = [
  useWaypoint('', 'Namespace'),
  useWaypoint('', 'Service'),
  useWaypoint(networkingGroup, 'ServiceEntry'),
  useWaypoint('', 'Pod'),
  useWaypoint(networkingGroup, 'WorkloadEntry'),
  useWaypoint('apps', 'Deployment'),
  useWaypoint('apps', 'StatefulSet'),
  useWaypoint('apps', 'DaemonSet'),
  useWaypoint('apps', 'ReplicaSet'),
  useWaypoint('batch', 'Job'),
  useWaypoint('batch', 'CronJob'),
];
