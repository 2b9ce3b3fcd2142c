import type { Finding } from '../../finding';
import { serviceView } from '../../model/kubernetes-views';
import { finding, type Analyzer } from '../analyzer';
import { serviceIsLeftAlone } from './istio-managed';
import { servicePortProtocol } from './port-protocol';

/**
 * IST0150: a port of an ExternalName Service named exactly `tcp`, or naming no protocol Istio knows. The sidecar
 * forwards such a port as plain TCP, which for an external name it cannot route by host: traffic may not arrive.
 */
export const externalNameServicePort: Analyzer = {
  id: 'external-name-port',
  group: '',
  kind: 'Service',
  analyze(resource) {
    const view = serviceView(resource);
    if (view.type !== 'ExternalName' || serviceIsLeftAlone(resource)) return [];
    const findings: Finding[] = [];
    for (const port of view.ports) {
      const name = port.name?.value;
      const sniffed = servicePortProtocol(port).kind === 'sniffed';
      if (!sniffed && name !== 'tcp') continue;
      const number = port.port ?? '?';
      const what = sniffed ? (name === undefined ? `Port ${number} has no name` : `Port name "${name}" (port ${number}) names no protocol`) : `Port ${number} is named "tcp"`;
      const message =
        `${what} on an ExternalName Service: the sidecar forwards it as plain TCP, which it cannot route to the external name, ` +
        `so traffic to this port may not arrive. Name the port after its application protocol (http-, https-, tls-, grpc-...) or set appProtocol.`;
      findings.push(finding('IST0150', resource, port.anchor, message, undefined, { port: port.port ?? 0, name: name ?? '' }));
    }
    return findings;
  },
};
