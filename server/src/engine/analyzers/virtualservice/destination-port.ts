import type { Finding } from '../../finding';
import { exportToValues } from '../../model/export-to';
import { describeResource } from '../../model/resource';
import { routeDestinations } from '../../model/route-destinations';
import { findDestinationService } from '../../model/service-registry';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0112 and IST0101 (host:port) for route and mirror destinations whose Service or ServiceEntry is in the
 * workspace, as istioctl checks them: a `port.number` the service does not expose is not found; no port
 * towards a service with several port entries is ambiguous, whatever binds the VirtualService.
 */
export const virtualServiceDestinationPort: Analyzer = {
  id: 'virtualservice-destination-port',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    const from = { namespace: resource.namespace, exportTo: exportToValues(resource) };
    for (const destination of routeDestinations(resource)) {
      const host = destination.host;
      if (!host || hasPlaceholder(host.value) || destination.port.state === 'unknown') continue;
      const found = findDestinationService(index, host.value, from);
      if (!found || found === 'uncertain' || !found.ports) continue;
      const { ports, resource: target } = found;
      const related = [relatedTo(target, describeResource(target))];
      const listed = ports.length ? ports.join(', ') : 'none';
      if (destination.port.state === 'number') {
        const number = destination.port.number;
        if (ports.includes(number)) continue;
        const message =
          `Referenced port not found: ${describeResource(target)} has no port ${number} (its ports: ${listed}). ` +
          `Use one of its ports${found.kind === 'service' ? ' (the Service port, not the targetPort)' : ''}.`;
        findings.push(finding('IST0101', resource, destination.port.range, message, related, { host: host.value, port: number, ports: ports.map(String) }));
      } else if (ports.length > 1) {
        const what = destination.role === 'mirror' ? `the mirror of http[${destination.rule}]` : `this destination of ${destination.protocol}[${destination.rule}]`;
        const message =
          `${describeResource(target)} exposes several ports (${listed}) and ${what} does not say which one to use. ` +
          `Add destination.port.number.`;
        findings.push(finding('IST0112', resource, host.range, message, related, { host: host.value, ports: ports.map(String) }));
      }
    }
    return findings;
  },
};
