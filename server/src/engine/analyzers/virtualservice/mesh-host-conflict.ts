import type { Finding } from '../../finding';
import { hostsOverlap } from '../../hosts';
import { meshHostKeys, type MeshHostKeys } from '../../model/mesh-binding';
import type { Resource } from '../../model/resource';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0109: VirtualServices bound to the mesh (no `gateways`, or `mesh` among them) that define the same host
 * for the same export scope. Sidecars apply one VirtualService per host; the others' routes are ignored.
 * Grouped as istioctl groups them: by (scope, host) where the scope is `*` (no exportTo, or `*` in it) or each
 * exportTo value (`.` = own namespace). A scoped host also collides with every exported-everywhere host it
 * overlaps (wildcards included); exported-everywhere hosts collide only when written the same. Each
 * VirtualService is reported once, on the first host that collides.
 */
export const virtualServiceMeshHostConflict: Analyzer = {
  id: 'virtualservice-mesh-host-conflict',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const mine = meshHostKeys(resource);
    if (!mine) return [];
    for (const { host, fqdn } of mine.hosts) {
      const group = collidingGroup(index, resource, mine, fqdn);
      if (!group) continue;
      const others = group.members.filter((o) => o !== resource);
      const self = group.members.length - others.length > 1;
      const names = [...new Set(others)].map((o) => `${o.namespace}/${o.name}`);
      const parts = [...(names.length ? [`VirtualService${names.length > 1 ? 's' : ''} ${names.join(', ')}`] : []), ...(self ? ['this VirtualService itself (the host is listed twice)'] : [])];
      const message =
        `Host ${fqdn} is also defined for the mesh (the same host or one overlapping it) by ${parts.join(' and ')}, ` +
        `both exported to ${group.scope === '*' ? 'all namespaces' : `namespace ${group.scope}`}: ` +
        `sidecars apply only one VirtualService per host, so the routes of the others are ignored. Merge them into one VirtualService.`;
      const related = [...new Set(others)].map((o) => relatedTo(o, `VirtualService ${o.namespace}/${o.name}`));
      return [finding('IST0109', resource, host.range, message, related, { host: fqdn })];
    }
    return [] as Finding[];
  },
};

interface Group {
  scope: string;
  /** One entry per colliding host entry, so a VirtualService may appear more than once. */
  members: Resource[];
}

/** The first group of more than one host entry that `resource`'s host `fqdn` belongs to, if any. */
function collidingGroup(index: IndexLookups, resource: Resource, mine: MeshHostKeys, fqdn: string): Group | undefined {
  // A wildcard can collide with plain names, which only a scan finds; a plain name with itself or a covering wildcard.
  const candidates = new Set(fqdn.startsWith('*') ? index.ofKind(networkingGroup, 'VirtualService') : index.forHost(networkingGroup, 'VirtualService', fqdn.toLowerCase()));
  candidates.add(resource);
  const keyed = [...candidates].flatMap((o) => {
    const keys = o === resource ? mine : meshHostKeys(o);
    return keys ? [{ o, keys }] : [];
  });
  const entries = (keys: MeshHostKeys, test: (other: string) => boolean) => keys.hosts.filter((h) => test(h.fqdn)).length;
  const repeat = (o: Resource, n: number) => Array.from({ length: n }, () => o);
  if (!mine.scope.all) {
    for (const scope of mine.scope.scopes) {
      const members = keyed.flatMap(({ o, keys }) =>
        keys.scope.all ? repeat(o, entries(keys, (h) => hostsOverlap(fqdn, h))) : keys.scope.scopes.has(scope) ? repeat(o, entries(keys, (h) => h === fqdn)) : [],
      );
      if (members.length > 1) return { scope, members };
    }
    return undefined;
  }
  const members = keyed.flatMap(({ o, keys }) => (keys.scope.all ? repeat(o, entries(keys, (h) => h === fqdn)) : []));
  if (members.length > 1) return { scope: '*', members };
  // An exported-everywhere host joins the group of every scoped host it overlaps.
  for (const { o, keys } of keyed) {
    if (keys.scope.all) continue;
    const overlapping = keys.hosts.find((h) => hostsOverlap(h.fqdn, fqdn));
    if (overlapping) return { scope: [...keys.scope.scopes][0] ?? '*', members: [o, resource] };
  }
  return undefined;
}
