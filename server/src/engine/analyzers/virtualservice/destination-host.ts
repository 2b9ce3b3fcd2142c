import type { Finding } from '../../finding';
import { exportToValues } from '../../model/export-to';
import { routeDestinations } from '../../model/route-destinations';
import { findDestinationService, hostAbsenceMeaningful, istioctlFqdn } from '../../model/service-registry';
import { closestMatch } from '../../text/suggest';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0101: a route or mirror destination host must be a Service or a ServiceEntry host the VirtualService
 * can see, by istioctl's lookup (`findDestinationService`: exportTo of both sides, ServiceEntry wildcards).
 * Reported only where the workspace holds the services such a host would be (`hostAbsenceMeaningful`),
 * so a repo of routing rules alone stays quiet.
 */
export const virtualServiceDestinationHost: Analyzer = {
  id: 'virtualservice-destination-host',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    const from = { namespace: resource.namespace, exportTo: exportToValues(resource) };
    for (const destination of routeDestinations(resource)) {
      const host = destination.host;
      if (!host || hasPlaceholder(host.value)) continue;
      if (findDestinationService(index, host.value, from) !== undefined) continue;
      const fqdn = istioctlFqdn(host.value, resource.namespace);
      const absence = hostAbsenceMeaningful(index, fqdn);
      if (!absence.meaningful) continue;
      const close = closestMatch(fqdn.split('.')[0], absence.candidates);
      const what = destination.role === 'mirror' ? 'Mirror host' : 'Referenced host';
      let message =
        `${what} not found: ${host.value}${fqdn !== host.value ? ` (${fqdn})` : ''} is neither a Service nor a ServiceEntry host ` +
        `visible to this VirtualService (namespace ${resource.namespace}${from.exportTo?.length ? `, exportTo ${from.exportTo.join(', ')}` : ''}).`;
      if (close) message += ` Did you mean ${close}?`;
      message += ` Fix the host name, or add the Service or a ServiceEntry for it (exported to this namespace).`;
      findings.push(finding('IST0101', resource, host.range, message, undefined, { host: host.value, fqdn, ...(close ? { suggestion: close } : {}) }));
    }
    return findings;
  },
};
