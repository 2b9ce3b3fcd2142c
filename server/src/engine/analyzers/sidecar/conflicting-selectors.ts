import type { Finding } from '../../finding';
import { workloadIsAmbient } from '../../model/ambient';
import { nameList, sharedTargets } from '../../model/selector-overlap';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { sidecarScope, sidecarSelector } from './scope';

/**
 * IST0110: several Sidecars of a namespace select the same workload, so which one its proxy uses is undefined.
 * Reported on each of them, once per shared workload (as istioctl does per pod); a workload in ambient mode has no
 * sidecar to conflict over (IST0167 speaks instead).
 */
export const sidecarConflictingSelectors: Analyzer = {
  id: 'conflicting-selectors',
  group: networkingGroup,
  kind: 'Sidecar',
  analyze(resource, { index }) {
    const selector = sidecarSelector(resource);
    if (!selector) return [];
    const findings: Finding[] = [];
    for (const { target, sharing } of sharedTargets(index, resource, selector.labels, sidecarScope)) {
      if (sharing.length < 2 || (target.resource && workloadIsAmbient(target.resource))) continue;
      const others = sharing.filter((s) => s !== resource);
      const message =
        `The Sidecars ${nameList(sharing)} in namespace ${resource.namespace} all select ${target.description}: ` +
        `its proxy takes one of them and which one is undefined. ` +
        `Narrow the workloadSelectors so that each workload is selected by one Sidecar, or merge them.`;
      const related = [
        ...others.map((s) => relatedTo(s, `Sidecar ${s.namespace}/${s.name} also selects ${target.description}`)),
        ...(target.resource ? [relatedTo(target.resource, `${target.description}, selected by ${nameList(sharing)}`)] : []),
      ];
      findings.push(finding('IST0110', resource, resource.anchor, message, related, { workload: target.description }));
    }
    return findings;
  },
};
