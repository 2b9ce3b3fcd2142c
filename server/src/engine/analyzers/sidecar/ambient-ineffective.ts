import type { Resource } from '../../model/resource';
import { ambientNamespace, workloadIsAmbient } from '../../model/ambient';
import { selectionTargets } from '../../model/workload-selection';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { sidecarScope } from './scope';

/**
 * IST0167 (IneffectivePolicy): a Sidecar configures sidecar proxies, which ambient workloads do not have. Reported once
 * for a Sidecar that selects a workload whose pods are redirected to ambient (`ambient.istio.io/redirection: enabled`),
 * or that has no selector in a namespace labelled for ambient — the two conditions istioctl checks.
 */
export const sidecarAmbientIneffective: Analyzer = {
  id: 'ambient-ineffective',
  group: networkingGroup,
  kind: 'Sidecar',
  analyze(resource, { index }) {
    const scope = sidecarScope(resource);
    if (scope.kind === 'namespace') {
      const namespace = ambientNamespace(index, resource.namespace);
      if (!namespace) return [];
      const message =
        `The policy has no impact: namespace ${resource.namespace} is in ambient mode (istio.io/dataplane-mode=ambient), where pods have no sidecar proxy for this Sidecar to configure. ` +
        `Remove it, or take the namespace out of ambient mode if its workloads should run sidecars.`;
      return [finding('IST0167', resource, resource.anchor, message, [relatedTo(namespace, `Namespace ${namespace.name}, in ambient mode`)])];
    }
    if (scope.kind !== 'selector') return [];
    const ambient = selectionTargets(index, scope.labels, resource.namespace).flatMap((t) =>
      t.resource && workloadIsAmbient(t.resource) ? [t.resource] : [],
    );
    if (!ambient.length) return [];
    const names = ambient.map(describe).join(', ');
    const subject = ambient.length === 1 ? `the selected workload ${names} is` : `the selected workloads ${names} are`;
    const message =
      `The policy has no impact: ${subject} in ambient mode (ambient.istio.io/redirection: enabled), with no sidecar proxy for this Sidecar to configure. ` +
      `Remove the Sidecar, or select workloads that run sidecars.`;
    return [finding('IST0167', resource, scope.anchor, message, ambient.map((w) => relatedTo(w, `${describe(w)}, in ambient mode`)))];
  },
};

function describe(workload: Resource): string {
  return `${workload.kind} ${workload.namespace}/${workload.name}`;
}
