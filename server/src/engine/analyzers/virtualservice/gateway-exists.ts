import { gatewayEntries } from '../../model/istio-views';
import { parseGatewayRef } from '../../model/gateway-ref';
import type { Finding } from '../../finding';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/** IST0101: every Gateway a VirtualService names (in `gateways` and in http match `gateways`) must exist. */
export const virtualServiceGatewayExists: Analyzer = {
  id: 'virtualservice-gateway-exists',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    for (const entry of gatewayEntries(resource)) {
      if (hasPlaceholder(entry.value)) continue;
      const ref = parseGatewayRef(entry.value, resource.namespace);
      if (ref.mesh || index.find(networkingGroup, 'Gateway', ref.namespace, ref.name).length) continue;
      const elsewhere = index.findInAnyNamespace(networkingGroup, 'Gateway', ref.name);
      let message = `Gateway "${ref.name}" not found in namespace ${ref.namespace}.`;
      if (elsewhere.length && !ref.explicitNamespace) {
        const ns = elsewhere.map((g) => g.namespace);
        message += ` A Gateway with that name exists in namespace ${ns.join(', ')}: a plain name means the VirtualService's own namespace, so write "${ns[0]}/${ref.name}".`;
      } else if (elsewhere.length) {
        message += ` It exists in namespace ${elsewhere.map((g) => g.namespace).join(', ')}: write "${elsewhere[0].namespace}/${ref.name}".`;
      } else {
        message += ` Create the Gateway or fix the reference (use "namespace/name" for a Gateway in another namespace).`;
      }
      const data = { gateway: ref.name, namespace: ref.namespace, foundIn: elsewhere.map((g) => g.namespace) };
      findings.push(finding('IST0101', resource, entry.range, message, elsewhere.map((g) => relatedTo(g, `Gateway ${g.namespace}/${g.name}`)), data));
    }
    return findings;
  },
};
