import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { boundToGateway } from '../../model/mesh-binding';
import { describeResource } from '../../model/resource';
import { lookupHost } from '../../model/service-registry';
import { describeRule, virtualServiceRules } from '../../model/virtualservice-routes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0112 and IST0101 (host+port) for route destinations whose Service or ServiceEntry is in the
 * workspace: a `port.number` the service does not expose is not found; no port towards a service
 * with several is ambiguous. The latter only for VirtualServices bound to a Gateway, where the
 * listener port says nothing about the service port (sidecars pick the port the request came on).
 */
export const virtualServiceDestinationPort: Analyzer = {
  id: 'virtualservice-destination-port',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    const fromGateway = boundToGateway(resource);
    for (const rule of virtualServiceRules(resource)) {
      for (const entry of rule.routes) {
        const host = entry.host;
        if (!host || hasPlaceholder(host.value) || host.value.includes('*')) continue;
        const found = lookupHost(index, resolveServiceHost(host.value, resource.namespace), resource.namespace);
        if ((found.kind !== 'service' && found.kind !== 'serviceentry') || !found.ports?.length) continue;
        const target = found.resource;
        const ports = found.ports;
        const related = [relatedTo(target, describeResource(target))];
        if (entry.port) {
          if (ports.includes(entry.port.number)) continue;
          const message =
            `Referenced port not found: ${describeResource(target)} has no port ${entry.port.number} (its ports: ${ports.join(', ')}). ` +
            `Use one of its ports${found.kind === 'service' ? ' (the Service port, not the targetPort)' : ''}.`;
          findings.push(finding('IST0101', resource, entry.port.range, message, related, { host: host.value, port: entry.port.number, ports: ports.map(String) }));
        } else if (ports.length > 1 && fromGateway) {
          const message =
            `${describeResource(target)} exposes several ports (${ports.join(', ')}) and this destination of ${describeRule(rule)} does not say which: ` +
            `traffic from the Gateway cannot be routed. Add destination.port.number.`;
          findings.push(finding('IST0112', resource, host.range, message, related, { host: host.value, ports: ports.map(String) }));
        }
      }
    }
    return findings;
  },
};
