import type { IndexLookups } from '../../workspace/resource-index';
import type { Resource } from '../resource';
import { namespaceLabelsIn } from './attachment';
import { conflictedListeners, selectorMatches } from './listeners';
import { gatewayApiGroup, listenerOwnerView, type ListenerView } from './views';

/** How a ListenerSet joins its parent Gateway, and the merged listener list Istio programs (gatewaycommon/listener_conflict.go). */

export type ListenerSetParent =
  | { status: 'missing'; namespace: string; name: string; elsewhere: Resource[] }
  | { status: 'unknown' }
  /** The Gateway's allowedListeners does not admit the set's namespace (absent allowedListeners means None). */
  | { status: 'not-allowed'; gateway: Resource; from: string }
  | { status: 'allowed'; gateway: Resource };

/** The Gateway a ListenerSet's `spec.parentRef` names (kind Gateway, the set's namespace by default). */
export function listenerSetParent(set: Resource, index: IndexLookups): ListenerSetParent {
  const ref = listenerOwnerView(set).parentRef;
  const name = ref?.name?.value;
  if (!ref || !name || (ref.kind && ref.kind.value !== 'Gateway') || (ref.group && ref.group.value !== gatewayApiGroup)) return { status: 'unknown' };
  const namespace = ref.namespace?.value ?? set.namespace;
  const [gateway] = index.find(gatewayApiGroup, 'Gateway', namespace, name);
  if (!gateway) {
    const elsewhere = [...index.findInAnyNamespace(gatewayApiGroup, 'Gateway', name)];
    const known = elsewhere.length > 0 || index.ofKind(gatewayApiGroup, 'Gateway').some((g) => g.namespace === namespace);
    return known ? { status: 'missing', namespace, name, elsewhere } : { status: 'unknown' };
  }
  const allowed = listenerOwnerView(gateway).allowedListeners;
  const from = allowed?.from?.value ?? 'None';
  switch (from) {
    case 'All':
      return { status: 'allowed', gateway };
    case 'Same':
      return set.namespace === gateway.namespace ? { status: 'allowed', gateway } : { status: 'not-allowed', gateway, from };
    case 'Selector': {
      const labels = namespaceLabelsIn(index)(set.namespace);
      if (!labels || !allowed?.selector) return { status: 'unknown' };
      return selectorMatches(allowed.selector, { ...labels, 'kubernetes.io/metadata.name': set.namespace }) ? { status: 'allowed', gateway } : { status: 'not-allowed', gateway, from };
    }
    default:
      return { status: 'not-allowed', gateway, from };
  }
}

/**
 * The listeners that lose to an earlier winner once a Gateway and the ListenerSets it admits are merged: the
 * Gateway's first, then the sets by namespace/name (Istio orders them by creation time, which files do not carry),
 * each with the resource it belongs to.
 */
export function mergedConflicts(gateway: Resource, index: IndexLookups): Array<{ listener: ListenerView; owner: Resource; winner: ListenerView; winnerOwner: Resource }> {
  const sets = index
    .ofKind(gatewayApiGroup, 'ListenerSet')
    .filter((set) => {
      const parent = listenerSetParent(set, index);
      return parent.status === 'allowed' && parent.gateway === gateway;
    })
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const owners = new Map<ListenerView, Resource>();
  const merged: ListenerView[] = [];
  for (const owner of [gateway, ...sets]) {
    for (const listener of listenerOwnerView(owner).listeners) {
      owners.set(listener, owner);
      merged.push(listener);
    }
  }
  return conflictedListeners(merged).map(({ listener, winner }) => ({ listener, owner: owners.get(listener)!, winner, winnerOwner: owners.get(winner)! }));
}
