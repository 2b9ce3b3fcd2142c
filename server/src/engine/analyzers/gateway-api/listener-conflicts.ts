import type { Finding } from '../../finding';
import { conflictedListeners, listenerConflict } from '../../model/gateway-api/listeners';
import { gatewayApiGroup, listenerOwnerView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { finding, type Analyzer, type AnalysisContext } from '../analyzer';
import { listenerLabel } from './route-parents';

/**
 * IY0214: listeners of one Gateway (or ListenerSet) that cannot share a port with an earlier one. Istio programs the
 * earlier and marks the later Conflicted (the comparison is against listeners that won, as Istio merges them).
 * Identical port+protocol+hostname is left to the schema (the API server rejects it).
 */
function analyzeConflicts(resource: Resource, _context: AnalysisContext): Finding[] {
  const findings: Finding[] = [];
  for (const { listener, winner: earlier } of conflictedListeners(listenerOwnerView(resource).listeners)) {
    const reason = listenerConflict(listener, earlier)!;
    if (reason === 'HostnameConflict' && listener.protocol?.value === earlier.protocol?.value) continue;
    const why =
      reason === 'ProtocolConflict'
        ? `protocol ${listener.protocol?.value ?? '(none)'} cannot share port ${listener.port?.value} with ${earlier.protocol?.value ?? '(none)'}`
        : `it serves the same hostname (${listener.hostname?.value ?? '*'}) on port ${listener.port?.value}`;
    const message =
      `Listener ${listenerLabel(listener)} conflicts with listener ${listenerLabel(earlier)}: ${why}. Istio keeps the first; after apply this one's status says Conflicted=True, reason ${reason}, ` +
      `and no route attaches to it. Use another port or hostname.`;
    findings.push(finding('IY0214', resource, listener.name?.range ?? listener.range, message, [{ uri: resource.uri, range: earlier.name?.range ?? earlier.range, message: `listener ${listenerLabel(earlier)}` }]));
  }
  return findings;
}

export const listenerConflictAnalyzers: Analyzer[] = ['Gateway', 'ListenerSet'].map((kind) => ({
  id: 'gateway-api-listener-conflicts',
  group: gatewayApiGroup,
  kind,
  analyze: analyzeConflicts,
}));
