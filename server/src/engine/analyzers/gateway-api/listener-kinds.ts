import type { Finding } from '../../finding';
import { kindsForProtocol, unsupportedAllowedKinds } from '../../model/gateway-api/listeners';
import { gatewayApiGroup, listenerOwnerView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { finding, type Analyzer } from '../analyzer';
import { listenerLabel } from './route-parents';

/** IY0207: allowedRoutes.kinds entries a listener's protocol cannot carry. */
function analyzeKinds(resource: Resource): Finding[] {
  const findings: Finding[] = [];
  for (const listener of listenerOwnerView(resource).listeners) {
    const supported = (kindsForProtocol(listener) ?? []).map((k) => k.kind).join(', ') || 'none';
    for (const bad of unsupportedAllowedKinds(listener)) {
      const group = bad.group !== undefined && bad.group !== gatewayApiGroup ? `${bad.group || 'core'}/` : '';
      const message =
        `Listener ${listenerLabel(listener)} allows ${group}${bad.kind.value}, which its protocol ${listener.protocol?.value} cannot carry (it carries ${supported}). ` +
        `After apply the listener's status says ResolvedRefs=False, reason InvalidRouteKinds. Remove it, or change the protocol.`;
      findings.push(finding('IY0207', resource, bad.kind.range, message));
    }
  }
  return findings;
}

export const listenerKindAnalyzers: Analyzer[] = ['Gateway', 'ListenerSet'].map((kind) => ({ id: 'gateway-api-listener-kinds', group: gatewayApiGroup, kind, analyze: analyzeKinds }));
