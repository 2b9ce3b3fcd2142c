import { isScalar } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getValue, locatedString, rangeOf, type LocatedString } from '../parse/yaml-nodes';
import type { Resource } from './resource';

/** Located views of Kubernetes Gateway API Gateways (gateway.networking.k8s.io), as far as Istio's checks read them. */

export const kubernetesGatewayGroup = 'gateway.networking.k8s.io';

/** The versions Istio reads as the one Gateway kind (v1, and the aliases it still accepts). */
const gatewayVersions = new Set(['v1', 'v1beta1', 'v1alpha2']);

export interface KubernetesListenerView {
  name?: LocatedString;
  port?: number;
  protocol?: LocatedString;
  /** Absent (or empty) means the listener accepts every host. */
  hostname?: LocatedString;
  /** The listener's item. */
  range: OffsetRange;
}

export interface KubernetesGatewayView {
  listeners: KubernetesListenerView[];
}

/** Whether a resource is a Gateway API Gateway of a version Istio reads. */
export function isKubernetesGateway(resource: Resource): boolean {
  return resource.group === kubernetesGatewayGroup && resource.kind === 'Gateway' && gatewayVersions.has(resource.version);
}

const cache = new WeakMap<Resource, KubernetesGatewayView>();

/** The Gateway's listeners; items that are not maps are skipped, missing fields are left out. */
export function kubernetesGatewayView(resource: Resource): KubernetesGatewayView {
  const hit = cache.get(resource);
  if (hit) return hit;
  const listeners: KubernetesListenerView[] = [];
  for (const item of asSeq(getValue(asMap(getValue(resource.root, 'spec')), 'listeners'))?.items ?? []) {
    const map = asMap(item);
    if (!map) continue;
    const listener: KubernetesListenerView = { range: rangeOf(map) };
    const name = locatedString(getValue(map, 'name'));
    if (name) listener.name = name;
    const port = getValue(map, 'port');
    if (isScalar(port) && typeof port.value === 'number') listener.port = port.value;
    const protocol = locatedString(getValue(map, 'protocol'));
    if (protocol) listener.protocol = protocol;
    const hostname = locatedString(getValue(map, 'hostname'));
    if (hostname) listener.hostname = hostname;
    listeners.push(listener);
  }
  const view = { listeners };
  cache.set(resource, view);
  return view;
}
