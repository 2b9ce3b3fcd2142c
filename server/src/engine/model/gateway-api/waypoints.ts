import type { IndexLookups } from '../../workspace/resource-index';
import type { Labels } from '../kubernetes-views';
import type { Resource } from '../resource';
import { hboneProtocol } from './listeners';
import { gatewayApiGroup, gatewayClassController, listenerOwnerView, metadataLabelsOf, type ListenerView } from './views';

/**
 * Ambient waypoints as istiod resolves them (pilot/pkg/serviceregistry/ambient/waypoints.go): which Gateway an
 * `istio.io/use-waypoint` label names, which listener decides the namespaces it admits, which traffic it serves.
 */

export const waypointClassName = 'istio-waypoint';
/** The controller of waypoint classes (constants.ManagedGatewayMeshController). */
export const waypointController = 'istio.io/mesh-controller';
export const hbonePort = 15008;
export const useWaypointLabel = 'istio.io/use-waypoint';
export const useWaypointNamespaceLabel = 'istio.io/use-waypoint-namespace';
export const waypointForLabel = 'istio.io/waypoint-for';

/** `istio.io/waypoint-for` values istiod knows; anything else serves no traffic. */
export type TrafficType = 'service' | 'workload' | 'all' | 'none';

/** The waypoint a use-waypoint label names: `none` opts out; the namespace is the object's own unless the label's namespace companion says otherwise. */
export type UseWaypoint = { kind: 'none' } | { kind: 'named'; name: string; namespace: string };

/** What the labels of one object say about its waypoint; undefined when they do not carry `istio.io/use-waypoint`. */
export function useWaypointOf(labels: Labels, objectNamespace: string): UseWaypoint | undefined {
  const name = labels[useWaypointLabel];
  if (name === undefined) return undefined;
  // Istio reserves "none": a waypoint of that name cannot be used.
  if (name === 'none') return { kind: 'none' };
  return { kind: 'named', name, namespace: labels[useWaypointNamespaceLabel] ?? objectNamespace };
}

/** The listener istiod reads a waypoint's admitted namespaces from: protocol HBONE on port 15008 (without it, only its own namespace). */
export function hboneListener(gateway: Resource): ListenerView | undefined {
  return listenerOwnerView(gateway).listeners.find((l) => l.protocol?.value === hboneProtocol && l.port?.value === hbonePort);
}

/** Whether a Gateway API Gateway's class makes it a waypoint: `istio-waypoint`, or a class of the workspace run by the mesh controller. */
export function hasWaypointClass(gateway: Resource, index: IndexLookups): boolean {
  const className = listenerOwnerView(gateway).className?.value;
  if (!className) return false;
  if (className === waypointClassName) return true;
  // Cluster-scoped: filed under whatever namespace the document defaults to.
  const [gatewayClass] = index.findInAnyNamespace(gatewayApiGroup, 'GatewayClass', className);
  return gatewayClass !== undefined && gatewayClassController(gatewayClass) === waypointController;
}

/** Whether a Gateway can act as a waypoint: a waypoint class, or at least the HBONE listener zTunnel connects to. */
export function isWaypoint(gateway: Resource, index: IndexLookups): boolean {
  return hasWaypointClass(gateway, index) || hboneListener(gateway) !== undefined;
}

export interface WaypointTraffic {
  /** As written; `service` when neither the Gateway nor its class says. */
  value: string;
  /** Where it was read: the Gateway's label, its GatewayClass's label, or the default. */
  source: 'gateway' | 'class' | 'default';
  /** The GatewayClass that gave it, when `source` is class. */
  gatewayClass?: Resource;
}

/** The traffic a waypoint serves: the Gateway's `istio.io/waypoint-for` label, else its GatewayClass's, else `service`. */
export function waypointTraffic(gateway: Resource, index: IndexLookups): WaypointTraffic {
  const own = metadataLabelsOf(gateway)[waypointForLabel];
  if (own !== undefined) return { value: own, source: 'gateway' };
  const className = listenerOwnerView(gateway).className?.value;
  const [gatewayClass] = className ? index.findInAnyNamespace(gatewayApiGroup, 'GatewayClass', className) : [];
  const fromClass = gatewayClass ? metadataLabelsOf(gatewayClass)[waypointForLabel] : undefined;
  if (gatewayClass && fromClass !== undefined) return { value: fromClass, source: 'class', gatewayClass };
  return { value: 'service', source: 'default' };
}

/** Whether a waypoint-for value lets the waypoint take that kind of traffic (unknown values take none, as istiod compares exactly). */
export function servesTraffic(trafficType: string, traffic: 'service' | 'workload'): boolean {
  return trafficType === 'all' || trafficType === traffic;
}
