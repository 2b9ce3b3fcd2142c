import { gatewayDetails } from '../../model/gateway-details';
import { formatLabels, labelsMatch, podLabels, type Labels } from '../../model/kubernetes-views';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/** Pod labels of the gateways an Istio installation provides, assumed present as `istioctl analyze --use-kube=false` does. */
const installedGateways: readonly Labels[] = [
  { istio: 'ingressgateway', app: 'istio-ingressgateway' },
  { istio: 'egressgateway', app: 'istio-egressgateway' },
];

/** Kinds that can run gateway pods. */
const gatewayWorkloadKinds: ReadonlyArray<[string, string]> = [
  ['', 'Pod'],
  ['apps', 'Deployment'],
  ['apps', 'DaemonSet'],
  ['apps', 'StatefulSet'],
  ['apps', 'ReplicaSet'],
  ['extensions', 'Deployment'],
  ['extensions', 'DaemonSet'],
];

/**
 * IST0101 (selector): a Gateway's selector must match the pods of some gateway workload (in any
 * namespace). The default ingress and egress gateways are assumed; a workspace without workloads
 * says nothing about which exist.
 */
export const gatewaySelector: Analyzer = {
  id: 'gateway-selector',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const { selector, selectorKey } = gatewayDetails(resource);
    if (!selector || !selectorKey || !Object.keys(selector).length) return [];
    if (Object.values(selector).some(hasPlaceholder)) return [];
    if (installedGateways.some((labels) => labelsMatch(selector, labels))) return [];
    const workloads = gatewayWorkloadKinds.flatMap(([group, kind]) => index.ofKind(group, kind));
    if (!workloads.length) return [];
    if (workloads.some((w) => { const labels = podLabels(w); return !!labels && labelsMatch(selector, labels); })) return [];
    const message =
      `Referenced selector not found: no workload in the workspace has the pod labels ${formatLabels(selector)}, ` +
      `and they are not those of Istio's default gateways (istio=ingressgateway, istio=egressgateway), so this Gateway configures no proxy. ` +
      `Fix the selector (e.g. istio: ingressgateway for the default ingress gateway) or add the gateway's Deployment.`;
    return [finding('IST0101', resource, selectorKey, message, undefined, { selector: formatLabels(selector) })];
  },
};
