import { asMap, getValue } from '../parse/yaml-nodes';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';

/**
 * What istioctl leaves out of its checks because Istio or Kubernetes own it, not the user: resources in the
 * system namespaces (dropped when files are read), Istio's own control plane, Services Istio's gateway
 * controllers create.
 */

/** Namespaces whose resources istioctl drops when it reads files (Kubernetes' own). */
export const ignoredNamespaces: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** Label Istio's gateway controllers put on the Deployments and Services they create. */
export const gatewayManagedLabel = 'gateway.istio.io/managed';

/** `gateway.istio.io/managed` values of Istio's gateway, waypoint and east-west gateway controllers. */
export const istioGatewayControllers: ReadonlySet<string> = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);

/** The waypoint controller's `gateway.istio.io/managed` value. */
export const waypointController = 'istio.io-mesh-controller';

/** The resource's own `metadata.labels` (empty when absent or not a map). */
export function metadataLabels(resource: Resource): Labels {
  return labelsOf(getValue(asMap(getValue(resource.root, 'metadata')), 'labels'), resource.document.yaml) ?? {};
}

/** Whether istioctl counts the resource as Istio's control plane: an `istio` label (any value) or `release: istio`. */
export function isIstioControlPlane(resource: Resource): boolean {
  const labels = metadataLabels(resource);
  return labels.istio !== undefined || labels.release === 'istio';
}
