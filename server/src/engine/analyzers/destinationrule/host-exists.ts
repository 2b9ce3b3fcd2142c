import { resolveServiceHost } from '../../hosts';
import { destinationRuleView } from '../../model/istio-views';
import { lookupHost } from '../../model/service-registry';
import { closestMatch } from '../../text/suggest';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IY0109: a DestinationRule's host matches no Service or ServiceEntry, so its policies and subsets
 * apply to nothing. istioctl has no such check (hence our code); like IST0101 for routes it speaks
 * only where the workspace holds the services such a host would be.
 */
export const destinationRuleHostExists: Analyzer = {
  id: 'destinationrule-host-exists',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource, { index }) {
    const host = destinationRuleView(resource).host;
    if (!host || hasPlaceholder(host.value) || host.value.includes('*')) return [];
    const fqdn = resolveServiceHost(host.value, resource.namespace);
    const found = lookupHost(index, fqdn, undefined);
    if (found.kind !== 'missing') return [];
    const close = closestMatch(fqdn.split('.')[0], found.candidates);
    let message = `Host ${host.value}${fqdn !== host.value ? ` (${fqdn})` : ''} matches no Service or ServiceEntry, so this DestinationRule applies to nothing.`;
    if (close) message += ` Did you mean ${close}?`;
    message += ` Set host to the service's name (short names are resolved in the DestinationRule's namespace, ${resource.namespace}).`;
    return [finding('IY0109', resource, host.range, message, undefined, { host: host.value, fqdn, ...(close ? { suggestion: close } : {}) })];
  },
};
