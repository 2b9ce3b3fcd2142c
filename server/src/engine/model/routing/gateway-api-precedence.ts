import { hostnameSpecificity } from './host-precedence';
import { grpcMethodPath, httpRoutePath, type PathCondition } from './gateway-api-paths';

/**
 * Which of several Gateway API route matches that accept a request wins. The spec (apis/v1/httproute_types.go,
 * grpcroute_types.go) orders by hostname specificity, then Exact path, longest PathPrefix, method, most
 * headers, most query params, then the oldest route, then `namespace/name`, then rule and match order.
 * Where it leaves the order to the implementation (RegularExpression paths, gRPC and HTTP matches side by
 * side) this follows Istio's sortHTTPRoutes (pilot/pkg/config/kube/gateway/conversion.go): path kinds rank
 * Exact > PathPrefix > RegularExpression > none, then the longer value (a regex by its source length),
 * and a GRPCRoute method is ranked as the path Istio turns it into (service+method exact, service a prefix,
 * method alone or regular expressions a regex). Istio sorts both kinds of route in one list, so does this.
 */

export interface GatewayApiCandidate {
  /** The route hostname that matched the request, `''` when the route has none. */
  hostname: string;
  match: Record<string, unknown> | undefined;
  kind: 'HTTPRoute' | 'GRPCRoute';
  route: { namespace: string; name: string; creationTimestamp?: string };
  rule: number;
  matchIndex: number;
}

const pathRank: Record<PathCondition['type'], number> = { Exact: 3, PathPrefix: 2, RegularExpression: 1 };

/** Sort comparator: negative when `a` takes precedence over `b`. A total order, so sorting is deterministic. */
export function compareGatewayApiCandidates(a: GatewayApiCandidate, b: GatewayApiCandidate): number {
  const pa = pathOf(a);
  const pb = pathOf(b);
  return (
    hostnameSpecificity(b.hostname) - hostnameSpecificity(a.hostname) ||
    (pb ? pathRank[pb.type] : -1) - (pa ? pathRank[pa.type] : -1) ||
    (pb?.value.length ?? 0) - (pa?.value.length ?? 0) ||
    Number(hasMethod(b)) - Number(hasMethod(a)) ||
    countNames(b.match?.headers, true) - countNames(a.match?.headers, true) ||
    countNames(b.match?.queryParams, false) - countNames(a.match?.queryParams, false) ||
    compareTimes(a.route.creationTimestamp, b.route.creationTimestamp) ||
    compareText(`${a.route.namespace}/${a.route.name}`, `${b.route.namespace}/${b.route.name}`) ||
    a.rule - b.rule ||
    a.matchIndex - b.matchIndex
  );
}

/** The path condition that ranks the candidate; an unreadable one ranks as none. */
function pathOf(candidate: GatewayApiCandidate): PathCondition | undefined {
  const path = candidate.kind === 'GRPCRoute' ? grpcMethodPath(candidate.match?.method) : httpRoutePath(candidate.match);
  return typeof path === 'string' ? undefined : path;
}

/** An HTTPRoute's `method`; a GRPCRoute's method already ranks through its path. */
function hasMethod(candidate: GatewayApiCandidate): boolean {
  return candidate.kind === 'HTTPRoute' && typeof candidate.match?.method === 'string';
}

/** Distinct names in a headers/queryParams list (later entries with an equivalent name are ignored by the spec). */
function countNames(list: unknown, foldCase: boolean): number {
  if (!Array.isArray(list)) return 0;
  const names = new Set<string>();
  for (const item of list as unknown[]) {
    const name = (item as { name?: unknown } | null)?.name;
    if (typeof name === 'string') names.add(foldCase ? name.toLowerCase() : name);
  }
  return names.size;
}

/** Older first; a route without a (readable) creation time counts as newest, as one not yet created. */
function compareTimes(a: string | undefined, b: string | undefined): number {
  const ta = a ? Date.parse(a) : NaN;
  const tb = b ? Date.parse(b) : NaN;
  const va = Number.isNaN(ta) ? Infinity : ta;
  const vb = Number.isNaN(tb) ? Infinity : tb;
  return va === vb ? 0 : va < vb ? -1 : 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
