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
  // A placeholder key (a template's `{{ include "labels" . }}`) stands for labels we cannot know: any may be there.
  const openLabels = Object.keys(labels).some(hasPlaceholder);
  for (const [key, value] of Object.entries(selector)) {
    if (hasPlaceholder(key)) continue;
    const actual = labels[key];
    if (actual === undefined && openLabels) continue;
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

/** What a selector picks: a workload of the workspace, or the ingress gateway pod istioctl assumes. */
export interface SelectionTarget {
  /** How messages name it ("Deployment shop/web", "the ingress gateway pod istio-system/istio-ingressgateway"). */
  description: string;
  /** The workspace resource; undefined for the assumed ingress gateway, which no file declares. */
  resource?: Resource;
  labels: Labels;
}

/**
 * The ingress gateway `istioctl analyze --use-kube=false` adds to every analysis (pkg/config/analysis/local/defaults.go):
 * one pod in istio-system and its Service `istio-ingressgateway` with TCP ports 80, 443, 31400 and 15443 (target ports
 * alike); no egress gateway. istioctl labels the pod only `istio: ingressgateway`; ours also carries
 * `app: istio-ingressgateway`, as the pods of a real installation do (a deliberate difference), so selecting either
 * label there is not "selecting nothing".
 */
export const assumedIngressGateway: Readonly<{
  namespace: string;
  name: string;
  labels: Labels;
  serviceName: string;
  /** Service port → target port. */
  ports: ReadonlyArray<{ port: number; targetPort: number }>;
}> = {
  namespace: 'istio-system',
  name: 'istio-ingressgateway',
  labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' },
  serviceName: 'istio-ingressgateway',
  ports: [80, 443, 31400, 15443].map((port) => ({ port, targetPort: port })),
};

/** The workloads of `namespace` whose pods `selector` picks, plus the assumed ingress gateway pod when it is in that namespace and picked. */
export function selectionTargets(index: IndexLookups, selector: Labels, namespace: string): SelectionTarget[] {
  const targets: SelectionTarget[] = workloadsSelectedBy(index, selector, namespace).map((w) => ({
    description: `${w.resource.kind} ${w.resource.namespace}/${w.resource.name || '<unnamed>'}`,
    resource: w.resource,
    labels: w.labels,
  }));
  const gateway = assumedIngressGateway;
  if (namespace === gateway.namespace && selectorMatches(selector, gateway.labels)) {
    targets.push({ description: `the ingress gateway pod ${gateway.namespace}/${gateway.name} (assumed installed)`, labels: gateway.labels });
  }
  return targets;
}

/** The label that marks the pods of a Kubernetes Gateway API gateway, with the gateway's name as value. */
export const gatewayNameLabel = 'gateway.networking.k8s.io/gateway-name';

/**
 * The pods and pod templates of `namespace` that run a Kubernetes Gateway API gateway (labelled
 * `gateway.networking.k8s.io/gateway-name`) and whose labels `selector` picks, each with its gateway's name.
 * A placeholder never matches here: this answers "does the selector hit a gateway", where a guess would accuse.
 */
export function gatewayApiWorkloads(index: IndexLookups, selector: Labels, namespace: string): { gateway: string; workload: SelectedWorkload }[] {
  const out: { gateway: string; workload: SelectedWorkload }[] = [];
  for (const workload of workloadsOf(index, namespace)) {
    const gateway = workload.labels[gatewayNameLabel];
    if (gateway === undefined || workload.resource.kind === 'WorkloadEntry') continue;
    if (Object.entries(selector).every(([k, v]) => workload.labels[k] === v)) out.push({ gateway, workload });
  }
  return out;
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
