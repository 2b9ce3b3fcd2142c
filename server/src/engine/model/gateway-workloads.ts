import type { IndexLookups } from '../workspace/resource-index';
import type { Labels } from './kubernetes-views';
import type { Resource } from './resource';
import { selectorMatches, workloadsSelectedBy } from './workload-selection';

/**
 * The gateway pods a Gateway's selector picks. Besides the workspace's workloads, there is the ingress gateway
 * that `istioctl analyze --use-kube=false` adds itself (pkg/config/analysis/local/defaults.go): one pod in
 * istio-system and its Service `istio-ingressgateway` with TCP ports 80, 443, 31400 and 15443 (target ports
 * alike). istioctl adds no egress gateway. Its pod is labelled only `istio: ingressgateway`; ours also carries
 * `app: istio-ingressgateway`, as the pods of a real installation do, so a Gateway selecting that label is not
 * told its pods do not exist (a deliberate difference).
 */

export interface AssumedIngress {
  namespace: string;
  labels: Labels;
  serviceName: string;
  /** Service port → target port. */
  ports: ReadonlyArray<{ port: number; targetPort: number }>;
}

export const assumedIngress: AssumedIngress = {
  namespace: 'istio-system',
  labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' },
  serviceName: 'istio-ingressgateway',
  ports: [80, 443, 31400, 15443].map((port) => ({ port, targetPort: port })),
};

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
