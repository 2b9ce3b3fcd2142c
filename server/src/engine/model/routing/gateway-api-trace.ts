import type { IndexLookups } from '../../workspace/resource-index';
import { asMap, asSeq, getValue } from '../../parse/yaml-nodes';
import { plainObject } from '../../parse/plain-data';
import { attachmentOf, parentKey } from '../gateway-api/attachment';
import { routeView, type ListenerView } from '../gateway-api/views';
import type { Resource } from '../resource';
import { compareGatewayApiCandidates, evaluateGrpcRouteMatch, evaluateHttpRouteMatch, type GatewayApiCandidate } from './gateway-api-match';
import { hostMatchRank } from './host-precedence';
import type { MatchVerdict, TraceRequest } from './request';
import type { RuleChoice } from './rule-choice';
import { traceBackends } from './trace-destination';
import type { TraceLog } from './trace-log';
import type { TraceActions, TraceRoute } from './trace-types';

/** The routes of these kinds that a listener of `gateway` accepts (their parentRef attaches to it). */
export function routesOnListener(index: IndexLookups, gateway: Resource, listener: ListenerView, kinds: readonly string[]): Resource[] {
  return index.routesWithParent('Gateway', gateway.namespace, gateway.name).filter(
    (route) =>
      kinds.includes(route.kind) &&
      routeView(route).parentRefs.some((ref) => {
        const key = parentKey(ref, route.namespace);
        if (key.kind !== 'Gateway' || key.namespace !== gateway.namespace || key.name !== gateway.name) return false;
        const attachment = attachmentOf(route, ref, index);
        return attachment.status === 'accepted' && attachment.parent === gateway && attachment.listeners.includes(listener);
      }),
  );
}

/** The HTTPRoutes and GRPCRoutes attached to a Service (the mesh's GAMMA routes). */
export function routesOnService(index: IndexLookups, service: Resource): Resource[] {
  return index.routesWithParent('Service', service.namespace, service.name).filter(
    (route) =>
      (route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute') &&
      routeView(route).parentRefs.some((ref) => {
        const key = parentKey(ref, route.namespace);
        return key.kind === 'Service' && key.namespace === service.namespace && key.name === service.name && attachmentOf(route, ref, index).status === 'accepted';
      }),
  );
}

interface Candidate extends GatewayApiCandidate {
  resource: Resource;
  /** The rule as plain data, read once for its matches and again for its actions. */
  data: Record<string, unknown>;
  /** Whether the rule wrote `matches` (else the implicit match-all). */
  explicit: boolean;
}

/** The rules of a route as plain data, in order (an unreadable rule is an empty one). */
function ruleData(route: Resource): Array<Record<string, unknown>> {
  const items = asSeq(getValue(asMap(getValue(route.root, 'spec')), 'rules'))?.items ?? [];
  return items.map((item) => plainObject(item, route.document.yaml) ?? {});
}

function creationTimestamp(route: Resource): string | undefined {
  const node = getValue(asMap(getValue(route.root, 'metadata')), 'creationTimestamp');
  const value = node && 'value' in node ? (node as { value: unknown }).value : undefined;
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : undefined;
}

/**
 * The rule the Gateway API's precedence picks among every route's matching rules (hostname specificity, path,
 * method, headers, query params, age, name, order). Routes whose hostnames miss the request and rules that do not
 * match go to the log.
 */
export function walkGatewayApiRoutes(routes: readonly Resource[], request: TraceRequest, index: IndexLookups, clientNamespace: string, log: TraceLog): RuleChoice | undefined {
  const matching: Candidate[] = [];
  for (const resource of routes) {
    const label = `${resource.kind} ${resource.namespace}/${resource.name}`;
    const hostnames = routeView(resource).hostnames.map((h) => h.value.trim().toLowerCase());
    let hostname = '';
    if (hostnames.length) {
      const ranked = hostnames.map((h) => ({ h, rank: hostMatchRank(h, request.host) })).filter((x) => x.rank !== undefined);
      if (!ranked.length) {
        log.step(`${label} does not serve host ${request.host} (its hostnames: ${hostnames.join(', ')})`, resource);
        continue;
      }
      hostname = ranked.sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0))[0].h;
    }
    if (resource.kind !== 'HTTPRoute' && resource.kind !== 'GRPCRoute') {
      // TLSRoute and TCPRoute rules have no matches: the first rule takes the connection; routes compare like
      // HTTPRoutes without matches (hostname, age, name).
      if (routeView(resource).rules.length) matching.push({ hostname, match: undefined, kind: 'HTTPRoute', route: { namespace: resource.namespace, name: resource.name }, rule: 0, matchIndex: 0, resource, data: ruleData(resource)[0] ?? {}, explicit: false });
      continue;
    }
    const kind = resource.kind;
    const created = creationTimestamp(resource);
    ruleData(resource).forEach((rule, ruleIndex) => {
      const matches = Array.isArray(rule.matches) && rule.matches.length ? (rule.matches as unknown[]) : [undefined];
      matches.forEach((raw, matchIndex) => {
        const match = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
        const verdict: MatchVerdict = kind === 'GRPCRoute' ? evaluateGrpcRouteMatch(match, request) : evaluateHttpRouteMatch(match, request);
        const where = `${label} rules[${ruleIndex}]${matches.length > 1 ? ` matches[${matchIndex}]` : ''}`;
        const at = routeView(resource).rules[ruleIndex]?.range.start;
        if (verdict.matches === true) {
          const route = { namespace: resource.namespace, name: resource.name, ...(created ? { creationTimestamp: created } : {}) };
          matching.push({ hostname, match, kind, route, rule: ruleIndex, matchIndex, resource, data: rule, explicit: raw !== undefined });
        } else if (verdict.matches === false) log.step(`${where} does not match: ${verdict.reason}`, resource, at);
        else {
          log.step(`${where} cannot be judged: ${verdict.reason}; taken as not matching`, resource, at);
          log.warn(`${where}: ${verdict.reason}; the trace assumed it does not match`);
        }
      });
    });
  }
  if (!matching.length) return undefined;
  const [best, ...others] = [...matching].sort((a, b) => compareGatewayApiCandidates(a, b));
  if (others.length) {
    const names = others.slice(0, 3).map((o) => `${o.resource.kind} ${o.route.namespace}/${o.route.name} rules[${o.rule}]`);
    log.step(`${matching.length} rules match; by the Gateway API's precedence (hostname, path, method, headers, query params, age, name) ${best.resource.kind} ${best.route.namespace}/${best.route.name} rules[${best.rule}] wins over ${names.join(', ')}${others.length > 3 ? ', …' : ''}`);
  }
  return choose(best, index, clientNamespace, log);
}

