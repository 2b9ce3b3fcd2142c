import type { RelatedLocation } from '../../finding';
import { formatLabels } from '../../model/kubernetes-views';
import { meshMembership } from '../../model/mesh-membership';
import { hasTargetRefs, policySelector } from '../../model/policy-selector';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { workloadsOf, workloadsSelectedBy, workspaceHasWorkloads, type SelectedWorkload } from '../../model/workload-selection';

/**
 * IST0127: an AuthorizationPolicy that applies to no workload in the mesh. In the root namespace a policy without
 * selector is mesh-wide (always fine) and one with a selector needs a matching mesh workload in any namespace;
 * elsewhere a policy without selector needs some mesh workload in its namespace and one with a selector (even `{}`)
 * a matching one there. Speaks only where the workspace holds workloads; a policy attached by targetRefs is not
 * judged (ours: istioctl treats it as namespace-wide).
 */
export const authorizationPolicyWorkloads: Analyzer = {
  id: 'authz-workloads',
  group: 'security.istio.io',
  kind: 'AuthorizationPolicy',
  analyze(resource, context) {
    const { index } = context;
    // A policy attached by targetRefs applies to the named Gateway or Service, whose pods the files rarely hold.
    if (hasTargetRefs(resource)) return [];
    const selector = policySelector(resource);
    if (selector.kind === 'unreadable') return [];
    const rootNamespace = context.mesh().rootNamespace;
    const meshWide = resource.namespace === rootNamespace;
    if (meshWide && selector.kind === 'none') return [];
    if (!workspaceHasWorkloads(index)) return [];
    const scope = meshWide ? undefined : resource.namespace;
    const candidates: SelectedWorkload[] = selector.kind === 'labels' ? workloadsSelectedBy(index, selector.labels, scope) : workloadsOf(index, scope);
    const outside: RelatedLocation[] = [];
    for (const workload of candidates) {
      const membership = meshMembership(index, workload.resource);
      if (membership.inMesh) return [];
      outside.push(relatedTo(workload.resource, `${workload.resource.kind} ${workload.resource.namespace}/${workload.resource.name} matches but is not in the mesh: ${membership.reason}`));
    }
    const labels = selector.kind === 'labels' ? formatLabels(selector.labels) : '';
    const where = meshWide ? 'in any namespace' : `in namespace ${resource.namespace}`;
    const problem = labels
      ? `No matching workloads for this resource with the following labels: ${labels}. No workload of the mesh ${where} has them`
      : `No matching workloads for this resource: there is no workload of the mesh ${where}${selector.kind === 'none' ? '' : ' (its selector is empty)'}`;
    const notInMesh = outside.length ? ` (${outside.length === 1 ? 'one matches but is' : `${outside.length} match but are`} not in the mesh: no sidecar, not ambient)` : '';
    const fix =
      labels
        ? `Fix the selector to the pod labels of the workloads to protect${outside.length ? ', or enable injection for them' : ''}.`
        : `Deploy its workloads into namespace ${resource.namespace}${outside.length ? ' with sidecar injection enabled' : ''}, or move the policy to the namespace of the workloads it protects.`;
    const message = `${problem}${notInMesh}, so this policy applies to nothing. ${fix}`;
    const range = selector.kind === 'labels' ? selector.range : resource.anchor;
    return [finding('IST0127', resource, range, message, outside, { labels })];
  },
};
