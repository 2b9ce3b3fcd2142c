import type { OffsetRange } from '../finding';
import { hasPlaceholder } from '../text/templating';
import type { IndexLookups } from '../workspace/resource-index';
import type { Labels } from './kubernetes-views';
import type { Resource } from './resource';
import { selectionTargets, selectorMatches, type SelectionTarget } from './workload-selection';

/**
 * Where namespace-local policies (Sidecar, Telemetry) overlap: several of one kind selecting the same workload, or
 * several applying to the whole namespace. Which one wins is undefined in both cases.
 */

/** How a policy picks its workloads. */
export type PolicyScope =
  /** It applies to every workload of its namespace. */
  | { kind: 'namespace' }
  /** It applies to the workloads whose pods carry `labels`; `anchor` is the selector's YAML. */
  | { kind: 'selector'; labels: Labels; anchor: OffsetRange }
  /** Neither, or not known (an unreadable shape, a placeholder): not judged. */
  | { kind: 'other' };

export type ScopeReader = (resource: Resource) => PolicyScope;

export interface SharedTarget {
  target: SelectionTarget;
  /** The policies of the same kind and namespace selecting it, sorted by name (the asking one included). */
  sharing: Resource[];
}

/** A selector whose labels are all known (a placeholder could become anything). */
export function knownSelector(labels: Labels | undefined): labels is Labels {
  return !!labels && Object.keys(labels).length > 0 && !Object.entries(labels).some(([k, v]) => hasPlaceholder(k) || hasPlaceholder(v));
}

/** The policies of that kind in `namespace`, in name order. */
export function policiesIn(index: IndexLookups, group: string, kind: string, namespace: string): Resource[] {
  return index
    .ofKind(group, kind)
    .filter((r) => r.namespace === namespace)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** For each target `policy`'s selector picks, the policies of its kind and namespace whose selectors pick that target too. */
export function sharedTargets(index: IndexLookups, policy: Resource, labels: Labels, scopeOf: ScopeReader): SharedTarget[] {
  const peers = policiesIn(index, policy.group, policy.kind, policy.namespace).flatMap((r) => {
    const scope = r === policy ? { kind: 'selector' as const, labels } : scopeOf(r);
    return scope.kind === 'selector' ? [{ resource: r, labels: scope.labels }] : [];
  });
  return selectionTargets(index, labels, policy.namespace).map((target) => ({
    target,
    sharing: peers.filter((p) => selectorMatches(p.labels, target.labels)).map((p) => p.resource),
  }));
}

/** "a, b, c": names the way istioctl lists conflicting resources (sorted). */
export function nameList(resources: readonly Resource[]): string {
  return resources
    .map((r) => r.name)
    .sort()
    .join(', ');
}
