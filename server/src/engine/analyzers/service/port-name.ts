import type { Finding } from '../../finding';
import { serviceView } from '../../model/kubernetes-views';
import { hasPlaceholder } from '../../text/templating';
import { finding, type Analyzer } from '../analyzer';

/** The protocols Istio reads from a port name's prefix (case-insensitive), as its protocol.Parse does. */
const namedProtocols = ['grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'mongo', 'mysql', 'redis', 'tcp', 'tls', 'udp'];

/** Namespaces istioctl leaves out of its checks. */
const systemNamespaces = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

/** The protocol a Service port name declares, as Istio parses it: `grpc-web...`, else the text before the first `-`. */
export function protocolOfPortName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const prefix = lower.split('-')[0];
  return namedProtocols.includes(prefix) ? prefix : undefined;
}

/**
 * IST0118: a Kubernetes Service port whose name is not `<protocol>[-<suffix>]` and that has no
 * `appProtocol`: Istio then sniffs the protocol. UDP and SCTP ports carry their protocol already.
 * Runs on core Services: needs the engine to run analyzers registered for non-Istio kinds.
 */
export const servicePortName: Analyzer = {
  id: 'service-port-name',
  group: '',
  kind: 'Service',
  analyze(resource) {
    if (systemNamespaces.has(resource.namespace)) return [];
    const findings: Finding[] = [];
    for (const port of serviceView(resource).ports) {
      const protocol = port.protocol?.toUpperCase();
      if (protocol === 'UDP' || protocol === 'SCTP' || port.appProtocol) continue;
      const name = port.name?.value;
      if (name !== undefined && (hasPlaceholder(name) || protocolOfPortName(name))) continue;
      const number = port.port ?? '?';
      const what = name === undefined ? `Port ${number} has no name` : `Port name "${name}" (port ${number}) does not follow Istio's <protocol>[-<suffix>] naming`;
      const message =
        `${what}, so Istio cannot tell its protocol and falls back to sniffing it. ` +
        `Name it after its protocol (${namedProtocols.filter((p) => p !== 'http_proxy').join(', ')}), e.g. "http${name ? `-${name}` : ''}", or set appProtocol.`;
      findings.push(finding('IST0118', resource, port.anchor, message, undefined, { port: port.port ?? 0, name: name ?? '' }));
    }
    return findings;
  },
};
