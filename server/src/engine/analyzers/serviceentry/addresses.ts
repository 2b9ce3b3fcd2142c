import type { Finding } from '../../finding';
import { serviceEntryView } from '../../model/serviceentry-views';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0134: a ServiceEntry without `addresses` whose port is TCP (or has no protocol). Without a
 * virtual IP, sidecars cannot tell this service's TCP traffic from other traffic to the same port,
 * so the entry claims every connection to that port (istioctl's ServiceEntryAddressesRequired).
 */
export const serviceEntryAddresses: Analyzer = {
  id: 'serviceentry-addresses',
  group: networkingGroup,
  kind: 'ServiceEntry',
  analyze(resource, { mesh }) {
    const view = serviceEntryView(resource);
    if (view.addresses.length || mesh().dnsAutoAllocate) return [];
    const findings: Finding[] = [];
    const hosts = view.hosts.map((h) => h.value).join(', ') || 'its hosts';
    for (const port of view.ports) {
      const protocol = port.protocol?.value;
      if (protocol && (hasPlaceholder(protocol) || protocol.toUpperCase() !== 'TCP')) continue;
      const what = protocol ? `protocol ${protocol}` : 'no protocol (so TCP)';
      const number = port.number ?? '?';
      const message =
        `Port ${number} has ${what} but the ServiceEntry has no addresses: sidecars cannot tell traffic for ${hosts} apart from other TCP traffic to port ${number}, ` +
        `so this entry captures all of it. Add spec.addresses (the service's IPs or CIDRs), use an application protocol (HTTP, HTTPS, TLS...) if it has one, ` +
        `or enable DNS auto-allocation of addresses.`;
      findings.push(finding('IST0134', resource, port.anchor, message, undefined, { port: port.number ?? 0 }));
    }
    return findings;
  },
};
