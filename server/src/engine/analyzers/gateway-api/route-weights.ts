import type { Finding } from '../../finding';
import { totalWeight } from '../../model/gateway-api/backends';
import { routeView, type BackendRefView } from '../../model/gateway-api/views';
import { finding } from '../analyzer';
import { forEveryRouteKind } from './route-analyzers';

/** IY0216 (every backend weighted 0) and IY0217 (the effective split of a weighted rule, as a hint). */
export const routeWeightAnalyzers = forEveryRouteKind('gateway-api-route-weights', (resource) => {
  const findings: Finding[] = [];
  for (const rule of routeView(resource).rules) {
    const backends = rule.backendRefs.filter((b) => b.name);
    if (!backends.length) continue;
    const total = totalWeight(backends);
    const anchor = backends[0].weight?.range ?? backends[0].name!.range;
    if (total === 0) {
      const message = `Every backendRef of this rule has weight 0: it sends nothing, and matching requests get HTTP 500. Give at least one backend a positive weight (absent means 1).`;
      findings.push(finding('IY0216', resource, anchor, message));
      continue;
    }
    if (backends.length < 2 || !backends.some((b) => b.weight)) continue;
    findings.push(finding('IY0217', resource, anchor, `Traffic split of this rule: ${effectiveSplit(backends, total)}.`, undefined, { split: effectiveSplit(backends, total) }));
  }
  return findings;
});

/** "reviews-v1 90%, reviews-v2 10%" (weights relative to their sum; absent = 1). */
export function effectiveSplit(backends: readonly BackendRefView[], total = totalWeight(backends)): string {
  return backends.map((b) => `${b.name?.value ?? '?'}${b.port ? `:${b.port.value}` : ''} ${formatPercent(((b.weight?.value ?? 1) * 100) / total)}`).join(', ');
}

function formatPercent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}
