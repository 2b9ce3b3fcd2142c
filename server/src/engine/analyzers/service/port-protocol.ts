import type { ServicePortView } from '../../model/kubernetes-views';
import { hasPlaceholder } from '../../text/templating';

/** The protocol Istio gives a Kubernetes Service port, as its ConvertProtocol does. */

/** Protocols a port name (or appProtocol) may start with, matched case-insensitively; `grpc-web` is checked first. */
export const namedProtocols = ['grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'mongo', 'mysql', 'redis', 'tcp', 'tls', 'udp'];

/** appProtocol values Kubernetes defines, which Istio maps to its own protocols. */
const kubernetesAppProtocols: Readonly<Record<string, string>> = { 'kubernetes.io/h2c': 'http2', 'kubernetes.io/ws': 'http', 'kubernetes.io/wss': 'https' };

/** Ports Istio treats as TCP when their name says nothing (SMTP, DNS, MySQL, MongoDB): sniffing would break them. */
const wellKnownTcpPorts = new Set([25, 53, 3306, 27017]);

/** The protocol a port name declares: `grpc-web...`, else the text before the first `-`; undefined when it names none. */
export function protocolOfPortName(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const prefix = lower.split('-')[0];
  return namedProtocols.includes(prefix) ? prefix : undefined;
}

/** How Istio reads a Service port's protocol: `known`, `sniffed` (no protocol it knows) or `unknown` (a placeholder decides). */
export type PortProtocol = { kind: 'known'; protocol: string } | { kind: 'sniffed' } | { kind: 'unknown' };

/** The protocol Istio gives the port: UDP from `protocol: UDP`, else from appProtocol when set, else from the name. */
export function servicePortProtocol(port: ServicePortView): PortProtocol {
  if (port.protocol !== undefined && hasPlaceholder(port.protocol)) return { kind: 'unknown' };
  if (port.protocol === 'UDP') return { kind: 'known', protocol: 'udp' };
  const declared = port.appProtocol ?? port.name?.value ?? '';
  if (hasPlaceholder(declared)) return { kind: 'unknown' };
  const protocol = (port.appProtocol !== undefined ? kubernetesAppProtocols[declared] : undefined) ?? protocolOfPortName(declared);
  if (protocol) return { kind: 'known', protocol };
  if (port.port !== undefined && wellKnownTcpPorts.has(port.port)) return { kind: 'known', protocol: 'tcp' };
  return { kind: 'sniffed' };
}
