import type { Finding } from '../../finding';
import { resolveServiceHost, serviceHostNamespace } from '../../hosts';
import { destinationRuleDetails } from '../../model/destinationrule-details';
import { destinationRuleView } from '../../model/istio-views';
import { formatLabels, podLabels, serviceView, type Labels } from '../../model/kubernetes-views';
import { describeResource } from '../../model/resource';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0173: a subset whose labels select none of the host's pods (traffic to it fails with 503 UH).
 * Spoken only when the workspace holds workloads of the host's Service (pods whose labels match
 * the Service's selector): otherwise the pods are simply elsewhere.
 */
export const destinationRuleSubsetPods: Analyzer = {
  id: 'destinationrule-subset-pods',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource, { index }) {
    const host = destinationRuleView(resource).host;
    if (!host || hasPlaceholder(host.value) || host.value.includes('*')) return [];
    const fqdn = resolveServiceHost(host.value, resource.namespace);
    const namespace = serviceHostNamespace(fqdn);
    if (namespace === undefined) return [];
    const [service] = index.forHost('', 'Service', fqdn);
    const selector = service && serviceView(service).selector;
    if (!service || !selector || !Object.keys(selector).length) return [];
    const workloads = index.workloadsIn(namespace).flatMap((w) => {
      const labels = podLabels(w);
      return labels && selects(selector, labels) ? [{ workload: w, labels }] : [];
    });
    if (!workloads.length) return [];
    const findings: Finding[] = [];
    for (const subset of destinationRuleDetails(resource).subsets) {
      const labels = subset.labels;
      if (!labels || !Object.keys(labels).length) continue;
      if (workloads.some((w) => selects(labels, w.labels))) continue;
      const name = subset.name?.value ?? '<unnamed>';
      const keys = Object.keys(labels);
      const seen = workloads
        .slice(0, 5)
        .map((w) => `${w.workload.kind} ${w.workload.name} (${formatLabels(pick(w.labels, keys)) || 'none of those labels'})`)
        .join(', ');
      const message =
        `Subset "${name}" selects no pods: no workload of Service ${service.namespace}/${service.name} has the labels ${formatLabels(labels)}; ` +
        `its workloads here are ${seen}${workloads.length > 5 ? ', ...' : ''}. Traffic routed to this subset fails (503, no healthy upstream). ` +
        `Fix the subset's labels or the workloads' pod labels.`;
      const related = [relatedTo(service, `Service ${service.namespace}/${service.name}`), ...workloads.slice(0, 5).map((w) => relatedTo(w.workload, describeResource(w.workload)))];
      findings.push(finding('IST0173', resource, subset.anchor, message, related, { subset: name }));
    }
    return findings;
  },
};

/** Label selection where a placeholder on either side might match (it is unknown until substituted). */
function selects(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => {
    const actual = labels[k];
    if (actual === undefined) return false;
    return actual === v || hasPlaceholder(actual) || hasPlaceholder(v);
  });
}

function pick(labels: Labels, keys: readonly string[]): Labels {
  return Object.fromEntries(keys.filter((k) => k in labels).map((k) => [k, labels[k]]));
}
