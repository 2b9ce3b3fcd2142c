import type { Finding, RelatedLocation } from '../../finding';
import { envoyFilterPatches, type EnvoyPatch } from '../../model/envoyfilter-patches';
import { describeResource, type Resource } from '../../model/resource';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { describePatches, mergedAsIstioctl } from './patch-groups';

/**
 * IST0151/IST0155: an EnvoyFilter without priority whose patch is placed relative to something another
 * filter may add (INSERT_BEFORE, INSERT_AFTER, REMOVE except on routes, REPLACE on filters and virtual hosts),
 * so the result depends on the order filters are applied. IST0155 instead when the patch's name (its value's
 * `name`, else the listener filter it matches) is also patched under a proxyVersion match: by an earlier patch
 * of this filter, or by any patch of another EnvoyFilter (istioctl visits filters in no fixed order).
 * Reported once per EnvoyFilter and code, as istioctl merges its equal messages.
 */
export const envoyFilterRelativeOperationPriority: Analyzer = {
  id: 'envoyfilter-relative-operation-priority',
  group: networkingGroup,
  kind: 'EnvoyFilter',
  analyze(resource, { index }) {
    const { patches, priority } = envoyFilterPatches(resource);
    if (priority !== 0) return [];
    const relative = patches.filter(isRelative);
    if (!relative.length) return [];
    // Other filters' proxyVersion patches, by name: read only when a relative patch needs them.
    const versioned = new Map<string, Resource>();
    for (const other of index.ofKind(networkingGroup, 'EnvoyFilter')) {
      if (other.id === resource.id) continue;
      for (const p of envoyFilterPatches(other).patches) if (p.proxyVersion && !versioned.has(p.instanceKey)) versioned.set(p.instanceKey, other);
    }
    const plain: EnvoyPatch[] = [];
    const withVersion: Array<{ patch: EnvoyPatch; other?: Resource }> = [];
    for (const patch of relative) {
      const earlier = patches.some((p) => p.position < patch.position && p.proxyVersion && p.instanceKey === patch.instanceKey);
      const other = versioned.get(patch.instanceKey);
      if (earlier) withVersion.push({ patch });
      else if (other) withVersion.push({ patch, other });
      else plain.push(patch);
    }
    const findings: Finding[] = [];
    for (const group of mergedAsIstioctl(plain)) {
      const message =
        `This EnvoyFilter has no priority and ${describePatches(group)} use${group.length === 1 ? 's' : ''} the relative operation ${operations(group)}: ` +
        `the anchor it is placed against may be added by another EnvoyFilter applied later, and then the patch does not apply. ` +
        `Set spec.priority, or use INSERT_FIRST or ADD.`;
      findings.push(finding('IST0151', resource, group[0].anchor, message, undefined, { patches: group.map((p) => String(p.position + 1)) }));
    }
    for (const group of mergedAsIstioctl(withVersion.map((w) => w.patch))) {
      const others = withVersion.filter((w) => group.includes(w.patch) && w.other).map((w) => w.other as Resource);
      const names = [...new Set(group.map((p) => (p.instanceName ? `"${p.instanceName}"` : 'an unnamed object')))].join(', ');
      const where = others.length ? `EnvoyFilter ${[...new Set(others.map((o) => `${o.namespace}/${o.name}`))].join(', ')}` : 'an earlier patch of this filter';
      const message =
        `This EnvoyFilter has no priority and ${describePatches(group)} use${group.length === 1 ? 's' : ''} the relative operation ${operations(group)} on ${names}, ` +
        `which ${where} patches only for some proxy versions (match.proxy.proxyVersion): after a proxy upgrade that patch stops applying and this one may lose its anchor. ` +
        `Set spec.priority, or use INSERT_FIRST or ADD.`;
      const related: RelatedLocation[] = [...new Set(others)].map((o) => relatedTo(o, `${describeResource(o)} patches it under a proxyVersion match`));
      findings.push(finding('IST0155', resource, group[0].anchor, message, related, { patches: group.map((p) => String(p.position + 1)) }));
    }
    return findings.sort((a, b) => a.range.start - b.range.start);
  },
};

function isRelative(patch: EnvoyPatch): boolean {
  switch (patch.operation) {
    case 'INSERT_BEFORE':
    case 'INSERT_AFTER':
      return true;
    case 'REMOVE':
      return patch.applyTo !== undefined && patch.applyTo !== 'ROUTE_CONFIGURATION' && patch.applyTo !== 'HTTP_ROUTE';
    case 'REPLACE':
      return patch.applyTo === 'HTTP_FILTER' || patch.applyTo === 'NETWORK_FILTER' || patch.applyTo === 'VIRTUAL_HOST';
    default:
      return false;
  }
}

function operations(patches: readonly EnvoyPatch[]): string {
  return [...new Set(patches.map((p) => p.operation))].join('/');
}
