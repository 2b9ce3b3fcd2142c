import type { Finding } from '../../finding';
import { describePolicyScope, destinationRuleDetails } from '../../model/destinationrule-details';
import { asMap, getEntry, getValue, locatedString, rangeOf } from '../../parse/yaml-nodes';
import { minimumRingSize, warmupDurationSecs } from '../../schema/deprecated-fields';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0002: deprecated DestinationRule load-balancer settings. The schema catalog marks LEAST_CONN
 * (`x-deprecated-values`); warmupDurationSecs and consistentHash.minimumRingSize, and what replaces them, come
 * from the deprecated-field table completion tags them from.
 */
export const destinationRuleDeprecated: Analyzer = {
  id: 'destinationrule-deprecated',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource) {
    const findings: Finding[] = [];
    for (const at of destinationRuleDetails(resource).policies) {
      const loadBalancer = asMap(getValue(at.policy, 'loadBalancer'));
      if (!loadBalancer) continue;
      const scope = describePolicyScope(at);
      const simple = locatedString(getValue(loadBalancer, 'simple'));
      if (simple?.value === 'LEAST_CONN') {
        const message =
          `Deprecated: load balancer LEAST_CONN (for ${scope}) is deprecated; Istio applies LEAST_REQUEST in its place. Write LEAST_REQUEST.`;
        findings.push(finding('IST0002', resource, simple.range, message, undefined, { fix: 'replace-value', replacement: 'LEAST_REQUEST' }));
      }
      const warmup = getEntry(loadBalancer, warmupDurationSecs.field);
      if (warmup) {
        const { field, instead } = warmupDurationSecs;
        const message = `Deprecated: loadBalancer.${field} (for ${scope}) is deprecated; use loadBalancer.${instead} instead.`;
        findings.push(finding('IST0002', resource, rangeOf(warmup.key), message, undefined, { field, replacement: instead }));
      }
      const ringSize = getEntry(asMap(getValue(loadBalancer, 'consistentHash')), minimumRingSize.field);
      if (ringSize) {
        const { field, instead } = minimumRingSize;
        const message = `Deprecated: consistentHash.${field} (for ${scope}) is deprecated; use consistentHash.${instead} instead.`;
        findings.push(finding('IST0002', resource, rangeOf(ringSize.key), message, undefined, { field, replacement: instead }));
      }
    }
    return findings;
  },
};
