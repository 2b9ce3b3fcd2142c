import type { Finding } from '../../finding';
import { describePolicyScope, destinationRuleDetails } from '../../model/destinationrule-details';
import { asMap, getEntry, getValue, locatedString, rangeOf } from '../../parse/yaml-nodes';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0002: deprecated DestinationRule load-balancer settings. The schema catalog marks LEAST_CONN
 * (`x-deprecated-values`) and describes warmupDurationSecs and consistentHash.minimumRingSize as
 * deprecated; analyzers do not see the catalog, so the list is kept here.
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
      const warmup = getEntry(loadBalancer, 'warmupDurationSecs');
      if (warmup) {
        const message =
          `Deprecated: loadBalancer.warmupDurationSecs (for ${scope}) is deprecated; use loadBalancer.warmup.duration instead.`;
        findings.push(finding('IST0002', resource, rangeOf(warmup.key), message, undefined, { field: 'warmupDurationSecs', replacement: 'warmup.duration' }));
      }
      const ringSize = getEntry(asMap(getValue(loadBalancer, 'consistentHash')), 'minimumRingSize');
      if (ringSize) {
        const message =
          `Deprecated: consistentHash.minimumRingSize (for ${scope}) is deprecated; use consistentHash.ringHash.minimumRingSize instead.`;
        findings.push(finding('IST0002', resource, rangeOf(ringSize.key), message, undefined, { field: 'minimumRingSize', replacement: 'ringHash.minimumRingSize' }));
      }
    }
    return findings;
  },
};
