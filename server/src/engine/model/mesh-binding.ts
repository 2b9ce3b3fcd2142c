import { virtualServiceView } from './istio-views';
import type { Resource } from './resource';
import type { LocatedString } from '../parse/yaml-nodes';
import { hasPlaceholder } from '../text/templating';
import { exportScopeOf, exportToValues, specStrings, type ExportScope } from './export-to';
import { istioctlFqdn } from './service-registry';

/** The raw `spec.gateways` values; undefined when one of them cannot be read (not a string, a placeholder). */
export function gatewayValues(virtualService: Resource): string[] | undefined {
  return specStrings(virtualService, 'gateways');
}

/** A mesh-attached VirtualService's hosts under its export scope, as istioctl groups them to find conflicts. */
export interface MeshHostKeys {
  scope: ExportScope;
  /** Each host entry (repeats kept: istioctl counts them), with its name as istioctl's `ConvertHostToFQDN` writes it. */
  hosts: Array<{ host: LocatedString; fqdn: string }>;
}

/**
 * The hosts a VirtualService declares for the mesh, the way istioctl's ConflictingMeshGatewayHosts analyzer
 * sees it: only with no `gateways` or the exact value `mesh` among them. Undefined otherwise, and when the
 * gateways or exportTo cannot be read; hosts with placeholders are left out.
 */
export function meshHostKeys(virtualService: Resource): MeshHostKeys | undefined {
  const gateways = gatewayValues(virtualService);
  if (!gateways || (gateways.length && !gateways.includes('mesh'))) return undefined;
  const scope = exportScopeOf(exportToValues(virtualService), virtualService.namespace);
  if (scope.unknown) return undefined;
  const hosts = virtualServiceView(virtualService)
    .hosts.filter((h) => !hasPlaceholder(h.value))
    .map((host) => ({ host, fqdn: istioctlFqdn(host.value, virtualService.namespace) }));
  return { scope, hosts };
}
