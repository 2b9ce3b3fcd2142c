import type { Finding } from '../../finding';
import { nameList, sharedTargets } from '../../model/selector-overlap';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { telemetryGroup } from './group';
import { telemetryScope, telemetrySelector } from './scope';

/**
 * IST0159: several Telemetries of a namespace select the same workload, so which one configures it is undefined.
 * Reported on each of them, once per shared workload (as istioctl does per pod).
 */
export const telemetryConflictingSelectors: Analyzer = {
  id: 'conflicting-selectors',
  group: telemetryGroup,
  kind: 'Telemetry',
  analyze(resource, { index }) {
    const selector = telemetrySelector(resource);
    if (!selector) return [];
    const findings: Finding[] = [];
    for (const { target, sharing } of sharedTargets(index, resource, selector.labels, telemetryScope)) {
      if (sharing.length < 2) continue;
      const others = sharing.filter((t) => t !== resource);
      const message =
        `The Telemetries ${nameList(sharing)} in namespace ${resource.namespace} all select ${target.description}: ` +
        `which one configures its metrics, traces and access logs is undefined. ` +
        `Narrow the selectors so that each workload is selected by one Telemetry, or merge them.`;
      const related = [
        ...others.map((t) => relatedTo(t, `Telemetry ${t.namespace}/${t.name} also selects ${target.description}`)),
        ...(target.resource ? [relatedTo(target.resource, `${target.description}, selected by ${nameList(sharing)}`)] : []),
      ];
      findings.push(finding('IST0159', resource, resource.anchor, message, related, { workload: target.description }));
    }
    return findings;
  },
};
