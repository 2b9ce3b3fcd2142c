import { clusterDomain, serviceHostNamespace } from '../hosts';
import type { IndexLookups } from '../workspace/resource-index';
import { exportScopeOf, exportToValues, isExportedTo, scopeAdmits, serviceExportScope, type ExportScope } from './export-to';
import { serviceView } from './kubernetes-views';
import type { Resource } from './resource';
import { serviceEntryView } from './serviceentry-views';

/** Which service a host name reaches: a Kubernetes Service or a ServiceEntry in the workspace, read through the index. */

const networkingGroup = 'networking.istio.io';

/** Hosts of an Istio installation and its addons, which a repo of application manifests rarely holds. */
const installationHosts = new Set(
  ['istio-ingressgateway', 'istio-egressgateway', 'istiod', 'kiali', 'grafana', 'prometheus', 'tracing', 'zipkin', 'jaeger-collector'].map(
    (name) => `${name}.istio-system.svc.${clusterDomain}`,
  ),
);

export type HostLookup =
  | { kind: 'service'; resource: Resource; ports: number[] | undefined }
  | { kind: 'serviceentry'; resource: Resource; ports: number[] | undefined }
  | { kind: 'installation' }
  /** Not found, and the workspace holds what would declare it (so its absence means something). */
  | { kind: 'missing'; candidates: string[] }
  /** Not found, but the workspace does not manage that kind of service: nothing can be concluded. */
  | { kind: 'unknown' };

/**
 * Resolves a host FQDN as a route destination would. `fromNamespace` is the namespace of the
 * referring resource (ServiceEntry `exportTo` must admit it); undefined ignores exportTo.
 * "missing" only when the workspace has Services in the host's namespace (cluster hosts), or
 * Services or ServiceEntries at all (other hosts).
 */
export function lookupHost(index: IndexLookups, fqdn: string, fromNamespace: string | undefined): HostLookup {
  const [service] = index.forHost('', 'Service', fqdn);
  if (service) return { kind: 'service', resource: service, ports: portsOf(serviceView(service).ports.map((p) => p.port)) };
  const entries = index
    .forHost(networkingGroup, 'ServiceEntry', fqdn)
    .filter((se) => fromNamespace === undefined || isExportedTo(serviceEntryView(se).exportTo, se.namespace, fromNamespace));
  if (entries.length) {
    const se = entries[0];
    return { kind: 'serviceentry', resource: se, ports: portsOf(serviceEntryView(se).ports.map((p) => p.number)) };
  }
  if (installationHosts.has(fqdn)) return { kind: 'installation' };
  const namespace = serviceHostNamespace(fqdn);
  if (namespace !== undefined) {
    const here = index.ofKind('', 'Service').filter((s) => s.namespace === namespace);
    return here.length ? { kind: 'missing', candidates: here.map((s) => s.name) } : { kind: 'unknown' };
  }
  if (index.countOfKind('', 'Service') || index.countOfKind(networkingGroup, 'ServiceEntry')) return { kind: 'missing', candidates: [] };
  return { kind: 'unknown' };
}

/** The port numbers, or undefined when one of them is not a number (a placeholder): then no port check is safe. */
function portsOf(ports: Array<number | undefined>): number[] | undefined {
  return ports.every((p): p is number => p !== undefined) ? ports : undefined;
}

/** A service a route destination reaches, as istioctl's analyzers see it (a Kubernetes Service is a ServiceEntry of its ports). */
export interface DestinationService {
  kind: 'service' | 'serviceentry';
  resource: Resource;
  /** Its port numbers, one per port entry; undefined when one of them cannot be read (then no port check is safe). */
  ports: number[] | undefined;
}

/**
 * istioctl's `ConvertHostToFQDN`: a host without dots (and not a wildcard) is a service in `namespace`;
 * anything else is taken exactly as written (no lower-casing, so `a.B` and `a.b` differ as they do there).
 */
export function istioctlFqdn(host: string, namespace: string): string {
  return host.startsWith('*') || host.includes('.') ? host : `${host}.${namespace}.svc.${clusterDomain}`;
}

