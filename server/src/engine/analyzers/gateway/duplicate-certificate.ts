import type { Finding } from '../../finding';
import { certificatesOf, gatewayDetails, workloadSelector } from '../../model/gateway-details';
import { formatLabels } from '../../model/kubernetes-views';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

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
    const workload = workloadSelector(resource);
    if (!workload) return [];
    const findings: Finding[] = [];
    for (const server of gatewayDetails(resource).servers) {
      for (const certificate of certificatesOf(server)) {
        if (hasPlaceholder(certificate.value)) continue;
        const sharing = index.gatewaysWithCertificate(workload.key, certificate.value).filter((o) => o !== resource);
        if (!sharing.length) continue;
        const names = sharing.map((o) => `${o.namespace}/${o.name}`).join(', ');
        const shown = server.certificateFiles === certificate ? `certificate file ${certificate.value.split('|')[0]}` : `credential ${certificate.value}`;
        const message =
          `Duplicate certificate: Gateway ${names} on the same workload (${formatLabels(workload.labels)}) also uses ${shown}. ` +
          `Clients reusing an HTTP/2 connection across the hosts it covers can get 404s. Merge the servers into one Gateway or give each its own certificate.`;
        const related = sharing.map((o) => relatedTo(o, `Gateway ${o.namespace}/${o.name}`));
        findings.push(finding('IST0138', resource, certificate.range, message, related, { gateways: sharing.map((o) => `${o.namespace}/${o.name}`) }));
      }
    }
    return findings;
  },
};
