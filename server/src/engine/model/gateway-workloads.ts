import type { IndexLookups } from '../workspace/resource-index';
import type { Labels } from './kubernetes-views';
import type { Resource } from './resource';
import { assumedIngressGateway, selectorMatches, workloadsSelectedBy } from './workload-selection';

/** The ingress gateway istioctl assumes installed (its pod and Service); the gateway pods a selector picks are it and the workspace's workloads. */
export const assumedIngress = assumedIngressGateway;

export interface GatewayWorkload {
  namespace: string;
  labels: Labels;
  /** The workspace's workload; undefined for the assumed ingress gateway. */
  resource?: Resource;
}

/** The workloads (in any namespace) whose pods `selector` picks, the assumed ingress gateway first when it is one of them. */
export function gatewayWorkloads(index: IndexLookups, selector: Labels): GatewayWorkload[] {
  const out: GatewayWorkload[] = [];
  if (selectorMatches(selector, assumedIngress.labels)) out.push({ namespace: assumedIngress.namespace, labels: assumedIngress.labels });
  for (const w of workloadsSelectedBy(index, selector)) out.push({ namespace: w.resource.namespace, labels: w.labels, resource: w.resource });
  return out;
}

/** Whether some workload carries the labels of both selectors (false when they ask one label for different values). */
export function shareWorkload(index: IndexLookups, a: Labels, b: Labels): boolean {
  if (Object.entries(a).some(([k, v]) => b[k] !== undefined && b[k] !== v)) return false;
  return gatewayWorkloads(index, { ...a, ...b }).length > 0;
}

/** The namespaces of the workloads, each once, in order. */
export function namespacesOf(workloads: readonly GatewayWorkload[]): string[] {
  return [...new Set(workloads.map((w) => w.namespace))];
}
