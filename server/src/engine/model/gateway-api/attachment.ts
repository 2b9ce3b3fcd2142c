import type { IndexLookups } from '../../workspace/resource-index';
import type { Labels } from '../kubernetes-views';
import type { Resource } from '../resource';
import { listenerAdmitsKind, listenerAdmitsNamespace, listenersServing } from './listeners';
import { gatewayApiGroup, gatewayClassController, listenerOwnerView, metadataLabelsOf, routeView, type ListenerView, type ParentRefView } from './views';

/**
 * How a route's parentRef attaches, judged as Istio would report it in the route's `status.parents` (the API server's
 * defaults first: kind Gateway of gateway.networking.k8s.io, the route's namespace, every listener).
 */

export interface ParentKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export type Attachment =
  /** Accepted by at least one listener (or a mesh parent that exists). */
  | { status: 'accepted'; parent: Resource; listeners: ListenerView[] }
  /** A kind Istio does not take as a parent: another controller's, nothing to judge. */
  | { status: 'foreign' }
  /** The parent is not in the workspace (and the workspace holds what would declare it). */
  | { status: 'missing'; key: ParentKey; elsewhere: Resource[] }
  /** Something (a Service parent in a namespace whose Services are not in the workspace, a placeholder) cannot be judged. */
  | { status: 'unknown' }
  | { status: 'rejected'; parent: Resource; reason: RejectReason; detail: string; listeners: ListenerView[] };

export type RejectReason = 'NoMatchingParent' | 'NoMatchingListenerHostname' | 'NotAllowedByListeners:namespace' | 'NotAllowedByListeners:kind';

/** The parentRef with defaults applied. */
export function parentKey(ref: ParentRefView, routeNamespace: string): ParentKey {
  return {
    group: ref.group ? ref.group.value : gatewayApiGroup,
    kind: ref.kind?.value ?? 'Gateway',
    namespace: ref.namespace?.value ?? routeNamespace,
    name: ref.name?.value ?? '',
  };
}

/** A Service or ServiceEntry parent: the route is a mesh (GAMMA) route, programmed on sidecars and waypoints. */
export function isMeshParent(key: ParentKey): boolean {
  return (key.group === '' && key.kind === 'Service') || (key.group === 'networking.istio.io' && key.kind === 'ServiceEntry');
}

/** Namespace labels from the workspace's Namespace objects; undefined when the workspace does not declare it. */
export function namespaceLabelsIn(index: IndexLookups): (name: string) => Labels | undefined {
  return (name) => {
    const [namespace] = index.findInAnyNamespace('', 'Namespace', name);
    return namespace ? metadataLabelsOf(namespace) : undefined;
  };
}

/** The listeners a parentRef names: by sectionName and port, all of them when neither is given. */
export function selectedListeners(ref: ParentRefView, listeners: readonly ListenerView[]): ListenerView[] {
  return listeners.filter(
    (l) => (!ref.sectionName || l.name?.value === ref.sectionName.value) && (!ref.port || l.port?.value === ref.port.value),
  );
}

/** The Gateway or ListenerSet a key names (several means a duplicate; the first is taken). */
export function listenerParent(index: IndexLookups, key: ParentKey): Resource | undefined {
  return index.find(gatewayApiGroup, key.kind, key.namespace, key.name)[0];
}

/** How one parentRef of `route` attaches. */
export function attachmentOf(route: Resource, ref: ParentRefView, index: IndexLookups): Attachment {
  const key = parentKey(ref, route.namespace);
  if (!key.name) return { status: 'unknown' };
  if (key.group === gatewayApiGroup && (key.kind === 'Gateway' || key.kind === 'ListenerSet')) return listenerAttachment(route, ref, key, index);
  if (isMeshParent(key)) {
    const found = index.find(key.group, key.kind, key.namespace, key.name);
    if (found.length) return { status: 'accepted', parent: found[0], listeners: [] };
    // Like the host checks: a missing Service counts only where the workspace holds that namespace's Services.
    const known = index.ofKind(key.group, key.kind).filter((r) => r.namespace === key.namespace);
    return known.length ? { status: 'missing', key, elsewhere: [...index.findInAnyNamespace(key.group, key.kind, key.name)] } : { status: 'unknown' };
  }
  return { status: 'foreign' };
}

