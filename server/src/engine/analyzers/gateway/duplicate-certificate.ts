import type { OffsetRange } from '../../finding';
import { anyGatewayWorkload, certificateIdentity, effectiveSelector, gatewayDetails, selectorSubset } from '../../model/gateway-details';
import type { Resource } from '../../model/resource';
import { byFileOrder, networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0138: another Gateway, in any namespace, whose selector holds all of this Gateway's selector labels (every
 * Gateway when this one has no selector) presents the same certificate: the same credentialName, or the same
 * serverCertificate and privateKey files. A client with an HTTP/2 connection for one Gateway's host may reuse it for
 * the other's hosts (the certificate covers them) and get 404s. Reported once per such Gateway, as istioctl does:
 * on this Gateway only when the other's selector is a superset, so a narrower Gateway may not report back.
 */
export const gatewayDuplicateCertificate: Analyzer = {
  id: 'gateway-duplicate-certificate',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const selector = effectiveSelector(resource);
    if (!selector) return [];
    const sharing = new Map<Resource, { range: OffsetRange; shown: string }>();
    for (const server of gatewayDetails(resource).servers) {
      const identity = certificateIdentity(server.tls);
      if (!identity || !server.tls) continue;
      for (const other of index.gatewaysWithCertificate(anyGatewayWorkload, identity)) {
        if (other === resource || sharing.has(other)) continue;
        const theirs = effectiveSelector(other);
        if (!theirs || !selectorSubset(selector, theirs)) continue;
        const { credentialName, serverCertificate, anchor } = server.tls;
        sharing.set(other, credentialName ? { range: credentialName.range, shown: `credential ${credentialName.value}` } : { range: anchor, shown: `certificate file ${serverCertificate}` });
      }
    }
    return [...sharing.keys()].sort(byFileOrder).map((other) => {
      const { range, shown } = sharing.get(other)!;
      const name = `${other.namespace}/${other.name}`;
      const message =
        `Duplicate certificate: Gateway ${name}, on the same gateway pods (its selector includes all of this one's labels), also uses ${shown}. ` +
        `Clients reusing an HTTP/2 connection across the hosts it covers can get 404s. Merge the servers into one Gateway or give each its own certificate.`;
      return finding('IST0138', resource, range, message, [relatedTo(other, `Gateway ${name} uses the same certificate`)], { gateway: name });
    });
  },
};
