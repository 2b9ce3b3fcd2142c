import { resolveServiceHost } from '../../hosts';
import { destinationRuleDetails } from '../../model/destinationrule-details';
import { destinationRuleView } from '../../model/istio-views';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IY0107: two DestinationRules (without workloadSelector) for the same host in one namespace.
 * Istio merges them only partly: subsets are combined (a repeated name is dropped), but the
 * top-level trafficPolicy comes from the oldest rule that has one; the other's is ignored.
 */
export const destinationRuleDuplicateHost: Analyzer = {
  id: 'destinationrule-duplicate-host',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource, { index }) {
    const host = destinationRuleView(resource).host;
    if (!host || hasPlaceholder(host.value) || destinationRuleDetails(resource).workloadSelector) return [];
    const fqdn = resolveServiceHost(host.value, resource.namespace);
    const others = index.forHost(networkingGroup, 'DestinationRule', fqdn).filter((other) => {
      if (other === resource || other.namespace !== resource.namespace || destinationRuleDetails(other).workloadSelector) return false;
      const otherHost = destinationRuleView(other).host;
      return !!otherHost && resolveServiceHost(otherHost.value, other.namespace) === fqdn;
    });
    if (!others.length) return [];
    const names = others.map((o) => `${o.namespace}/${o.name}`).join(', ');
    const message =
      `DestinationRule${others.length > 1 ? 's' : ''} ${names} also configure${others.length > 1 ? '' : 's'} host ${fqdn} in namespace ${resource.namespace}. ` +
      `Istio merges them only partly: subsets are combined (a repeated subset name is dropped) but only the oldest rule's trafficPolicy applies. ` +
      `Merge them into one DestinationRule.`;
    const related = others.map((o) => relatedTo(o, `DestinationRule ${o.namespace}/${o.name}`));
    return [finding('IY0107', resource, host.range, message, related, { host: fqdn })];
  },
};
