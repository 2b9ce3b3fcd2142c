import { destinationRuleView, virtualServiceView } from '../../model/istio-views';
import { isExportedTo } from '../../model/export-to';
import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/** IST0101: a route's `subset` must be defined by a DestinationRule for the destination host visible to the route. */
export const virtualServiceDestinationSubset: Analyzer = {
  id: 'virtualservice-destination-subset',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    for (const destination of virtualServiceView(resource).destinations) {
      const subset = destination.subset;
      if (!subset || hasPlaceholder(subset.value) || hasPlaceholder(destination.host.value)) continue;
      const fqdn = resolveServiceHost(destination.host.value, resource.namespace);
      const rules = index
        .forHost(networkingGroup, 'DestinationRule', fqdn)
        .filter((rule) => isExportedTo(destinationRuleView(rule).exportTo, rule.namespace, resource.namespace));
      if (rules.some((rule) => destinationRuleView(rule).subsets.some((s) => s.name.value === subset.value))) continue;
      let message: string;
      if (!rules.length) {
        message =
          `Subset "${subset.value}" of host ${destination.host.value} is not defined: no DestinationRule for ${fqdn} exists. ` +
          `Create a DestinationRule with host ${destination.host.value} and a subset named ${subset.value}.`;
      } else {
        const defined = rules.flatMap((rule) => destinationRuleView(rule).subsets.map((s) => s.name.value));
        const ruleNames = rules.map((r) => `${r.namespace}/${r.name}`).join(', ');
        message =
          `Subset "${subset.value}" is not defined by DestinationRule ${ruleNames} for host ${destination.host.value} ` +
          `(its subsets: ${defined.length ? defined.join(', ') : 'none'}). Add the subset to the DestinationRule or route to a defined one.`;
      }
      const data = { host: destination.host.value, fqdn, subset: subset.value };
      findings.push(finding('IST0101', resource, subset.range, message, rules.map((r) => relatedTo(r, `DestinationRule ${r.namespace}/${r.name}`)), data));
    }
    return findings;
  },
};
