import type { Finding } from '../finding';
import { gatewayDetails, gatewaysOnSameWorkload, type GatewayServerDetail } from '../model/gateway-details';
import type { Resource } from '../model/resource';
import { formatLabels } from '../model/kubernetes-views';
import { hasPlaceholder } from '../text/templating';
import { networkingGroup } from '../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from './analyzer';

/**
 * IST0138: Gateways on the same workload (same selector) using the same certificate. A client with
 * an HTTP/2 connection for one Gateway's host may reuse it for the other's hosts (the certificate
 * covers them), and get 404s from the listener that does not serve them.
 */
export const gatewayDuplicateCertificate: Analyzer = {
  id: 'gateway-duplicate-certificate',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const sharingWorkload = gatewaysOnSameWorkload(resource, index);
    if (!sharingWorkload?.others.length) return [];
    const { selector, others } = sharingWorkload;
    const own = gatewayDetails(resource);
    const findings: Finding[] = [];
    for (const server of own.servers) {
      for (const certificate of certificatesOf(server)) {
        if (hasPlaceholder(certificate.value)) continue;
        const sharing = others.filter((o) => certificateSet(o).has(certificate.value));
        if (!sharing.length) continue;
        const names = sharing.map((o) => `${o.namespace}/${o.name}`).join(', ');
        const shown = server.certificateFiles === certificate ? `certificate file ${certificate.value.split('|')[0]}` : `credential ${certificate.value}`;
        const message =
          `Duplicate certificate: Gateway ${names} on the same workload (${formatLabels(selector)}) also uses ${shown}. ` +
          `Clients reusing an HTTP/2 connection across the hosts it covers can get 404s. Merge the servers into one Gateway or give each its own certificate.`;
        const related = sharing.map((o) => relatedTo(o, `Gateway ${o.namespace}/${o.name}`));
        findings.push(finding('IST0138', resource, certificate.range, message, related, { gateways: sharing.map((o) => `${o.namespace}/${o.name}`) }));
      }
    }
    return findings;
  },
};

function certificatesOf(server: GatewayServerDetail) {
  if (server.tlsMode === 'PASSTHROUGH' || server.tlsMode === 'AUTO_PASSTHROUGH') return [];
  return server.certificateFiles ? [...server.credentials, server.certificateFiles] : server.credentials;
}

const certificateSets = new WeakMap<Resource, Set<string>>();

/** Every certificate a Gateway uses, computed once per resource. */
function certificateSet(gateway: Resource): Set<string> {
  let set = certificateSets.get(gateway);
  if (!set) certificateSets.set(gateway, (set = new Set(gatewayDetails(gateway).servers.flatMap((s) => certificatesOf(s).map((c) => c.value)))));
  return set;
}
