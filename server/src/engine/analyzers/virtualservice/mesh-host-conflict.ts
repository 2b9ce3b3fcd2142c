import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { virtualServiceView } from '../../model/istio-views';
import { boundToMesh, exportScopesOverlap, virtualServiceExportTo } from '../../model/mesh-binding';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0109: VirtualServices bound to the mesh (sidecars) that define the same host and can be seen
 * from a common namespace. Istio merges same-host VirtualServices only for gateways; sidecars use
 * one of them and ignore the others' routes.
 */
export const virtualServiceMeshHostConflict: Analyzer = {
  id: 'virtualservice-mesh-host-conflict',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    if (!boundToMesh(resource)) return [];
    const exportTo = virtualServiceExportTo(resource);
    const findings: Finding[] = [];
    for (const host of virtualServiceView(resource).hosts) {
      if (hasPlaceholder(host.value)) continue;
      const fqdn = resolveServiceHost(host.value, resource.namespace);
      const others = index.forHost(networkingGroup, 'VirtualService', fqdn).filter(
        (other) =>
          other !== resource &&
          boundToMesh(other) &&
          virtualServiceView(other).hosts.some((h) => resolveServiceHost(h.value, other.namespace) === fqdn) &&
          exportScopesOverlap(exportTo, resource.namespace, virtualServiceExportTo(other), other.namespace),
      );
      if (!others.length) continue;
      const names = others.map((o) => `${o.namespace}/${o.name}`).join(', ');
      const message =
        `VirtualService${others.length > 1 ? 's' : ''} ${names} also define${others.length > 1 ? '' : 's'} host ${fqdn} for the mesh: ` +
        `sidecars apply only one VirtualService per host, so the routes of the others are ignored. Merge them into one VirtualService.`;
      const related = others.map((o) => relatedTo(o, `VirtualService ${o.namespace}/${o.name}`));
      findings.push(finding('IST0109', resource, host.range, message, related, { host: fqdn }));
    }
    return findings;
  },
};
