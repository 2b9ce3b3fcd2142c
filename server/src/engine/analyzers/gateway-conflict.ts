import type { Finding } from '../finding';
import { parseGatewayHost } from '../hosts';
import { gatewayDetails, gatewaysOnSameWorkload, hostsByPort, servesOverlapping } from '../model/gateway-details';
import { formatLabels } from '../model/kubernetes-views';
import { hasPlaceholder } from '../text/templating';
import { networkingGroup } from '../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from './analyzer';

/**
 * IST0145: two Gateways with the same selector (so the same gateway pods) that serve an
 * overlapping host on the same port number: their servers collide on one listener.
 */
export const gatewayConflict: Analyzer = {
  id: 'gateway-conflict',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const sharing = gatewaysOnSameWorkload(resource, index);
    if (!sharing) return [];
    const { selector, others } = sharing;
    const own = gatewayDetails(resource);
    const findings: Finding[] = [];
    for (const other of others) {
      const theirs = hostsByPort(other);
      let reported = false;
      for (const server of own.servers) {
        const table = server.port === undefined ? undefined : theirs.get(server.port);
        if (reported || !table) continue;
        for (const host of server.hosts) {
          if (reported || hasPlaceholder(host.value)) continue;
          if (!servesOverlapping(table, parseGatewayHost(host.value, resource.namespace).dnsName)) continue;
          reported = true;
          const message =
            `Conflict with Gateway ${other.namespace}/${other.name}: both select the same workload (${formatLabels(selector)}), ` +
            `listen on port ${server.port} and serve host ${host.value}, so their servers collide on one listener. ` +
            `Merge the servers into one Gateway, or make their hosts or ports distinct.`;
          findings.push(finding('IST0145', resource, host.range, message, [relatedTo(other, `Gateway ${other.namespace}/${other.name}`)], { gateway: `${other.namespace}/${other.name}` }));
        }
      }
    }
    return findings;
  },
};
