import { hostCovers, resolveServiceHost } from '../hosts';
import { asMap, getValue, scalarText } from '../parse/yaml-nodes';
import type { IndexLookups } from '../workspace/resource-index';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';
import { serviceEntryView } from './serviceentry-views';

/**
 * Which service a DestinationRule host names, the way istioctl's analyzers look it up: Services and
 * ServiceEntries filed by (visibility scope, FQDN); an exact lookup in scope `*`, then in the rule's
 * exportTo scopes (its own namespace when it has none); then wildcard ServiceEntry hosts visible to
 * everyone or to the rule's namespace, compared by suffix with the host as written.
 */

const networkingGroup = 'networking.istio.io';
const exportToAnnotation = 'networking.istio.io/exportTo';

export interface DestinationService {
  resource: Resource;
  /** A ServiceEntry's `workloadSelector.labels`; istioctl gives a Service none (not even its selector). */
  workloadSelector?: Labels;
}

/** The Service or ServiceEntry a host reaches from `namespace` under istioctl's lookup, or undefined. */
export function destinationService(index: IndexLookups, host: string, namespace: string, exportTo: readonly string[]): DestinationService | undefined {
  const fqdn = resolveServiceHost(host, namespace);
  const services = index.forHost('', 'Service', fqdn).filter((s) => serviceFqdn(s) === fqdn);
  const entries = index.forHost(networkingGroup, 'ServiceEntry', fqdn);
  const exactEntries = entries.filter((se) => entryHosts(se).includes(fqdn));
  const lookupScopes = ['*', ...(exportTo.length ? exportTo.map((e) => (e === '.' ? namespace : e)) : [namespace])];
  for (const scope of lookupScopes) {
    // Services are filed after ServiceEntries, so a Service replaces an entry of the same key.
    const service = [...services].reverse().find((s) => serviceScopes(s).includes(scope));
    if (service) return { resource: service };
    const entry = [...exactEntries].reverse().find((se) => entryScopes(se).includes(scope));
    if (entry) return withSelector(entry);
  }
  const written = host.trim().toLowerCase().replace(/^\*/, '');
  for (const entry of entries) {
    const scopes = entryScopes(entry);
    if (!scopes.includes('*') && !scopes.includes(namespace)) continue;
    if (entryHosts(entry).some((h) => h.startsWith('*') && written.endsWith(h.slice(1)))) return withSelector(entry);
  }
  return undefined;
}

/** A Service or ServiceEntry whose host a wildcard host covers (any namespace), for hosts istioctl never finds. */
export function serviceCoveredBy(index: IndexLookups, wildcard: string): Resource | undefined {
  const pattern = wildcard.trim().toLowerCase();
  return (
    index.ofKind('', 'Service').find((s) => hostCovers(pattern, serviceFqdn(s))) ??
    index.ofKind(networkingGroup, 'ServiceEntry').find((se) => entryHosts(se).some((h) => hostCovers(pattern, h)))
  );
}

function withSelector(entry: Resource): DestinationService {
  const selector = labelsOf(getValue(asMap(getValue(asMap(getValue(entry.root, 'spec')), 'workloadSelector')), 'labels'), entry.document.yaml);
  return selector ? { resource: entry, workloadSelector: selector } : { resource: entry };
}

function serviceFqdn(service: Resource): string {
  return resolveServiceHost(service.name, service.namespace);
}

function entryHosts(entry: Resource): string[] {
  return serviceEntryView(entry).hosts.map((h) => resolveServiceHost(h.value, entry.namespace));
}

/** Where a Service is visible: its exportTo annotation (comma-separated, `.` its own namespace), else everywhere. */
function serviceScopes(service: Resource): string[] {
  const annotations = asMap(getValue(asMap(getValue(service.root, 'metadata')), 'annotations'));
  const value = scalarText(getValue(annotations, exportToAnnotation));
  if (!value) return ['*'];
  return value.split(',').map((ns) => (ns.trim() === '.' ? service.namespace : ns.trim()));
}

/** Where a ServiceEntry is visible: `*` when exportTo is empty or names `*`, else each entry (`.` its own namespace). */
function entryScopes(entry: Resource): string[] {
  const exportTo = serviceEntryView(entry).exportTo;
  if (!exportTo.length || exportTo.includes('*')) return ['*'];
  return exportTo.map((ns) => (ns === '.' ? entry.namespace : ns));
}
