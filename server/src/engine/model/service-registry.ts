import { clusterDomain, serviceHostNamespace } from '../hosts';
import type { IndexLookups } from '../workspace/resource-index';
import { isExportedTo } from './export-to';
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
