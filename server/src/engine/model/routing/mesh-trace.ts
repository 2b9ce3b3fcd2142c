import { clusterDomain, resolveServiceHost } from '../../hosts';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { exportToValues, isExportedTo } from '../export-to';
import { gatewayValues } from '../mesh-binding';
import type { Resource } from '../resource';

/**
 * The name a sidecar in `namespace` resolves the request's host to: a bare name is a Service of its namespace,
 * `name.ns` and `name.ns.svc` complete to the cluster domain (the pod's DNS search path), anything else as written.
 */
export function meshHost(host: string, namespace: string, index: IndexLookups): string {
  const lower = host.toLowerCase();
  if (!lower.includes('.')) return resolveServiceHost(lower, namespace);
  const labels = lower.split('.');
  if (labels.length === 3 && labels[2] === 'svc') return `${lower}.${clusterDomain}`;
  if (labels.length === 2 && index.find('', 'Service', labels[1], labels[0]).length) return `${lower}.svc.${clusterDomain}`;
  return lower;
}

/** The VirtualServices a sidecar in `namespace` applies: bound to the mesh (no `gateways`, or `mesh` among them) and exported to it. */
export function meshVirtualServices(index: IndexLookups, namespace: string): Resource[] {
  return index.ofKind(networkingGroup, 'VirtualService').filter((vs) => {
    const gateways = gatewayValues(vs);
    if (gateways && gateways.length && !gateways.includes('mesh')) return false;
    return isExportedTo(exportToValues(vs) ?? [], vs.namespace, namespace);
  });
}

/** The Service of a cluster host `name.ns.svc.cluster.local`, when the files declare it. */
export function serviceOfHost(index: IndexLookups, fqdn: string): Resource | undefined {
  const suffix = `.svc.${clusterDomain}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const [name, namespace, ...rest] = fqdn.slice(0, -suffix.length).split('.');
  if (!name || !namespace || rest.length) return undefined;
  return index.find('', 'Service', namespace, name)[0];
}
