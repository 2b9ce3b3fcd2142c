import type { Finding } from '../../finding';
import { destinationRuleDetails } from '../../model/destinationrule-details';
import { destinationRuleView } from '../../model/istio-views';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IY0106: a subset without labels selects every endpoint of the host. Alone that is a known idiom
 * (a name to route to or hang a traffic policy on, as in Istio's egress gateway docs), so only a
 * subset beside others is reported: there it cannot separate its pods from theirs.
 */
export const destinationRuleSubsetLabels: Analyzer = {
  id: 'destinationrule-subset-labels',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource) {
    const { subsets } = destinationRuleDetails(resource);
    if (subsets.length < 2) return [];
    const host = destinationRuleView(resource).host?.value ?? 'the host';
    const findings: Finding[] = [];
    for (const subset of subsets) {
      if (subset.labels && Object.keys(subset.labels).length) continue;
      const name = subset.name?.value ?? '<unnamed>';
      const message =
        `Subset "${name}" has no labels, so it selects every endpoint of ${host}, including the pods of the other subsets: ` +
        `traffic routed to it is not limited to one version. Add labels that select its pods (e.g. version: ${name}).`;
      findings.push(finding('IY0106', resource, subset.anchor, message, undefined, { subset: name }));
    }
    return findings;
  },
};
