import type { Finding } from '../../finding';
import { ignoredNamespaces } from '../../model/istio-owned';
import { serviceEntryView } from '../../model/serviceentry-views';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0134: a port with protocol TCP (any case) or none, on a ServiceEntry without `addresses` and without an address
 * Istio allocated (`status.addresses`), in a mesh whose sidecars do not allocate one (DNS capture and auto-allocation
 * both on). Without a virtual IP, sidecars cannot tell this service's TCP traffic from other traffic to the same
 * port, so the entry claims every connection to it. One finding per such port.
 */
export const serviceEntryAddresses: Analyzer = {
  id: 'serviceentry-addresses',
  group: networkingGroup,
  kind: 'ServiceEntry',
  analyze(resource, { mesh }) {
    if (ignoredNamespaces.has(resource.namespace)) return [];
    const view = serviceEntryView(resource);
    if (view.addresses.length || view.allocatedAddress) return [];
    // A placeholder protocol is not TCP as far as we know: not judged.
    const tcpPorts = view.ports.filter((port) => !port.protocol?.value || port.protocol.value.toUpperCase() === 'TCP');
    if (!tcpPorts.length) return [];
    // Read only when a port needs it: then this entry's findings depend on the mesh config.
    const settings = mesh();
    if (settings.dnsCapture && settings.dnsAutoAllocate) return [];
    const findings: Finding[] = [];
    const hosts = view.hosts.map((h) => h.value).join(', ') || 'its hosts';
    for (const port of tcpPorts) {
      const what = port.protocol?.value ? `protocol ${port.protocol.value}` : 'no protocol (so TCP)';
      const number = port.number ?? '?';
      const message =
        `Port ${number} has ${what} but the ServiceEntry has no addresses: sidecars cannot tell traffic for ${hosts} apart from other TCP traffic to port ${number}, ` +
        `so this entry captures all of it. Add spec.addresses (the service's IPs or CIDRs), use an application protocol (HTTP, HTTPS, TLS...) if it has one, ` +
        `or let sidecars allocate addresses (mesh config proxyMetadata ISTIO_META_DNS_CAPTURE and ISTIO_META_DNS_AUTO_ALLOCATE "true").`;
      findings.push(finding('IST0134', resource, port.anchor, message, undefined, { port: port.number ?? 0 }));
    }
    return findings;
  },
};
