import type { Finding, RelatedLocation } from '../../finding';
import { hasSingleTargetRef, policySelector } from '../../model/policy-selector';
import type { Resource } from '../../model/resource';
import { gatewayApiWorkloads } from '../../model/workload-selection';
import { hasPlaceholder } from '../../text/templating';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0166: a policy `selector` that picks pods of a Kubernetes Gateway API gateway (pods labelled
 * `gateway.networking.k8s.io/gateway-name`) in its namespace: such gateways are attached with `targetRefs`, and a
 * selector on them has no effect. One finding per gateway. A policy using the older `targetRef` is skipped, as
 * istioctl does. Ours on top: a pod template labelled so counts as the gateway's pods.
 */

const gatewayGroup = 'gateway.networking.k8s.io';

function check(resource: Resource, context: Parameters<Analyzer['analyze']>[1]): Finding[] {
  if (hasSingleTargetRef(resource)) return [];
  const selector = policySelector(resource);
  if (selector.kind !== 'labels' || Object.values(selector.labels).some(hasPlaceholder)) return [];
  const byGateway = new Map<string, Resource[]>();
  for (const { gateway, workload } of gatewayApiWorkloads(context.index, selector.labels, resource.namespace)) {
    byGateway.set(gateway, [...(byGateway.get(gateway) ?? []), workload.resource]);
  }
  const out: Finding[] = [];
  for (const [gateway, workloads] of byGateway) {
    const related: RelatedLocation[] = workloads.map((w) => relatedTo(w, `${w.kind} ${w.namespace}/${w.name} runs Kubernetes Gateway ${gateway}`));
    for (const declared of context.index.find(gatewayGroup, 'Gateway', resource.namespace, gateway)) related.push(relatedTo(declared, `Kubernetes Gateway ${resource.namespace}/${gateway}`));
    const message =
      `Ineffective selector on Kubernetes Gateway ${gateway}: it selects the gateway's pods, but policies attach to a Gateway API gateway only through targetRefs, so this selector does nothing there. ` +
      `Use the TargetRef field instead: targetRefs: [{group: ${gatewayGroup}, kind: Gateway, name: ${gateway}}] in place of the selector.`;
    out.push(finding('IST0166', resource, selector.range, message, related, { gateway }));
  }
  return out;
}

function ineffectiveSelector(group: string, kind: string): Analyzer {
  return { id: 'ineffective-selector', group, kind, analyze: check };
}

/** IST0166 for each policy kind istioctl checks. */
export const authorizationPolicyIneffectiveSelector = ineffectiveSelector('security.istio.io', 'AuthorizationPolicy');
export const requestAuthenticationIneffectiveSelector = ineffectiveSelector('security.istio.io', 'RequestAuthentication');
export const telemetryIneffectiveSelector = ineffectiveSelector('telemetry.istio.io', 'Telemetry');
export const wasmPluginIneffectiveSelector = ineffectiveSelector('extensions.istio.io', 'WasmPlugin');
