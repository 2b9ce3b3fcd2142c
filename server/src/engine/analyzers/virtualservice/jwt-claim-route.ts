import { isScalar } from 'yaml';
import { gatewayDetails, selectorKey } from '../../model/gateway-details';
import { isInternalGatewayReference, parseGatewayRef } from '../../model/gateway-ref';
import { virtualServiceView } from '../../model/istio-views';
import { describeResource, type Resource } from '../../model/resource';
import { formatLabels, labelsOf, type Labels } from '../../model/kubernetes-views';
import { assumedIngress, gatewayWorkloads } from '../../model/gateway-workloads';
import { selectorMatches } from '../../model/workload-selection';
import type { Finding } from '../../finding';
import { asMap, asSeq, getValue } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

const securityGroup = 'security.istio.io';

/** The pseudo-header a match uses to route on a claim of the request's validated JWT. */
const claimHeader = '@request.auth.claims';

/**
 * IST0149: a VirtualService that routes on a JWT claim (an http match `headers`/`withoutHeaders` key
 * `@request.auth.claims.<claim>` or `@request.auth.claims[<claim>]`) through an Istio Gateway needs a
 * RequestAuthentication on each pod of that Gateway (in the pod's namespace or the root namespace, selecting the
 * pod's labels, or selecting all): without one the token is never validated, the claim never set, the route never taken.
 * Reported once per gateway pod (Pod or workload's pod template; the ingress gateway Istio installs counts).
 */
export const virtualServiceJwtClaimRoute: Analyzer = {
  id: 'virtualservice-jwt-claim-route',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, context) {
    const key = claimRoutingKey(resource);
    if (!key) return [];
    const { index } = context;
    const findings: Finding[] = [];
    for (const entry of virtualServiceView(resource).gateways) {
      const value = entry.value.trim();
      if (hasPlaceholder(value) || isInternalGatewayReference(value)) continue;
      const ref = parseGatewayRef(value, resource.namespace);
      if (ref.mesh) continue;
      // A missing Gateway is IST0101's; a Gateway API Gateway's pods are chosen by Istio, not by a selector.
      const [gateway] = index.find(networkingGroup, 'Gateway', ref.namespace, ref.name);
      if (!gateway) continue;
      const details = gatewayDetails(gateway);
      // A selector of another shape, or with a placeholder, picks pods we cannot know.
      if (details.selectorKey && (!details.selector || selectorKey(details.selector) === undefined)) continue;
      const selector = details.selector ?? {};
      const rootNamespace = context.mesh().rootNamespace;
      for (const pod of gatewayPods(index, selector)) {
        if (hasRequestAuthentication(index, pod, rootNamespace)) continue;
        const message =
          `The VirtualService routes on the JWT claim "${key}", but no RequestAuthentication applies to ${pod.description}, ` +
          `a pod of Gateway ${gateway.namespace}/${gateway.name}: without one the gateway never validates the token, so the claim is never ` +
          `available and the route never matches. Add a RequestAuthentication in namespace ${pod.namespace}` +
          `${pod.namespace === rootNamespace ? '' : ` or in the root namespace ${rootNamespace}`} whose selector matches its labels ${formatLabels(pod.labels) || '(none)'}.`;
        const related = [relatedTo(gateway, `Gateway ${gateway.namespace}/${gateway.name}`)];
        if (pod.resource) related.push(relatedTo(pod.resource, `Gateway pod: ${describeResource(pod.resource)}`));
        findings.push(finding('IST0149', resource, entry.range, message, related, { claim: key, gateway: `${gateway.namespace}/${gateway.name}`, pod: pod.description }));
      }
    }
    return findings;
  },
};

/** The first http match header key (in `headers` or `withoutHeaders`) that routes on a JWT claim. */
function claimRoutingKey(resource: Resource): string | undefined {
  const spec = asMap(getValue(resource.root, 'spec'));
  for (const rule of asSeq(getValue(spec, 'http'))?.items ?? []) {
    for (const match of asSeq(getValue(asMap(rule), 'match'))?.items ?? []) {
      for (const field of ['headers', 'withoutHeaders']) {
        for (const pair of asMap(getValue(asMap(match), field))?.items ?? []) {
          const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
          if (key !== undefined && isClaimRoutingKey(key)) return key;
        }
      }
    }
  }
  return undefined;
}

/** `@request.auth.claims.a[.b…]` or `@request.auth.claims[a][b…]` (the prefix in any case), as Istio parses routing claims. */
function isClaimRoutingKey(key: string): boolean {
  if (!key.toLowerCase().startsWith(claimHeader)) return false;
  const rest = key.slice(claimHeader.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

interface GatewayPod {
  namespace: string;
  labels: Labels;
  description: string;
  /** The workspace resource; undefined for the installed ingress gateway. */
  resource?: Resource;
}

/**
 * The pods a Gateway selector picks, in any namespace: the workspace's workloads, and the ingress gateway Istio
 * installs unless the selector already picks a workload of its namespace (that is the installed one, declared).
 */
function gatewayPods(index: IndexLookups, selector: Labels): GatewayPod[] {
  const workloads = gatewayWorkloads(index, selector);
  const declaresInstalled = workloads.some((w) => w.resource && w.namespace === assumedIngress.namespace);
  return workloads
    .filter((w) => w.resource || !declaresInstalled)
    .map((w) => ({
      namespace: w.namespace,
      labels: w.labels,
      description: w.resource ? describeResource(w.resource) : `the ingress gateway Istio installs (${assumedIngress.namespace}/${assumedIngress.name})`,
      ...(w.resource ? { resource: w.resource } : {}),
    }));
}

/** Whether a RequestAuthentication of the pod's namespace or the root namespace selects the pod (one without selector selects all). */
function hasRequestAuthentication(index: IndexLookups, pod: GatewayPod, rootNamespace: string): boolean {
  return index
    .ofKind(securityGroup, 'RequestAuthentication')
    .some((ra) => (ra.namespace === pod.namespace || ra.namespace === rootNamespace) && selectorMatches(matchLabels(ra), pod.labels));
}

/** `spec.selector.matchLabels`; empty (selecting everything) when absent. */
function matchLabels(policy: Resource): Labels {
  const selector = asMap(getValue(asMap(getValue(policy.root, 'spec')), 'selector'));
  return labelsOf(getValue(selector, 'matchLabels'), policy.document.yaml) ?? {};
}
