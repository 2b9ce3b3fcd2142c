import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { virtualServiceView } from '../../model/istio-views';
import type { Resource } from '../../model/resource';
import { boundToGateway, boundToMesh } from '../../model/mesh-binding';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0140: a Gateway-bound VirtualService routes to a host without a subset while a mesh VirtualService
 * splits that host by subsets. Gateway traffic is routed by the gateway's own VirtualService and goes
 * straight to the service's endpoints: the mesh VirtualService's subset rules never see it.
 */
export const virtualServiceIngressSubsets: Analyzer = {
  id: 'virtualservice-ingress-subsets',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    if (!boundToGateway(resource)) return [];
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const destination of virtualServiceView(resource).destinations) {
      if (destination.subset || hasPlaceholder(destination.host.value)) continue;
      const fqdn = resolveServiceHost(destination.host.value, resource.namespace);
      if (reported.has(fqdn)) continue;
      // The mesh VirtualServices of this host that route it by subset, with those subsets.
      const splitters = index
        .forHost(networkingGroup, 'VirtualService', fqdn)
        .filter((other) => other !== resource && boundToMesh(other))
        .map((other) => ({ other, subsets: subsetsRoutedTo(other, fqdn) }))
        .filter(({ subsets }) => subsets.length);
      if (!splitters.length) continue;
      reported.add(fqdn);
      const names = splitters.map(({ other }) => `${other.namespace}/${other.name}`).join(', ');
      const subsets = [...new Set(splitters.flatMap((s) => s.subsets))];
      const message =
        `Requests from the Gateway reach ${destination.host.value} through this VirtualService, which routes them without a subset: ` +
        `the subset routing of mesh VirtualService ${names} (${subsets.join(', ')}) does not apply to them. ` +
        `Route to the subsets here too, or add the Gateway to that VirtualService's gateways.`;
      const related = splitters.map(({ other }) => relatedTo(other, `VirtualService ${other.namespace}/${other.name}`));
      findings.push(finding('IST0140', resource, destination.host.range, message, related, { host: fqdn }));
    }
    return findings;
  },
};

/** The subsets a VirtualService's destinations name for the host `fqdn`. */
function subsetsRoutedTo(virtualService: Resource, fqdn: string): string[] {
  return virtualServiceView(virtualService)
    .destinations.filter((d) => d.subset && resolveServiceHost(d.host.value, virtualService.namespace) === fqdn)
    .map((d) => d.subset?.value ?? '');
}
