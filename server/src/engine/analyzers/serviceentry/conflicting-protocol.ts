import { resolveServiceHost } from '../../hosts';
import type { IndexLookups } from '../../workspace/resource-index';
import { ignoredNamespaces } from '../../model/istio-owned';
import type { Resource } from '../../model/resource';
import { serviceEntryView } from '../../model/serviceentry-views';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/** One (host, port, protocol) a ServiceEntry declares, in each namespace scope it is exported to. */
interface Declaration {
  entry: Resource;
  scope: string;
  host: string;
  port: number;
  /** Upper-cased; "" when the port has none. */
  protocol: string;
}

/** The scopes istioctl files an entry under: "*" when exported everywhere (or exportTo empty), else each namespace named ("." is its own). */
function scopesOf(entry: Resource, exportTo: readonly string[]): string[] | undefined {
  if (exportTo.some(hasPlaceholder)) return undefined;
  if (!exportTo.length || exportTo.includes('*')) return ['*'];
  return [...new Set(exportTo.map((e) => (e === '.' ? entry.namespace : e)))];
}

function declarationsOf(entry: Resource): Declaration[] {
  const view = serviceEntryView(entry);
  const scopes = scopesOf(entry, view.exportTo);
  if (!scopes) return [];
  const out: Declaration[] = [];
  for (const scope of scopes)
    for (const { value: host } of view.hosts)
      for (const port of view.ports) {
        const protocol = port.protocol?.value ?? '';
        if (port.number === undefined || hasPlaceholder(host) || hasPlaceholder(protocol)) continue;
        out.push({ entry, scope, host, port: port.number, protocol: protocol.toUpperCase() });
      }
  return out;
}

const keyOf = (scope: string, host: string, port: number) => `${scope}\u0000${host}\u0000${port}`;

/**
 * The ServiceEntries that may declare one of `hosts` as written: found by host through the index (a short name,
 * which the index files per namespace, needs them all), so an entry depends only on those sharing a host with it.
 */
function entriesSharingHosts(resource: Resource, hosts: ReadonlySet<string>, index: IndexLookups): Resource[] {
  const out = new Set<Resource>();
  for (const host of hosts) {
    const qualified = host.includes('.') || host.startsWith('*');
    const found = qualified ? index.forHost(networkingGroup, 'ServiceEntry', resolveServiceHost(host, resource.namespace)) : index.ofKind(networkingGroup, 'ServiceEntry');
    for (const entry of found) out.add(entry);
  }
  return [...out];
}

/** The declarations of `hosts` (as written) by those entries, by (scope, host, port). */
function declarationsByKey(entries: readonly Resource[], hosts: ReadonlySet<string>): Map<string, Declaration[]> {
  const byKey = new Map<string, Declaration[]>();
  for (const entry of entries) {
    if (ignoredNamespaces.has(entry.namespace)) continue;
    for (const d of declarationsOf(entry)) {
      if (!hosts.has(d.host)) continue;
      const key = keyOf(d.scope, d.host, d.port);
      const list = byKey.get(key);
      if (list) list.push(d);
      else byKey.set(key, [d]);
    }
  }
  return byKey;
}

/**
 * IST0177: ServiceEntries that declare the same host (as written) and port number with different protocols (compared
 * case-insensitively; no protocol is one of them) and are visible together: both exported everywhere, or to a common
 * namespace (an entry exported everywhere meets every namespace). Istio keeps one protocol, so one entry's traffic is
 * handled with the other's. Reported once on each entry involved, for the first conflict found.
 */
export const serviceEntryConflictingProtocol: Analyzer = {
  id: 'serviceentry-conflicting-protocol',
  group: networkingGroup,
  kind: 'ServiceEntry',
  analyze(resource, { index }) {
    if (ignoredNamespaces.has(resource.namespace)) return [];
    const own = declarationsOf(resource);
    if (!own.length) return [];
    const hosts = new Set(own.map((d) => d.host));
    const byKey = declarationsByKey(entriesSharingHosts(resource, hosts, index), hosts);
    for (const group of groupsWith(own, byKey)) {
      const protocols = [...new Set(group.map((d) => d.protocol))].sort();
      if (protocols.length < 2) continue;
      const { host, port } = group[0];
      const others = [...new Set(group.map((d) => d.entry))].filter((e) => e !== resource);
      const mine = [...new Set(group.filter((d) => d.entry === resource).map((d) => d.protocol || 'none'))].join(', ');
      const theirs = others
        .map((e) => `${e.namespace}/${e.name} (${[...new Set(group.filter((d) => d.entry === e).map((d) => d.protocol || 'none'))].join(', ')})`)
        .join(', ');
      const message =
        `Host ${host} port ${port} is declared here with protocol ${mine} and by ServiceEntry ${theirs}, visible in the same namespaces: ` +
        `Istio keeps only one protocol for a host and port, so one entry's traffic is handled as the other's. Use one protocol for ${host}:${port} in all of them, ` +
        `or narrow exportTo so they never meet.`;
      const related = others.map((e) => relatedTo(e, `ServiceEntry ${e.namespace}/${e.name} declares ${host}:${port}`));
      return [finding('IST0177', resource, resource.anchor, message, related, { host, port })];
    }
    return [];
  },
};

/** The declaration groups an entry's own declarations take part in, each a set istioctl compares: a scope's own plus those exported everywhere. */
function* groupsWith(own: readonly Declaration[], byKey: Map<string, Declaration[]>): Generator<Declaration[]> {
  for (const d of own) {
    const everywhere = byKey.get(keyOf('*', d.host, d.port)) ?? [];
    if (d.scope !== '*') {
      yield [...(byKey.get(keyOf(d.scope, d.host, d.port)) ?? []), ...everywhere];
      continue;
    }
    yield everywhere;
    // An entry exported everywhere also meets the entries of every namespace scope on this host and port.
    for (const [key, list] of byKey)
      if (list[0].scope !== '*' && list[0].host === d.host && list[0].port === d.port && key !== keyOf('*', d.host, d.port)) yield [...list, ...everywhere];
  }
}
