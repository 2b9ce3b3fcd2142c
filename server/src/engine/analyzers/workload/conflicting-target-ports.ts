import type { Finding } from '../../finding';
import type { Resource } from '../../model/resource';
import { hasPlaceholder } from '../../text/templating';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { serviceName, servicesSelectingMeshDeployment } from './selecting-services';

/**
 * IST0137: a mesh Deployment whose pods are selected by Services that send different service ports to the same
 * targetPort (a number or a container port name; absent means the port itself). Istio keys inbound traffic by
 * target port, so those service ports cannot be told apart. One finding per such targetPort, on the Deployment's name.
 */
export const deploymentConflictingTargetPorts: Analyzer = {
  id: 'conflicting-target-ports',
  group: 'apps',
  kind: 'Deployment',
  analyze(resource, { index }) {
    const services = servicesSelectingMeshDeployment(resource, index);
    if (!services?.length) return [];
    // targetPort → service port → the Service that maps it (the last one, as istioctl keeps it).
    const byTarget = new Map<string, Map<number, Resource>>();
    for (const { service, view } of services)
      for (const port of view.ports) {
        if (port.port === undefined) continue;
        const target = port.targetPort === undefined || port.targetPort === '' || port.targetPort === '0' ? String(port.port) : port.targetPort;
        if (hasPlaceholder(target)) continue;
        const ports = byTarget.get(target) ?? new Map<number, Resource>();
        byTarget.set(target, ports);
        ports.set(port.port, service);
      }
    const findings: Finding[] = [];
    for (const [target, ports] of [...byTarget].sort(([a], [b]) => a.localeCompare(b))) {
      if (ports.size < 2) continue;
      const sorted = [...ports].sort(([a], [b]) => a - b);
      const uses = sorted.map(([port, service]) => `${port} (${serviceName(service)})`).join(', ');
      const message =
        `Services selecting this Deployment's pods send different ports to targetPort ${target}: ${uses}. ` +
        `Istio tells inbound traffic apart by target port, so these service ports get mixed up. Map each targetPort from a single port number.`;
      const related = [...new Set(sorted.map(([, service]) => service))].map((s) => relatedTo(s, `Service ${serviceName(s)} targets port ${target}`));
      findings.push(finding('IST0137', resource, resource.anchor, message, related, { targetPort: target }));
    }
    return findings;
  },
};
