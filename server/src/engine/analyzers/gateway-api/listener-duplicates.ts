import type { Finding } from '../../finding';
import { gatewayApiGroup, listenerOwnerView, type ListenerView } from '../../model/gateway-api/views';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { listenerLabel } from './route-parents';

/**
 * IY0215 / IY0218: another Gateway API Gateway listens with the same port, protocol and hostname (Kiali's KIA1501), on a
 * shared address (a real conflict) or on its own (Istio deploys each Gateway with its own Service: DNS decides).
 */
export const listenerDuplicates: Analyzer = {
  id: 'gateway-api-listener-duplicates',
  group: gatewayApiGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const own = listenerOwnerView(resource).listeners.filter((l) => l.port && l.protocol);
    if (!own.length) return [];
    const others = index.ofKind(gatewayApiGroup, 'Gateway').filter((g) => g !== resource && g.id !== resource.id);
    const findings: Finding[] = [];
    for (const listener of own) {
      const clashes = others.filter((g) => listenerOwnerView(g).listeners.some((l) => sameListener(l, listener)));
      if (!clashes.length) continue;
      const names = clashes.map((g) => `${g.namespace}/${g.name}`).join(', ');
      const shared = clashes.some((g) => listenerOwnerView(g).addresses.some((a) => listenerOwnerView(resource).addresses.includes(a)));
      const consequence = shared
        ? 'They share an address, so only one of them can bind it.'
        : 'Each Gateway gets its own address; which one a client reaches depends on DNS.';
      const message = `Listener ${listenerLabel(listener)} (${listener.protocol!.value}, hostname ${listener.hostname?.value ?? '*'}) is also served by Gateway ${names}. ${consequence} Merge them, or give them distinct hostnames.`;
      findings.push(finding(shared ? 'IY0215' : 'IY0218', resource, listener.name?.range ?? listener.range, message, clashes.map((g) => relatedTo(g, `Gateway ${g.namespace}/${g.name}`))));
    }
    return findings;
  },
};

function sameListener(a: ListenerView, b: ListenerView): boolean {
  const host = (l: ListenerView) => l.hostname?.value.trim().toLowerCase() ?? '*';
  return a.port?.value === b.port?.value && a.protocol?.value === b.protocol?.value && host(a) === host(b);
}
