import type { Finding } from '../../finding';
import { hasPlaceholder } from '../../text/templating';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { serviceName, servicesSelectingMeshDeployment, type SelectingService } from './selecting-services';

/**
 * IST0116: a mesh Deployment whose pods are selected by Services (or one Service) exposing the same port number with
 * different L4 protocols (`protocol`, TCP when absent). The sidecar builds one listener per port, so one protocol
 * loses. One finding per such port, on the Deployment's name.
 */
export const deploymentMultipleServiceProtocols: Analyzer = {
  id: 'multiple-service-protocols',
  group: 'apps',
  kind: 'Deployment',
  analyze(resource, { index }) {
    const services = servicesSelectingMeshDeployment(resource, index);
    if (!services?.length) return [];
    const byPort = new Map<number, Map<string, SelectingService[]>>();
    for (const selecting of services)
      for (const port of selecting.view.ports) {
        const protocol = port.protocol ?? 'TCP';
        if (port.port === undefined || hasPlaceholder(protocol)) continue;
        const protocols = byPort.get(port.port) ?? new Map<string, SelectingService[]>();
        byPort.set(port.port, protocols);
        protocols.set(protocol, [...(protocols.get(protocol) ?? []), selecting]);
      }
    const findings: Finding[] = [];
    for (const [port, protocols] of [...byPort].sort(([a], [b]) => a - b)) {
      if (protocols.size < 2) continue;
      const uses = [...protocols].map(([protocol, list]) => `${protocol} (${[...new Set(list.map((s) => serviceName(s.service)))].join(', ')})`).join(', ');
      const involved = [...new Set([...protocols.values()].flat().map((s) => s.service))];
      const message =
        `The pods of this Deployment are selected by Services that use port ${port} with different protocols: ${uses}. ` +
        `The sidecar has one listener per port, so only one protocol works. Use one protocol per port number, or give each protocol its own port.`;
      const related = involved.map((s) => relatedTo(s, `Service ${serviceName(s)} uses port ${port}`));
      findings.push(finding('IST0116', resource, resource.anchor, message, related, { port }));
    }
    return findings;
  },
};
