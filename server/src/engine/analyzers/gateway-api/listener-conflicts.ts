import type { Finding } from '../../finding';
import { conflictedListeners, listenerConflict } from '../../model/gateway-api/listeners';
import { listenerSetParent, mergedConflicts } from '../../model/gateway-api/listener-sets';
import { gatewayApiGroup, listenerOwnerView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { finding, type Analyzer, type AnalysisContext } from '../analyzer';
import { listenerLabel } from './route-parents';

/**
 * IY0214: listeners that cannot share a port with an earlier one. Istio programs the earlier and marks the later
 * Conflicted, comparing against the listeners that won. A ListenerSet its Gateway admits is merged after the
 * Gateway's listeners (and other admitted sets), so it can lose to them. Identical port+protocol+hostname within one
 * resource is left to the schema (the API server rejects it).
 */
function analyzeConflicts(resource: Resource, { index }: AnalysisContext): Finding[] {
  const parent = resource.kind === 'ListenerSet' ? listenerSetParent(resource, index) : undefined;
  const conflicts =
    parent?.status === 'allowed'
      ? mergedConflicts(parent.gateway, index).filter((c) => c.owner === resource)
      : conflictedListeners(listenerOwnerView(resource).listeners).map((c) => ({ ...c, owner: resource, winnerOwner: resource }));
  const findings: Finding[] = [];
  for (const { listener, winner: earlier, winnerOwner } of conflicts) {
    const reason = listenerConflict(listener, earlier)!;
    if (reason === 'HostnameConflict' && winnerOwner === resource && listener.protocol?.value === earlier.protocol?.value) continue;
    const where = winnerOwner === resource ? '' : ` of ${winnerOwner.kind} ${winnerOwner.namespace}/${winnerOwner.name}`;
    const why =
      reason === 'ProtocolConflict'
        ? `protocol ${listener.protocol?.value ?? '(none)'} cannot share port ${listener.port?.value} with ${earlier.protocol?.value ?? '(none)'}`
        : `it serves the same hostname (${listener.hostname?.value ?? '*'}) on port ${listener.port?.value}`;
    const message =
      `Listener ${listenerLabel(listener)} conflicts with listener ${listenerLabel(earlier)}${where}: ${why}. Istio keeps the first; after apply this one's status says Conflicted=True, reason ${reason}, ` +
      `and no route attaches to it. Use another port or hostname.`;
    const related = [{ uri: winnerOwner.uri, range: earlier.name?.range ?? earlier.range, message: `listener ${listenerLabel(earlier)}${where}` }];
    findings.push(finding('IY0214', resource, listener.name?.range ?? listener.range, message, related));
  }
  return findings;
}

export const listenerConflictAnalyzers: Analyzer[] = ['Gateway', 'ListenerSet'].map((kind) => ({
  id: 'gateway-api-listener-conflicts',
  group: gatewayApiGroup,
  kind,
  analyze: analyzeConflicts,
}));
