import type { Finding } from '../finding';
import { hostsOverlap, parseGatewayHost } from '../hosts';
import { gatewayDetails, sameSelector } from '../model/gateway-details';
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
    const own = gatewayDetails(resource);
    if (!own.selector || Object.values(own.selector).some(hasPlaceholder)) return [];
    const others = index.ofKind(networkingGroup, 'Gateway').filter((g) => g !== resource && sameSelector(gatewayDetails(g).selector, own.selector));
    const findings: Finding[] = [];
    for (const other of others) {
      const theirs = gatewayDetails(other).servers;
      let reported = false;
      for (const server of own.servers) {
        if (reported || server.port === undefined) continue;
        for (const host of server.hosts) {
          if (reported || hasPlaceholder(host.value)) continue;
          const dns = parseGatewayHost(host.value, resource.namespace).dnsName;
          const clash = theirs.find(
            (s) => s.port === server.port && s.hosts.some((h) => !hasPlaceholder(h.value) && hostsOverlap(parseGatewayHost(h.value, other.namespace).dnsName, dns)),
          );
          if (!clash) continue;
          reported = true;
          const message =
            `Conflict with Gateway ${other.namespace}/${other.name}: both select the same workload (${formatLabels(own.selector)}), ` +
            `listen on port ${server.port} and serve host ${host.value}, so their servers collide on one listener. ` +
            `Merge the servers into one Gateway, or make their hosts or ports distinct.`;
          findings.push(finding('IST0145', resource, host.range, message, [relatedTo(other, `Gateway ${other.namespace}/${other.name}`)], { gateway: `${other.namespace}/${other.name}` }));
        }
      }
    }
    return findings;
  },
};
