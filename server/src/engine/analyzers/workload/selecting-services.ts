import { ignoredNamespaces, gatewayManagedLabel, metadataLabels, waypointController } from '../../model/istio-owned';
import { podLabels, serviceView, type ServiceView } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { deploymentInMesh } from '../../model/sidecar-injection';
import { selectorMatches } from '../../model/workload-selection';
import type { IndexLookups } from '../../workspace/resource-index';

/** A Service that selects a Deployment's pods, with its located view. */
export interface SelectingService {
  service: Resource;
  view: ServiceView;
}

/**
 * The Services of a mesh Deployment's namespace whose non-empty selector picks its pods, in file order; undefined
 * when istioctl does not look at the Deployment (not in the mesh, a waypoint, a system namespace).
 */
export function servicesSelectingMeshDeployment(resource: Resource, index: IndexLookups): SelectingService[] | undefined {
  if (ignoredNamespaces.has(resource.namespace)) return undefined;
  if (metadataLabels(resource)[gatewayManagedLabel] === waypointController) return undefined;
  const labels = podLabels(resource);
  if (!labels || !deploymentInMesh(resource, index)) return undefined;
  const out: SelectingService[] = [];
  for (const service of index.ofKind('', 'Service')) {
    if (service.namespace !== resource.namespace) continue;
    const view = serviceView(service);
    if (view.selector && Object.keys(view.selector).length && selectorMatches(view.selector, labels)) out.push({ service, view });
  }
  return out;
}

/** "ns/name", as istioctl names a Service in these messages. */
export function serviceName(service: Resource): string {
  return `${service.namespace}/${service.name}`;
}
