import { gatewayEntries } from '../../model/istio-views';
import { gatewaysNamed, gatewaysNamedAnywhere, internalGatewayOwner, isInternalGatewayReference, parseGatewayRef } from '../../model/gateway-ref';
import { isKubernetesGateway } from '../../model/kubernetes-gateway-views';
import type { Resource } from '../../model/resource';
import type { Finding } from '../../finding';
import type { LocatedString } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0101: every Gateway a VirtualService names (in `gateways` and in http match `gateways`) must exist, as an Istio
 * Gateway or a Gateway API Gateway. IST0165: a name of a Gateway Istio generates internally is not a reference to keep.
 */
export const virtualServiceGatewayExists: Analyzer = {
  id: 'virtualservice-gateway-exists',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    for (const entry of gatewayEntries(resource)) {
      if (hasPlaceholder(entry.value)) continue;
      if (isInternalGatewayReference(entry.value.trim())) {
        findings.push(internalReference(resource, entry, index));
        continue;
      }
      const ref = parseGatewayRef(entry.value, resource.namespace);
      if (ref.mesh || gatewaysNamed(index, ref.namespace, ref.name).length) continue;
      const elsewhere = gatewaysNamedAnywhere(index, ref.name);
      const namespaces = [...new Set(elsewhere.map((g) => g.namespace))];
      let message = `Gateway "${ref.name}" not found in namespace ${ref.namespace}.`;
      if (ref.namespace === '.') {
        message += ` "./" is no namespace in a gateway reference (Istio's validation rejects it): write "${ref.name}" for the VirtualService's own namespace or "namespace/${ref.name}".`;
      } else if (elsewhere.length && !ref.explicitNamespace) {
        message += ` A Gateway with that name exists in namespace ${namespaces.join(', ')}: a plain name means the VirtualService's own namespace, so write "${namespaces[0]}/${ref.name}".`;
      } else if (elsewhere.length) {
        message += ` It exists in namespace ${namespaces.join(', ')}: write "${namespaces[0]}/${ref.name}".`;
      } else {
        message += ` Create the Gateway or fix the reference (use "namespace/name" for a Gateway in another namespace).`;
      }
      const data = { gateway: ref.name, namespace: ref.namespace, foundIn: namespaces };
      findings.push(finding('IST0101', resource, entry.range, message, elsewhere.map((g) => relatedTo(g, gatewayLabel(g))), data));
    }
    return findings;
  },
};

/** "Gateway ns/name", saying which API a Gateway API Gateway comes from. */
function gatewayLabel(gateway: Resource): string {
  return `${isKubernetesGateway(gateway) ? 'Gateway API Gateway' : 'Gateway'} ${gateway.namespace}/${gateway.name}`;
}

function internalReference(resource: Resource, entry: LocatedString, index: IndexLookups): Finding {
  const value = entry.value.trim();
  const owner = internalGatewayOwner(value);
  const ownerRef = owner ? parseGatewayRef(owner, resource.namespace) : undefined;
  const owners = ownerRef && !ownerRef.mesh ? gatewaysNamed(index, ownerRef.namespace, ownerRef.name) : [];
  let message =
    `Gateway reference "${value}" in VirtualService ${resource.namespace}/${resource.name} is to an implementation-generated internal Gateway: ` +
    `Istio derives it from a Gateway API Gateway and may rename it.`;
  message += owner ? ` Reference the Gateway API Gateway itself: "${owner}".` : ` Reference the Gateway API Gateway itself (namespace/name).`;
  const data = owner ? { fix: 'replace-value', replacement: owner, preferred: owners.length > 0 } : undefined;
  return finding('IST0165', resource, entry.range, message, owners.map((g) => relatedTo(g, gatewayLabel(g))), data);
}
