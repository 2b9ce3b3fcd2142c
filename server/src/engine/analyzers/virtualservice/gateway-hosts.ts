import { gatewayView, virtualServiceView } from '../../model/istio-views';
import { parseGatewayRef } from '../../model/gateway-ref';
import type { Finding } from '../../finding';
import { gatewayHostAdmits, parseGatewayHost, resolveServiceHost } from '../../hosts';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/** IST0132: each host of a VirtualService must be served by every Gateway in its `gateways`. */
export const virtualServiceGatewayHosts: Analyzer = {
  id: 'virtualservice-gateway-hosts',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const view = virtualServiceView(resource);
    if (!view.hosts.length) return [];
    const findings: Finding[] = [];
    for (const entry of view.gateways) {
      if (hasPlaceholder(entry.value)) continue;
      const ref = parseGatewayRef(entry.value, resource.namespace);
      if (ref.mesh) continue;
      const [gateway] = index.find(networkingGroup, 'Gateway', ref.namespace, ref.name);
      if (!gateway) continue; // IST0101's job
      const gatewayHosts = gatewayView(gateway).servers.flatMap((s) => s.hosts.map((h) => parseGatewayHost(h.value, gateway.namespace)));
      if (gatewayHosts.some((h) => hasPlaceholder(h.raw))) continue;
      const uncovered = view.hosts.filter((host) => {
        if (hasPlaceholder(host.value)) return false;
        // Gateways match hosts as written; also accept the resolved FQDN of a short name.
        const candidates = [host.value.toLowerCase(), resolveServiceHost(host.value, resource.namespace)];
        return !gatewayHosts.some((gh) => candidates.some((c) => gatewayHostAdmits(gh, resource.namespace, c)));
      });
      if (!uncovered.length) continue;
      const names = uncovered.map((h) => h.value).join(', ');
      const served = gatewayHosts.map((h) => h.raw).join(', ') || 'none';
      const plural = uncovered.length > 1;
      const message =
        `Host${plural ? 's' : ''} ${names} ${plural ? 'are' : 'is'} not served by Gateway ${gateway.namespace}/${gateway.name} ` +
        `(its hosts: ${served}) for VirtualServices in namespace ${resource.namespace}. ` +
        `Add the host to the Gateway's servers or change the VirtualService's hosts.`;
      const data = { gateway: gateway.name, gatewayNamespace: gateway.namespace, hosts: uncovered.map((h) => h.value) };
      findings.push(finding('IST0132', resource, entry.range, message, [relatedTo(gateway, `Gateway ${gateway.namespace}/${gateway.name}`)], data));
    }
    return findings;
  },
};
