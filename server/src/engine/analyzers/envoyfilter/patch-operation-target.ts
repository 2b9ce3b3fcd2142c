import type { Finding } from '../../finding';
import { envoyFilterPatches, type EnvoyPatch } from '../../model/envoyfilter-patches';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';
import { describePatches, mergedAsIstioctl } from './patch-groups';

/**
 * IST0152/IST0153/IST0154: a patch operation that does nothing where it is applied, as istioctl judges it:
 * ADD or REMOVE on ROUTE_CONFIGURATION or HTTP_ROUTE (ignored), REPLACE on anything but HTTP_FILTER,
 * NETWORK_FILTER or VIRTUAL_HOST (an absent applyTo included). Reported once per EnvoyFilter and code, on
 * the first such patch's operation.
 */
export const envoyFilterPatchOperationTarget: Analyzer = {
  id: 'envoyfilter-patch-operation-target',
  group: networkingGroup,
  kind: 'EnvoyFilter',
  analyze(resource) {
    const { patches } = envoyFilterPatches(resource);
    const findings: Finding[] = [];
    const report = (code: 'IST0152' | 'IST0153' | 'IST0154', wrong: EnvoyPatch[], explain: (group: EnvoyPatch[]) => string) => {
      for (const group of mergedAsIstioctl(wrong)) findings.push(finding(code, resource, group[0].anchor, explain(group), undefined, { patches: group.map((p) => String(p.position + 1)) }));
    };
    const routeLevel = (p: EnvoyPatch) => p.applyTo === 'ROUTE_CONFIGURATION' || p.applyTo === 'HTTP_ROUTE';
    report(
      'IST0153',
      patches.filter((p) => p.operation === 'ADD' && routeLevel(p)),
      (group) =>
        `ADD does nothing on ROUTE_CONFIGURATION or HTTP_ROUTE (${describePatches(group)}): Istio ignores the patch. ` +
        `To add a route, use INSERT_FIRST/INSERT_BEFORE/INSERT_AFTER on HTTP_ROUTE, or ADD on VIRTUAL_HOST for a virtual host; MERGE changes a route configuration.`,
    );
    report(
      'IST0154',
      patches.filter((p) => p.operation === 'REMOVE' && routeLevel(p)),
      (group) =>
        `REMOVE does nothing on ROUTE_CONFIGURATION or HTTP_ROUTE (${describePatches(group)}): Istio ignores the patch. ` +
        `Remove a virtual host with REMOVE on VIRTUAL_HOST, or change routes with MERGE.`,
    );
    report(
      'IST0152',
      patches.filter((p) => p.operation === 'REPLACE' && p.applyTo !== undefined && !['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST'].includes(p.applyTo)),
      (group) =>
        `REPLACE works only on HTTP_FILTER, NETWORK_FILTER or VIRTUAL_HOST, not on ${[...new Set(group.map((p) => p.applyTo === 'INVALID' ? 'an absent applyTo' : p.applyTo))].join(', ')} ` +
        `(${describePatches(group)}). Use MERGE to change the object, or REMOVE and ADD it.`,
    );
    return findings.sort((a, b) => a.range.start - b.range.start);
  },
};