function choose(best: Candidate, index: IndexLookups, clientNamespace: string, log: TraceLog): RuleChoice {
  const resource = best.resource;
  const view = routeView(resource).rules[best.rule];
  const data = best.data;
  const label = `${resource.kind} ${resource.namespace}/${resource.name} rules[${best.rule}]`;
  const route: TraceRoute = {
    kind: resource.kind as TraceRoute['kind'],
    namespace: resource.namespace,
    name: resource.name,
    rule: best.rule,
    ruleName: view?.name?.value ?? null,
    match: best.explicit ? best.matchIndex : null,
  };
  log.step(`${label} ${best.explicit ? `matches[${best.matchIndex}] accepts the request` : 'has no matches: it takes every request'}`, resource, view?.range.start);
  const filters = Array.isArray(data.filters) ? (data.filters as Array<Record<string, unknown>>) : [];
  const actions: TraceActions = filters.length ? { filters } : {};
  const redirect = filters.find((f) => f && f.type === 'RequestRedirect');
  if (redirect) {
    actions.redirect = redirect.requestRedirect;
    log.step(`${label} redirects: ${JSON.stringify(redirect.requestRedirect ?? {})}`, resource, view?.range.start);
    return { resource, route, outcome: 'redirect', destinations: [], actions };
  }
  const timeouts = data.timeouts;
  if (timeouts !== undefined) actions.timeout = timeouts;
  if (!view?.backendRefs.length) {
    // The Gateway API: a rule without backends (and no redirect) is answered with a 500.
    actions.directResponse = { status: 500 };
    log.step(`${label} has no backendRefs: the Gateway answers 500`, resource, view?.range.start);
    return { resource, route, outcome: 'direct-response', destinations: [], actions };
  }
  const destinations = traceBackends(index, view.backendRefs, resource, clientNamespace, log);
  return { resource, route, outcome: 'route', destinations, actions };
}
