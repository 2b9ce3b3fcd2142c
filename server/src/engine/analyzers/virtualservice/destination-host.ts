import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { virtualServiceView } from '../../model/istio-views';
import { lookupHost } from '../../model/service-registry';
import { closestMatch } from '../../text/suggest';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0101: a route or mirror destination host must be a Service or a (visible) ServiceEntry.
 * Reported only where the workspace holds the services such a host would be (see `lookupHost`),
 * so a repo of routing rules alone stays quiet.
 */
export const virtualServiceDestinationHost: Analyzer = {
  id: 'virtualservice-destination-host',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    for (const { host } of virtualServiceView(resource).destinations) {
      if (hasPlaceholder(host.value) || host.value.includes('*')) continue;
      const fqdn = resolveServiceHost(host.value, resource.namespace);
      const found = lookupHost(index, fqdn, resource.namespace);
      if (found.kind !== 'missing') continue;
      const shortName = fqdn.split('.')[0];
      const close = closestMatch(shortName, found.candidates);
      let message = `Referenced host not found: ${host.value}${fqdn !== host.value ? ` (${fqdn})` : ''} is neither a Service nor a ServiceEntry host visible in namespace ${resource.namespace}.`;
      if (close) message += ` Did you mean ${close}?`;
      message += ` Fix the host name, or add the Service or a ServiceEntry for it.`;
      findings.push(finding('IST0101', resource, host.range, message, undefined, { host: host.value, fqdn, ...(close ? { suggestion: close } : {}) }));
    }
    return findings;
  },
};
