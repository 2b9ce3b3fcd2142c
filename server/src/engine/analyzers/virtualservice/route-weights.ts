import type { Finding } from '../../finding';
import { describeRule, virtualServiceRules, type RouteEntry } from '../../model/virtualservice-routes';
import { effectiveWeights } from '../../model/routing/destinations';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IY0101/IY0102/IY0103: the weights of a rule's route destinations. Istio rejects several
 * destinations whose weights total 0; a single destination takes all traffic whatever its weight;
 * otherwise weights are relative shares, so a total other than 100 works but hides the real split.
 */
export const virtualServiceRouteWeights: Analyzer = {
  id: 'virtualservice-route-weights',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource) {
    const findings: Finding[] = [];
    for (const rule of virtualServiceRules(resource)) {
      const routes = rule.routes;
      // A placeholder or a mistyped weight makes the total unknowable; a negative one is the schema's to report.
      if (!routes.length || !rule.routeKey || routes.some((r) => r.weight && (r.weight.value === undefined || r.weight.value < 0))) continue;
      const where = describeRule(rule);
      if (routes.length === 1) {
        const weight = routes[0].weight;
        if (!weight || weight.value === undefined || weight.value >= 100) continue;
        const message =
          `The only destination of ${where} gets all of its traffic: weight ${weight.value} is ignored when a route has one destination. ` +
          `Remove the weight (or set it to 100); to send only part of the traffic here, add the destination that should get the rest.`;
        findings.push(finding('IY0102', resource, weight.range, message));
        continue;
      }
      const weights = routes.map((r) => r.weight?.value ?? 0);
      const total = weights.reduce((a, b) => a + b, 0);
      if (total === 100) continue;
      const unweighted = routes.filter((r) => !r.weight).length;
      const data = { fix: 'normalize-weights', rule: where, weights: normalizeWeights(weights).map(String) };
      if (total === 0) {
        const why = unweighted
          ? ` (with several destinations, one without \`weight\` counts as 0)`
          : '';
        const message =
          `The ${routes.length} destinations of ${where} have weights totalling 0${why}: Istio rejects the VirtualService ("total destination weight = 0"). ` +
          `Give the destinations weights that total 100, e.g. ${data.weights.join('/')}.`;
        findings.push(finding('IY0101', resource, rule.routeKey, message, undefined, data));
        continue;
      }
      const split = effectiveSplit(routes);
      const message =
        `The weights of ${where} total ${total}, not 100. Istio treats them as relative shares, so the traffic splits ${split}. ` +
        `Normalize them to total 100 (${data.weights.join('/')}) to make the split explicit.`;
      findings.push(finding('IY0103', resource, rule.routeKey, message, undefined, data));
    }
    return findings;
  },
};

/** Integer weights proportional to `weights` that total 100 (largest remainders); equal shares when they total 0. */
export function normalizeWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? weights.map((w) => (w * 100) / total) : weights.map(() => 100 / weights.length);
  const out = shares.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, rest: s - Math.floor(s) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] += 1;
    left -= 1;
  }
  return out;
}

/** "v1 75% · v2 25%": each destination (by subset when the hosts agree) with its share of the traffic. */
function effectiveSplit(routes: readonly RouteEntry[]): string {
  const hosts = new Set(routes.map((r) => r.host?.value));
  const percents = effectiveWeights(routes.map((r) => r.weight?.value));
  return routes
    .map((r, i) => {
      const host = r.host?.value ?? '?';
      const label = r.subset ? (hosts.size === 1 ? r.subset.value : `${host} ${r.subset.value}`) : host;
      const pct = percents[i];
      return `${label} ${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
    })
    .join(' · ');
}
