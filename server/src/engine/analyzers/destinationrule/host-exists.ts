import { clusterDomain, resolveServiceHost, serviceHostNamespace } from '../../hosts';
import { destinationService, serviceCoveredBy } from '../../model/destination-service';
import { destinationRuleView } from '../../model/istio-views';
import { lookupHost } from '../../model/service-registry';
import { serviceEntryView } from '../../model/serviceentry-views';
import { describeResource, type Resource } from '../../model/resource';
import { closestMatch } from '../../text/suggest';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0174: a DestinationRule host that reaches no Service or ServiceEntry under istioctl's lookup
 * (short names in the rule's namespace, other names as written, exportTo, wildcard ServiceEntries), so its
 * policies and subsets apply to nothing. Spoken only where the workspace holds Services or ServiceEntries;
 * a wildcard host that covers one of them, and the Istio installation's own services (istio-egressgateway...),
 * are not reported (istioctl would).
 */
export const destinationRuleHostExists: Analyzer = {
  id: 'destinationrule-host-exists',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource, { index }) {
    const view = destinationRuleView(resource);
    const host = view.host;
    if (!host || !host.value || hasPlaceholder(host.value)) return [];
    if (!index.countOfKind('', 'Service') && !index.countOfKind(networkingGroup, 'ServiceEntry')) return [];
    if (destinationService(index, host.value, resource.namespace, view.exportTo) !== undefined) return [];
    if (host.value.trim().startsWith('*') && serviceCoveredBy(index, host.value)) return [];
    const fqdn = resolveServiceHost(host.value, resource.namespace);
    // The Istio installation's own Services (gateways, istiod, addons) are in the cluster, rarely in the repository.
    if (lookupHost(index, fqdn, resource.namespace).kind === 'installation') return [];
    const hint = hintFor(index, fqdn, resource.namespace);
    const message =
      `Host ${host.value}${fqdn !== host.value ? ` (${fqdn})` : ''} matches no Service or ServiceEntry visible from namespace ${resource.namespace}, ` +
      `so this DestinationRule applies to nothing.${hint.text}`;
    const data: Record<string, string> = { host: host.value, fqdn };
    if (hint.suggestion) data.suggestion = hint.suggestion;
    return [finding('IST0174', resource, host.range, message, hint.related ? [relatedTo(hint.related, describeResource(hint.related))] : undefined, data)];
  },
};

interface Hint {
  text: string;
  suggestion?: string;
  related?: Resource;
}

/** Why the host is not found and what to write instead: a hidden service, a `name.namespace` host, or a likely typo. */
function hintFor(index: IndexLookups, fqdn: string, namespace: string): Hint {
  const declaring = [
    ...index.forHost('', 'Service', fqdn).filter((s) => resolveServiceHost(s.name, s.namespace) === fqdn),
    ...index.forHost(networkingGroup, 'ServiceEntry', fqdn).filter((se) => serviceEntryView(se).hosts.some((h) => resolveServiceHost(h.value, se.namespace) === fqdn)),
  ][0];
  if (declaring) {
    return {
      text: ` ${describeResource(declaring)} declares it but is not exported to namespace ${namespace}: add the namespace to its exportTo, or move the rule.`,
      related: declaring,
    };
  }
  const parts = fqdn.split('.');
  if (parts.length === 2) {
    const [service] = index.find('', 'Service', parts[1], parts[0]);
    if (service) {
      const full = `${fqdn}.svc.${clusterDomain}`;
      return { text: ` A name with a dot is taken as written, not completed: write ${full}.`, suggestion: full, related: service };
    }
  }
  const hostNamespace = serviceHostNamespace(fqdn);
  if (hostNamespace === undefined) return { text: ' Set host to the service\'s name, or declare the external host in a ServiceEntry.' };
  const candidates = index.ofKind('', 'Service').filter((s) => s.namespace === hostNamespace).map((s) => s.name);
  const close = closestMatch(fqdn.split('.')[0], candidates);
  const text = ` Set host to a Service's name (a short name is resolved in the rule's namespace, ${namespace}).`;
  return close ? { text: ` Did you mean ${close}?${text}`, suggestion: close } : { text };
}
