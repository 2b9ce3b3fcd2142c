import { destinationRuleView, gatewayEntries, virtualServiceView } from '../model/istio-views';
import { parseGatewayRef } from '../model/gateway-ref';
import { clusterDomain, resolveServiceHost } from '../hosts';
import type { Resource } from '../model/resource';
import { anyGatewayWorkload, certificateIdentity, gatewayDetails, listenerKey } from '../model/gateway-details';
import { asMap, getValue, stringItems } from '../parse/yaml-nodes';
import { parentKey } from '../model/gateway-api/attachment';
import { isGatewayApiRoute, routeView } from '../model/gateway-api/views';

/**
 * The keys under which the index files a resource. A lookup reads one key, and the analysis that made
 * it depends on that key; so "what must be re-checked when this resource changes" is simply
 * "whoever looked up one of its keys".
 */
export const keys = {
  id: (group: string, kind: string, namespace: string, name: string) => `id:${group}/${kind}/${namespace}/${name}`,
  name: (group: string, kind: string, name: string) => `name:${group}/${kind}/${name}`,
  kind: (group: string, kind: string) => `kind:${group}/${kind}`,
  host: (group: string, kind: string, host: string) => `host:${group}/${kind}/${host}`,
  wildcardHost: (group: string, kind: string) => `wildhost:${group}/${kind}`,
  workloads: (namespace: string) => `workloads:${namespace}`,
  /** A Gateway on the workload `selector` (today always `anyGatewayWorkload`) serving the exact name `dns` on `port`. */
  gatewayHost: (selector: string, port: number, dns: string) => `gwhost:${selector}|${port}|${dns}`,
  /** A Gateway on the workload serving a wildcard name on the port. */
  gatewayWildcards: (selector: string, port: number) => `gwwild:${selector}|${port}`,
  /** Any Gateway on the workload listening on the port. */
  gatewayPort: (selector: string, port: number) => `gwport:${selector}|${port}`,
  gatewayCertificate: (selector: string, certificate: string) => `gwcert:${selector}|${certificate}`,
  /** A VirtualService naming the Gateway ns/name (in `gateways` or a match's `gateways`). */
  boundTo: (namespace: string, name: string) => `boundto:${namespace}/${name}`,
  /** A Gateway API route naming the parent kind ns/name in its parentRefs. */
  routeParent: (kind: string, namespace: string, name: string) => `parent:${kind}/${namespace}/${name}`,
};

/** Kinds whose objects run pods (directly or through a template) or stand for a workload. */
export const workloadKinds = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'WorkloadEntry']);

/** The host names a resource declares, resolved to FQDNs: DestinationRule host, ServiceEntry and VirtualService hosts, a Service's name. */
export function declaredHosts(resource: Resource): string[] {
  const spec = asMap(getValue(resource.root, 'spec'));
  if (resource.group === 'networking.istio.io') {
    if (resource.kind === 'DestinationRule') {
      const host = destinationRuleView(resource).host;
      return host ? [resolveServiceHost(host.value, resource.namespace)] : [];
    }
    if (resource.kind === 'VirtualService') return virtualServiceView(resource).hosts.map((h) => resolveServiceHost(h.value, resource.namespace));
    if (resource.kind === 'ServiceEntry') return stringItems(getValue(spec, 'hosts')).map((h) => resolveServiceHost(h.value, resource.namespace));
  }
  if (resource.group === '' && resource.kind === 'Service' && resource.name) return [`${resource.name}.${resource.namespace}.svc.${clusterDomain}`.toLowerCase()];
  return [];
}

/** Keys per resource identity: a document the parser took over on an edit keeps it, so it is filed again under the same keys. */
const keysById = new WeakMap<object, { namespace: string; keys: string[] }>();

/** Every key the index files the resource under. */
export function providedKeys(resource: Resource): string[] {
  const cached = keysById.get(resource.id);
  // The namespace may come from the configured default, which can change while the document does not.
  if (cached && cached.namespace === resource.namespace) return cached.keys;
  const keys = computeKeys(resource);
  keysById.set(resource.id, { namespace: resource.namespace, keys });
  return keys;
}

/** Takes keys computed elsewhere (a scan worker) for the resource, as filed under `namespace`. */
export function rememberKeys(resource: Resource, keys: string[], namespace: string): void {
  keysById.set(resource.id, { namespace, keys });
}

function computeKeys(resource: Resource): string[] {
  const { group, kind, namespace, name } = resource;
  const out = [keys.id(group, kind, namespace, name), keys.name(group, kind, name), keys.kind(group, kind)];
  for (const host of declaredHosts(resource)) out.push(host.startsWith('*') ? keys.wildcardHost(group, kind) : keys.host(group, kind, host));
  if (workloadKinds.has(kind)) out.push(keys.workloads(namespace));
  if (group === 'networking.istio.io' && kind === 'Gateway') out.push(...gatewayKeys(resource));
  if (group === 'networking.istio.io' && kind === 'VirtualService') out.push(...boundGatewayKeys(resource));
  if (isGatewayApiRoute(resource)) out.push(...routeParentKeys(resource));
  return out;
}

/**
 * A Gateway's listeners (port, bind and exact host) and certificates, filed under every workload alike (see
 * `anyGatewayWorkload`): an edit of one Gateway re-checks only the Gateways sharing one of its hosts or certificates.
 */
function gatewayKeys(resource: Resource): string[] {
  const out: string[] = [];
  for (const server of gatewayDetails(resource).servers) {
    if (server.port !== undefined) for (const host of server.hosts) out.push(keys.gatewayHost(anyGatewayWorkload, server.port, listenerKey(server.bind, host.value)));
    const certificate = certificateIdentity(server.tls);
    if (certificate) out.push(keys.gatewayCertificate(anyGatewayWorkload, certificate));
  }
  return [...new Set(out)];
}

/** The parents a Gateway API route names, so a Gateway finds its routes (code lenses, references) without a scan. */
function routeParentKeys(resource: Resource): string[] {
  const out = new Set<string>();
  for (const ref of routeView(resource).parentRefs) {
    const key = parentKey(ref, resource.namespace);
    if (key.name) out.add(keys.routeParent(key.kind, key.namespace, key.name));
  }
  return [...out];
}

/** The Gateways a VirtualService names, so a Gateway finds the VirtualServices bound to it without a scan. */
function boundGatewayKeys(resource: Resource): string[] {
  const out = new Set<string>();
  for (const entry of gatewayEntries(resource)) {
    const ref = parseGatewayRef(entry.value, resource.namespace);
    if (!ref.mesh) out.add(keys.boundTo(ref.namespace, ref.name));
  }
  return [...out];
}
