import type { Finding } from '../../finding';
import { destinationService } from '../../model/destination-service';
import { destinationRuleDetails, type SubsetDetail } from '../../model/destinationrule-details';
import { destinationRuleView } from '../../model/istio-views';
import { formatLabels, serviceView, type Labels } from '../../model/kubernetes-views';
import { describeResource } from '../../model/resource';
import { workloadsSelectedBy, workloadsSelectedOnNodes, workspaceHasWorkloads, type SelectedWorkload } from '../../model/workload-selection';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0173: a subset whose labels select no workload (traffic to it fails with 503 UH). As istioctl: the
 * subset's labels (merged over a ServiceEntry host's workloadSelector; a Service's selector is not added)
 * against every workload of every namespace, with the topology and hostname labels Istio takes from the pod's
 * Node. Spoken only where the host is found and the workspace holds workloads; Deployments and other pod
 * templates count as well as Pods, and a Node-derived label is not judged for a pod whose Node is unknown.
 */
export const destinationRuleSubsetPods: Analyzer = {
  id: 'destinationrule-subset-pods',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource, { index }) {
    const subsets = lastOfEachName(destinationRuleDetails(resource).subsets);
    if (!subsets.length) return [];
    const view = destinationRuleView(resource);
    const host = view.host;
    if (!host || hasPlaceholder(host.value)) return [];
    const target = destinationService(index, host.value, resource.namespace, view.exportTo);
    if (!target || target === 'uncertain' || !workspaceHasWorkloads(index)) return [];
    const base: Labels = target.workloadSelector ?? {};
    const ownSelector = target.workloadSelector ?? (target.resource.kind === 'Service' ? serviceView(target.resource).selector : undefined);
    let own: SelectedWorkload[] | undefined;
    const findings: Finding[] = [];
    for (const subset of subsets) {
      const selector: Labels = { ...base, ...(subset.labels ?? {}) };
      if (workloadsSelectedOnNodes(index, selector).length) continue;
      own ??= ownSelector && Object.keys(ownSelector).length ? workloadsSelectedBy(index, ownSelector, target.resource.kind === 'Service' ? target.resource.namespace : undefined) : [];
      const name = subset.name?.value ?? '';
      const keys = Object.keys(selector);
      const seen = own
        .slice(0, 5)
        .map((w) => `${w.resource.kind} ${w.resource.name} (${formatLabels(pick(w.labels, keys)) || 'none of those labels'})`)
        .join(', ');
      const where = own.length ? ` The workloads of ${describeResource(target.resource)} here are ${seen}${own.length > 5 ? ', ...' : ''}.` : '';
      const message =
        `Subset "${name}" selects no pods: no workload in the workspace has the labels ${formatLabels(selector)}.${where} ` +
        `Traffic routed to this subset fails (503, no healthy upstream). Fix the subset's labels or the workloads' pod labels.`;
      const related = [relatedTo(target.resource, describeResource(target.resource)), ...own.slice(0, 5).map((w) => relatedTo(w.resource, describeResource(w.resource)))];
      findings.push(finding('IST0173', resource, subset.anchor, message, related, { subset: name }));
    }
    return findings;
  },
};

/** istioctl files subsets by name, so of two subsets with one name only the last is judged. */
function lastOfEachName(subsets: readonly SubsetDetail[]): SubsetDetail[] {
  const byName = new Map<string, SubsetDetail>();
  for (const subset of subsets) {
    const name = subset.name?.value ?? '';
    byName.delete(name);
    byName.set(name, subset);
  }
  return [...byName.values()];
}

function pick(labels: Labels, keys: readonly string[]): Labels {
  return Object.fromEntries(keys.filter((k) => k in labels).map((k) => [k, labels[k]]));
}
