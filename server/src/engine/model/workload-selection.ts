import { hasPlaceholder } from '../text/templating';
import type { IndexLookups } from '../workspace/resource-index';
import { workloadKinds } from '../workspace/resource-keys';
import { podLabels, type Labels } from './kubernetes-views';
import { placedLabels } from './nodes';
import type { Resource } from './resource';

/**
 * Which workloads a selector picks: the one place every selector-based check (subsets, Gateways, Sidecars,
 * policies, Telemetry) asks. A workload is a Pod, a controller's pod template (Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob) or a WorkloadEntry; its labels are those its pods carry.
 */

export interface SelectedWorkload {
  resource: Resource;
  /** The labels its pods carry. */
  labels: Labels;
}

/** (group, kind) of the kinds that run pods or stand for a workload, for lookups across namespaces. */
const workloadGroups: ReadonlyArray<[string, string]> = [
  ['', 'Pod'],
  ['apps', 'Deployment'],
  ['apps', 'StatefulSet'],
  ['apps', 'DaemonSet'],
  ['apps', 'ReplicaSet'],
  ['extensions', 'Deployment'],
  ['extensions', 'DaemonSet'],
  ['batch', 'Job'],
  ['batch', 'CronJob'],
  ['networking.istio.io', 'WorkloadEntry'],
];

/** Whether `labels` carry every label of `selector` (an empty selector selects everything); a placeholder on either side may match. */
export function selectorMatches(selector: Labels, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector)) {
    const actual = labels[key];
    if (actual === undefined) return false;
    if (actual !== value && !hasPlaceholder(actual) && !hasPlaceholder(value)) return false;
  }
  return true;
}

/** The workloads of `namespace` (of every namespace when undefined), each with its pod labels. */
export function workloadsOf(index: IndexLookups, namespace?: string): SelectedWorkload[] {
  const resources = namespace === undefined ? workloadGroups.flatMap(([group, kind]) => index.ofKind(group, kind)) : index.workloadsIn(namespace);
  const out: SelectedWorkload[] = [];
  for (const resource of resources) {
    if (!workloadKinds.has(resource.kind)) continue;
    const labels = podLabels(resource);
    if (labels) out.push({ resource, labels });
  }
  return out;
}

/** The workloads of `namespace` (every namespace when undefined) whose pods `selector` picks. */
export function workloadsSelectedBy(index: IndexLookups, selector: Labels, namespace?: string): SelectedWorkload[] {
  return workloadsOf(index, namespace).filter((w) => selectorMatches(selector, w.labels));
}

/**
 * Whether the workspace holds workloads at all: checks that say "nothing matches" speak only then, since a
 * repository of routing rules or policies alone says nothing about which pods run.
 */
export function workspaceHasWorkloads(index: IndexLookups): boolean {
  return workloadGroups.some(([group, kind]) => index.countOfKind(group, kind) > 0);
}

/**
 * The workloads of every namespace whose pods `selector` may pick once Istio adds the labels it derives from
 * their Node (topology, hostname); a derived label whose Node is unknown here is not judged.
 */
export function workloadsSelectedOnNodes(index: IndexLookups, selector: Labels): SelectedWorkload[] {
  return workloadsOf(index).filter((w) => {
    const placed = placedLabels(index, w.resource, w.labels);
    const judged = Object.fromEntries(Object.entries(selector).filter(([key]) => !placed.unknown.has(key)));
    return selectorMatches(judged, placed.labels);
  });
}
