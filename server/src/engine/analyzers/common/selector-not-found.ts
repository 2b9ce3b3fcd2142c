import type { Finding, OffsetRange } from '../../finding';
import { formatLabels, type Labels } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { selectionTargets, workspaceHasWorkloads } from '../../model/workload-selection';
import type { IndexLookups } from '../../workspace/resource-index';
import { finding } from '../analyzer';

/** How a selector-bearing resource is named in the message: `field` is the selector's path, `effect` what an empty selection means. */
export interface SelectorOwner {
  field: string;
  effect: string;
}

/**
 * IST0101 (selector) for a policy-like resource whose selector reaches only pods of its own namespace: one finding
 * when it picks none there, none when it picks some or when the workspace holds no workloads (then the pods are
 * simply elsewhere).
 */
export function selectorNotFound(resource: Resource, index: IndexLookups, selector: { labels: Labels; anchor: OffsetRange }, owner: SelectorOwner): Finding[] {
  if (selectionTargets(index, selector.labels, resource.namespace).length) return [];
  if (!workspaceHasWorkloads(index)) return [];
  const labels = formatLabels(selector.labels);
  const message =
    `Referenced selector not found: "${labels}" — no workload in namespace ${resource.namespace} has pods with these labels, ` +
    `so this ${resource.kind} ${owner.effect} (its selector only reaches pods of its own namespace). ` +
    `Fix ${owner.field}, or move the ${resource.kind} to the namespace of the workload it is meant for.`;
  return [finding('IST0101', resource, selector.anchor, message, undefined, { selector: labels })];
}
