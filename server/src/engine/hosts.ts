/**
 * Istio host names: short names, FQDNs, wildcards and the `namespace/host` form of Gateway hosts.
 * All comparisons are case-insensitive, as DNS names are.
 */

export const clusterDomain = 'cluster.local';

/**
 * The name Istio resolves a VirtualService/DestinationRule host to: a name without dots is a
 * service in the resource's namespace; anything with a dot (or a wildcard) is taken as written.
 */
export function resolveServiceHost(host: string, namespace: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.includes('.') || lower.startsWith('*')) return lower;
  return `${lower}.${namespace}.svc.${clusterDomain}`;
}

/** The namespace of a `name.ns.svc.cluster.local` service host, if it is one. */
export function serviceHostNamespace(fqdn: string): string | undefined {
  const labels = fqdn.split('.');
  const suffix = `svc.${clusterDomain}`.split('.');
  if (labels.length !== 2 + suffix.length) return undefined;
  if (labels[0].startsWith('*')) return undefined;
  return suffix.every((label, i) => labels[2 + i] === label) ? labels[1] : undefined;
}

/** Whether `wildcardOrName` (e.g. `*.example.com`, `*`, `a.example.com`) covers every name `name` can stand for. */
export function hostCovers(wildcardOrName: string, name: string): boolean {
  const pattern = wildcardOrName.toLowerCase();
  const target = name.toLowerCase();
  if (pattern === target || pattern === '*') return true;
  if (!pattern.startsWith('*')) return false;
  const suffix = pattern.slice(1);
  // `*.example.com` covers `a.example.com` and `*.a.example.com`, but not `example.com`.
  return target.startsWith('*') ? target.slice(1).endsWith(suffix) : target.endsWith(suffix);
}

/** Whether two host names can match a common request host (Istio's host overlap). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostCovers(a, b) || hostCovers(b, a);
}

export interface GatewayHost {
  /** `*` for any namespace; a name otherwise (`.` already replaced by the Gateway's namespace). */
  namespace: string;
  dnsName: string;
  /** As written, for messages. */
  raw: string;
}

/** Parses a Gateway `servers[].hosts` entry: `[namespace/]dnsName`. */
export function parseGatewayHost(raw: string, gatewayNamespace: string): GatewayHost {
  const slash = raw.indexOf('/');
  if (slash < 0) return { namespace: '*', dnsName: raw.trim().toLowerCase(), raw };
  const ns = raw.slice(0, slash).trim();
  return {
    namespace: ns === '.' ? gatewayNamespace : ns,
    dnsName: raw.slice(slash + 1).trim().toLowerCase(),
    raw,
  };
}

/** Whether a Gateway host entry lets a VirtualService in `namespace` bind `host` to it. */
export function gatewayHostAdmits(gatewayHost: GatewayHost, namespace: string, host: string): boolean {
  if (gatewayHost.namespace !== '*' && gatewayHost.namespace !== namespace) return false;
  return hostsOverlap(gatewayHost.dnsName, host);
}
