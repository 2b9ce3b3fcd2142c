import { effectiveSelector, gatewayDetails, selectorText } from '../../model/gateway-details';
import { assumedIngress, gatewayWorkloads } from '../../model/gateway-workloads';
import { workspaceHasWorkloads } from '../../model/workload-selection';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0101 (selector): a Gateway's selector must pick the pods of some workload in any namespace, or those of the
 * default ingress gateway istioctl assumes (`istio: ingressgateway`, and `app: istio-ingressgateway`, in istio-system). A workspace without workloads says
 * nothing about which exist, so it stays quiet there.
 */
export const gatewaySelector: Analyzer = {
  id: 'gateway-selector',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const { selectorKey } = gatewayDetails(resource);
    const selector = effectiveSelector(resource);
    if (!selector || !selectorKey || !Object.keys(selector).length) return [];
    if (gatewayWorkloads(index, selector).length) return [];
    if (!workspaceHasWorkloads(index)) return [];
    const message =
      `Referenced selector not found: no workload in the workspace has the pod labels ${selectorText(selector)}, ` +
      `and they are not those of Istio's default ingress gateway (pod labels ${selectorText(assumedIngress.labels)}), so this Gateway configures no proxy. ` +
      `Fix the selector (e.g. istio: ingressgateway for the default ingress gateway) or add the gateway's Deployment.`;
    return [finding('IST0101', resource, selectorKey, message, undefined, { selector: selectorText(selector) })];
  },
};
