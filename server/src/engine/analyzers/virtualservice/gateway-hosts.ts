import { virtualServiceView, gatewayView } from '../../model/istio-views';
import { gatewaysNamed, isInternalGatewayReference, parseGatewayRef } from '../../model/gateway-ref';
import { isKubernetesGateway } from '../../model/kubernetes-gateway-views';
import { listenerOwnerView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import type { Finding, FindingData } from '../../finding';
import { hostsOverlap, parseGatewayHost, resolveServiceHost } from '../../hosts';
import type { LocatedString } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0132: a VirtualService bound (in `gateways`) to a Gateway that serves none of its hosts. IY0110: hosts that none
 * of its bindings serves while a Gateway serves some of the others (reported once, on that Gateway's entry). An Istio
 * Gateway serves the hosts of its servers that admit the VirtualService's namespace; a Gateway API Gateway the
 * hostnames of its listeners (a listener without one serves every host); `mesh` serves every host.
 */
export const virtualServiceGatewayHosts: Analyzer = {
  id: 'virtualservice-gateway-hosts',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const view = virtualServiceView(resource);
    const judged = view.hosts.filter((h) => !hasPlaceholder(h.value));
    if (!judged.length) return [];
    const findings: Finding[] = [];
    const bindings: Binding[] = [];
    // A binding we cannot read (mesh, missing, internal, placeholder) may serve any host: no host is then unserved by all.
    let opaque = false;
    for (const entry of view.gateways) {
      const value = entry.value.trim();
      const ref = hasPlaceholder(value) || isInternalGatewayReference(value) ? undefined : parseGatewayRef(value, resource.namespace);
      // A Gateway that does not exist is IST0101's: saying it serves no host would only repeat that.
      const gateway = ref && !ref.mesh ? gatewaysNamed(index, ref.namespace, ref.name)[0] : undefined;
      const served = gateway && servedHosts(gateway, resource.namespace);
      if (!gateway || !served) {
        opaque = true;
        continue;
      }
      const uncovered = judged.filter((host) => !isServed(served, host.value, resource.namespace));
      bindings.push({ entry, gateway, served, uncovered });
      // An unknown (placeholder) host may be the one served: then "none is served" cannot be said.
      if (uncovered.length === judged.length && judged.length === view.hosts.length) findings.push(report(resource, bindings[bindings.length - 1]));
    }
    const partly = bindings.find((b) => b.uncovered.length && b.uncovered.length < judged.length);
    if (!opaque && partly) {
      const unserved = partly.uncovered.filter((host) => bindings.every((b) => b.uncovered.includes(host)));
      const servedHere = judged.filter((host) => !partly.uncovered.includes(host));
      if (unserved.length) findings.push(report(resource, { ...partly, uncovered: unserved }, { servedHere, others: bindings.length > 1 }));
    }
    return findings;
  },
};

interface Binding {
  entry: LocatedString;
  gateway: Resource;
  served: ServedHosts;
  /** The VirtualService's hosts this Gateway does not serve. */
  uncovered: LocatedString[];
}

interface ServedHosts {
  /** DNS names (or wildcards) the Gateway serves to VirtualServices of the namespace; `*` serves all. */
  patterns: string[];
  /** As written, for messages. */
  written: string[];
}

/** What the Gateway serves to VirtualServices of `namespace`; undefined when a placeholder makes it unknown. */
function servedHosts(gateway: Resource, namespace: string): ServedHosts | undefined {
  const patterns: string[] = [];
  const written: string[] = [];
  if (isKubernetesGateway(gateway)) {
    for (const listener of listenerOwnerView(gateway).listeners) {
      const hostname = listener.hostname?.value.trim() ?? '';
      if (hasPlaceholder(hostname)) return undefined;
      patterns.push(hostname ? hostname.toLowerCase() : '*');
      written.push(hostname || '(any host)');
    }
    return { patterns, written };
  }
  for (const server of gatewayView(gateway).servers) {
    for (const host of server.hosts) {
      if (hasPlaceholder(host.value)) return undefined;
      written.push(host.value);
      // `ns/host` serves VirtualServices of ns only (`.` is the Gateway's namespace, `*` any).
      const parsed = parseGatewayHost(host.value, gateway.namespace);
      if (parsed.namespace === '*' || parsed.namespace === namespace) patterns.push(parsed.dnsName);
    }
  }
  return { patterns, written };
}

/** Whether a VirtualService host overlaps a served pattern, compared as written and, for a short name, as its FQDN. */
function isServed(served: ServedHosts, host: string, namespace: string): boolean {
  const candidates = [host.trim().toLowerCase(), resolveServiceHost(host, namespace)];
  return served.patterns.some((pattern) => candidates.some((c) => hostsOverlap(pattern, c)));
}

/** IST0132 on a Gateway serving none of the hosts; IY0110 (with `partly`) for hosts no binding serves. */
function report(resource: Resource, binding: Binding, partly?: { servedHere: LocatedString[]; others: boolean }): Finding {
  const { entry, gateway, served, uncovered } = binding;
  const kubernetes = isKubernetesGateway(gateway);
  const label = `${kubernetes ? 'Gateway API Gateway' : 'Gateway'} ${gateway.namespace}/${gateway.name}`;
  const names = uncovered.map((h) => h.value).join(', ');
  const plural = uncovered.length > 1;
  const theirs = kubernetes
    ? `its listener hostnames: ${served.written.join(', ') || 'none'}`
    : `its hosts: ${served.written.join(', ') || 'none'}${served.written.some((h) => h.includes('/')) ? `; for VirtualServices in namespace ${resource.namespace}` : ''}`;
  const remedy = kubernetes
    ? `Add a listener with that hostname to the Gateway or change the VirtualService's hosts.`
    : `Add the host${plural ? 's' : ''} to the Gateway's servers or change the VirtualService's hosts.`;
  let message: string;
  if (partly) {
    const servedNames = partly.servedHere.map((h) => h.value).join(', ');
    message =
      `Host${plural ? 's' : ''} ${names} ${plural ? 'are' : 'is'} not served by ${label} (${theirs})${partly.others ? ` nor by the VirtualService's other gateways` : ''}, ` +
      `though ${servedNames} ${partly.servedHere.length > 1 ? 'are' : 'is'}: requests for ${plural ? 'them' : 'it'} get no route through ${partly.others ? 'any of them' : 'this Gateway'}. ${remedy}`;
  } else {
    const subject = plural ? `None of the hosts ${names} is served` : `Host ${names} is not served`;
    message = `${subject} by ${label} (${theirs}), so this binding routes nothing. ${remedy}`;
  }
  const hosts = uncovered.map((h) => h.value);
  const facts = { gateway: gateway.name, gatewayNamespace: gateway.namespace, hosts };
  // The fix edits Istio Gateway servers; a Gateway API listener is a choice (port, protocol, TLS) left to the author.
  const data: FindingData = kubernetes ? facts : { fix: 'add-gateway-hosts', ...facts };
  return finding(partly ? 'IY0110' : 'IST0132', resource, entry.range, message, [relatedTo(gateway, label)], data);
}
