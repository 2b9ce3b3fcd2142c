import { gatewayApiGroup } from './gateway-api/views';
import type { Resource } from './resource';

/** Which Gateway API Gateways (gateway.networking.k8s.io) a VirtualService can bind to; their listeners are in gateway-api/views. */

export const kubernetesGatewayGroup = gatewayApiGroup;

/** The versions Istio reads as the one Gateway kind (v1, and the aliases it still accepts). */
const gatewayVersions = new Set(['v1', 'v1beta1', 'v1alpha2']);

/** Whether a resource is a Gateway API Gateway of a version Istio reads. */
export function isKubernetesGateway(resource: Resource): boolean {
  return resource.group === kubernetesGatewayGroup && resource.kind === 'Gateway' && gatewayVersions.has(resource.version);
}
