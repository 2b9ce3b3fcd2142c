import { gatewayManagedLabel, ignoredNamespaces, isIstioControlPlane, istioGatewayControllers, metadataLabels } from '../../model/istio-owned';
import type { Resource } from '../../model/resource';

/** Whether istioctl leaves a Service's ports unjudged: a system namespace, Istio's control plane, or a Service an Istio gateway controller made. */
export function serviceIsLeftAlone(resource: Resource): boolean {
  if (ignoredNamespaces.has(resource.namespace) || isIstioControlPlane(resource)) return true;
  const managedBy = metadataLabels(resource)[gatewayManagedLabel];
  return managedBy !== undefined && istioGatewayControllers.has(managedBy);
}
