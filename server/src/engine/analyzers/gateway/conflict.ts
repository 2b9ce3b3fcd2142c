import type { Finding } from '../../finding';
import { parseGatewayHost } from '../../hosts';
import { gatewayDetails, hostsByPort, servesOverlapping, workloadSelector } from '../../model/gateway-details';
import type { Resource } from '../../model/resource';
import type { LocatedString } from '../../parse/yaml-nodes';
import { formatLabels } from '../../model/kubernetes-views';
import { hasPlaceholder } from '../../text/templating';
import { byFileOrder, networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0145: two Gateways with the same selector (so the same gateway pods) that serve an
 * overlapping host on the same port number: their servers collide on one listener.
 */
export const gatewayConflict: Analyzer = {
  id: 'gateway-conflict',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const workload = workloadSelector(resource);
    if (!workload) return [];
    // Each other Gateway is reported once, at the first of our hosts it also serves on the same port.
    const clashes = new Map<Resource, { port: number; host: LocatedString }>();
    for (const { port, hosts } of gatewayDetails(resource).servers) {
      if (port === undefined) continue;
      for (const host of hosts) {
        if (hasPlaceholder(host.value)) continue;
        const dns = parseGatewayHost(host.value, resource.namespace).dnsName;
        for (const other of index.gatewaysServing(workload.key, port, dns)) {
          if (other === resource || clashes.has(other)) continue;
          const table = hostsByPort(other).get(port);
          if (table && servesOverlapping(table, dns)) clashes.set(other, { port, host });
        }
      }
    }
    const findings: Finding[] = [];
    for (const other of [...clashes.keys()].sort(byFileOrder)) {
      const { port, host } = clashes.get(other)!;
      const message =
        `Conflict with Gateway ${other.namespace}/${other.name}: both select the same workload (${formatLabels(workload.labels)}), ` +
        `listen on port ${port} and serve host ${host.value}, so their servers collide on one listener. ` +
        `Merge the servers into one Gateway, or make their hosts or ports distinct.`;
      findings.push(finding('IST0145', resource, host.range, message, [relatedTo(other, `Gateway ${other.namespace}/${other.name}`)], { gateway: `${other.namespace}/${other.name}` }));
    }
    return findings;
  },
};