/**
 * The service a VirtualService destination `host` reaches, by istioctl's `GetDestinationHost`: first a host
 * exported everywhere; then one exported to a scope the VirtualService's own `exportTo` names (its namespace
 * when it has none; the values as written otherwise, `.` meaning its namespace); then a ServiceEntry wildcard
 * host, exported everywhere or to the VirtualService's namespace, that ends the host. A Service wins over a
 * ServiceEntry of the same host, as it is filed later there. `'uncertain'` when nothing is found but a
 * placeholder leaves the answer open.
 */
export function findDestinationService(
  index: IndexLookups,
  host: string,
  from: { namespace: string; exportTo: readonly string[] | undefined },
): DestinationService | 'uncertain' | undefined {
  const fqdn = istioctlFqdn(host, from.namespace);
  const lookupScopes = ['*', ...(from.exportTo === undefined ? [] : from.exportTo.length ? from.exportTo.map((e) => (e === '.' ? from.namespace : e)) : [from.namespace])];
  const lowered = fqdn.toLowerCase();
  const services = index
    .forHost('', 'Service', lowered)
    .filter((s) => istioctlFqdn(s.name, s.namespace) === fqdn)
    .map((s) => ({ target: asService(s), scope: serviceExportScope(s) }));
  const entries = index
    .forHost(networkingGroup, 'ServiceEntry', lowered)
    .filter((se) => serviceEntryView(se).hosts.some((h) => istioctlFqdn(h.value, se.namespace) === fqdn))
    .map((se) => ({ target: asServiceEntry(se), scope: exportScopeOf(exportToValues(se), se.namespace) }));
  for (const scope of lookupScopes) {
    // Later entries overwrite earlier ones in istioctl's host map, and Services are filed after ServiceEntries.
    const visible = [...entries, ...services].filter((c) => admitsExactly(c.scope, scope));
    if (visible.length) return visible[visible.length - 1].target;
  }
  const trimmed = host.startsWith('*') ? host.slice(1) : host;
  const wildcard = index
    .forHost(networkingGroup, 'ServiceEntry', host.toLowerCase())
    .find((se) => {
      const scope = exportScopeOf(exportToValues(se), se.namespace);
      if (!scopeAdmits(scope, from.namespace)) return false;
      return serviceEntryView(se).hosts.some((h) => h.value.startsWith('*') && trimmed.endsWith(h.value.slice(1)));
    });
  if (wildcard) return asServiceEntry(wildcard);
  const open = from.exportTo === undefined || [...services, ...entries].some((c) => c.scope.unknown);
  return open ? 'uncertain' : undefined;
}

/** Whether a target is filed under the scope istioctl looks up: `*` only for the exported-everywhere ones. */
function admitsExactly(scope: ExportScope, lookup: string): boolean {
  if (scope.unknown || scope.all) return true;
  return lookup !== '*' && scope.scopes.has(lookup);
}

function asService(service: Resource): DestinationService {
  return { kind: 'service', resource: service, ports: portsOf(serviceView(service).ports.map((p) => p.port)) };
}

function asServiceEntry(entry: Resource): DestinationService {
  return { kind: 'serviceentry', resource: entry, ports: portsOf(serviceEntryView(entry).ports.map((p) => p.number)) };
}

/**
 * Whether "no service for this host" means something in this workspace (our deliberate difference: istioctl
 * reports every unknown host): a cluster host needs Services of its namespace in the workspace; any other
 * host Services or ServiceEntries at all. The hosts of an Istio installation are taken as present.
 * Returns the Services of the host's namespace as suggestions.
 */
export function hostAbsenceMeaningful(index: IndexLookups, fqdn: string): { meaningful: boolean; candidates: string[] } {
  const lowered = fqdn.toLowerCase();
  if (installationHosts.has(lowered)) return { meaningful: false, candidates: [] };
  const namespace = serviceHostNamespace(lowered);
  if (namespace !== undefined) {
    const here = index.ofKind('', 'Service').filter((s) => s.namespace === namespace);
    return { meaningful: here.length > 0, candidates: here.map((s) => s.name) };
  }
  return { meaningful: index.countOfKind('', 'Service') + index.countOfKind(networkingGroup, 'ServiceEntry') > 0, candidates: [] };
}