function listenerAttachment(route: Resource, ref: ParentRefView, key: ParentKey, index: IndexLookups): Attachment {
  const parent = listenerParent(index, key);
  if (!parent) {
    // Shared Gateways often live in another repository: absent is "missing" only where the workspace holds that
    // namespace's Gateways, or one of that name elsewhere (the route then most likely means it).
    const elsewhere = [...index.findInAnyNamespace(gatewayApiGroup, key.kind, key.name)];
    const known = elsewhere.length > 0 || index.ofKind(gatewayApiGroup, key.kind).some((r) => r.namespace === key.namespace);
    return known ? { status: 'missing', key, elsewhere } : { status: 'unknown' };
  }
  const all = listenerOwnerView(parent).listeners;
  const selected = selectedListeners(ref, all);
  const reject = (reason: RejectReason, detail: string, listeners: ListenerView[]): Attachment => ({ status: 'rejected', parent, reason, detail, listeners });
  if (!selected.length) {
    const what = [ref.sectionName ? `sectionName "${ref.sectionName.value}"` : '', ref.port ? `port ${ref.port.value}` : ''].filter(Boolean).join(' and ');
    return reject('NoMatchingParent', what ? `no listener has ${what}` : 'it has no listeners', all);
  }
  const hostnames = routeView(route).hostnames.map((h) => h.value);
  const byHost = listenersServing(hostnames, selected, all);
  if (!byHost.length) return reject('NoMatchingListenerHostname', 'no route hostname matches a listener hostname', selected);
  const labels = namespaceLabelsIn(index);
  const judged = byHost.map((l) => listenerAdmitsNamespace(l, parent.namespace, route.namespace, labels));
  if (judged.every((j) => j === false)) return reject('NotAllowedByListeners:namespace', `namespace ${route.namespace} is not allowed`, byHost);
  const byNamespace = byHost.filter((_, i) => judged[i] !== false);
  const byKind = byNamespace.filter((l) => listenerAdmitsKind(l, route.kind));
  if (!byKind.length) return reject('NotAllowedByListeners:kind', `kind ${route.kind} is not allowed`, byNamespace);
  return { status: 'accepted', parent, listeners: byKind };
}

/** The classes istiod serves without a GatewayClass manifest (gatewaycommon's built-in classes). */
export const builtinGatewayClasses = ['istio', 'istio-remote', 'istio-waypoint', 'istio-east-west'];

/**
 * Who programs a parent: Istio, Istio only as a remote (istio-remote: not programmed here, routes ignored), another
 * controller (its GatewayClass names one), or unknown. A Service or ServiceEntry parent is Istio's unless its
 * `istio.io/use-waypoint` names a waypoint of another controller.
 */
export function parentController(parent: Resource, index: IndexLookups): 'istio' | 'remote' | 'foreign' | 'unknown' {
  if (parent.group === gatewayApiGroup && parent.kind === 'Gateway') {
    const className = listenerOwnerView(parent).className?.value;
    if (!className) return 'unknown';
    if (className === 'istio-remote') return 'remote';
    if (builtinGatewayClasses.includes(className)) return 'istio';
    // GatewayClasses are cluster-scoped: any namespace the workspace filed one under.
    const [gatewayClass] = index.findInAnyNamespace(gatewayApiGroup, 'GatewayClass', className);
    const controller = gatewayClass ? gatewayClassController(gatewayClass) : undefined;
    if (!controller) return 'unknown';
    return controller.startsWith('istio.io/') ? 'istio' : 'foreign';
  }
  if (isMeshParent({ group: parent.group, kind: parent.kind, namespace: parent.namespace, name: parent.name })) {
    const labels = metadataLabelsOf(parent);
    const waypoint = labels['istio.io/use-waypoint'];
    if (!waypoint || waypoint === 'none') return 'istio';
    const [gateway] = index.find(gatewayApiGroup, 'Gateway', labels['istio.io/use-waypoint-namespace'] || parent.namespace, waypoint);
    return gateway ? parentController(gateway, index) : 'unknown';
  }
  return 'unknown';
}
