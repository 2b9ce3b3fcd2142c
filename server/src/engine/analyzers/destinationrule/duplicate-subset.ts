import type { Finding } from '../../finding';
import { destinationRuleDetails, type SubsetDetail } from '../../model/destinationrule-details';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/** IY0105: subset names must be unique within a DestinationRule (Istio rejects duplicates). */
export const destinationRuleDuplicateSubset: Analyzer = {
  id: 'destinationrule-duplicate-subset',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource) {
    const findings: Finding[] = [];
    const seen = new Map<string, SubsetDetail>();
    for (const subset of destinationRuleDetails(resource).subsets) {
      if (!subset.name) continue;
      const first = seen.get(subset.name.value);
      if (!first) {
        seen.set(subset.name.value, subset);
        continue;
      }
      const message =
        `Subset "${subset.name.value}" is defined twice in this DestinationRule: Istio rejects duplicate subset names. ` +
        `Rename this subset or merge it into the first one.`;
      const related = [{ uri: resource.uri, range: first.anchor, message: `first definition of subset ${subset.name.value}` }];
      findings.push(finding('IY0105', resource, subset.name.range, message, related, { subset: subset.name.value }));
    }
    return findings;
  },
};
