import type { IndexLookups } from '../../workspace/resource-index';
import { resolveServiceHost } from '../../hosts';
import { asMap, asSeq, getValue } from '../../parse/yaml-nodes';
import { plainObject } from '../../parse/plain-data';
import { virtualServiceView } from '../istio-views';
import type { Resource } from '../resource';
import { describeRule, virtualServiceRules, type RouteProtocol, type RouteRule } from '../virtualservice-routes';
import { hostMatchRank } from './host-precedence';
import { evaluateHttpMatch, evaluateTcpMatch, evaluateTlsMatch } from './istio-match';
import type { MatchContext, MatchVerdict, TraceRequest } from './request';
import { byRankDescending, type RuleChoice } from './rule-choice';
import { traceDestinations } from './trace-destination';
import type { TraceLog } from './trace-log';
import type { TraceActions } from './trace-types';

/** A VirtualService that covers the request's host, and how specifically. */
export interface HostedVirtualService {
  resource: Resource;
  /** The host entry that matched, as written. */
  host: string;
  rank: number;
}

/** The VirtualServices among `candidates` whose hosts cover `requestHost`, most specific host first. */
export function virtualServicesForHost(candidates: readonly Resource[], requestHost: string): HostedVirtualService[] {
  const hosted: HostedVirtualService[] = [];
  for (const resource of candidates) {
    let best: HostedVirtualService | undefined;
    for (const host of virtualServiceView(resource).hosts) {
      const rank = hostMatchRank(resolveServiceHost(host.value, resource.namespace), requestHost);
      if (rank !== undefined && (!best || rank > best.rank)) best = { resource, host: host.value, rank };
    }
    if (best) hosted.push(best);
  }
  return byRankDescending(hosted);
}

/** Istio's rule lists: which one a request of this scheme reads, on an entry that terminates TLS or not. */
export type RuleList = RouteProtocol;

/**
 * The first rule, in the VirtualServices' order, whose match accepts the request; every rule tried and why it did not
 * match goes to the log. A match Istio would decide on facts we do not have (a source IP) counts as not matching, with a warning.
 */
export function walkVirtualServices(
  virtualServices: readonly Resource[],
  list: RuleList,
  request: TraceRequest,
  context: MatchContext,
  index: IndexLookups,
  log: TraceLog,
): RuleChoice | undefined {
  for (const resource of virtualServices) {
    const rules = virtualServiceRules(resource).filter((r) => r.protocol === list);
    if (!rules.length) log.step(`VirtualService ${resource.namespace}/${resource.name} has no ${list} rules`, resource);
    for (const rule of rules) {
      const matchIndex = acceptingMatch(resource, rule, request, { ...context, routeNamespace: resource.namespace }, log);
      if (matchIndex === undefined) continue;
      return choose(resource, rule, matchIndex, context, index, log);
    }
  }
  return undefined;
}

/** The index of the rule's first accepting match, null for a rule without matches, undefined when none accepts. */
function acceptingMatch(resource: Resource, rule: RouteRule, request: TraceRequest, context: MatchContext, log: TraceLog): number | null | undefined {
  const label = `VirtualService ${resource.namespace}/${resource.name} ${describeRule(rule)}`;
  if (rule.matchUnreadable) {
    log.warn(`${label}: its match cannot be read; the rule was skipped`);
    return undefined;
  }
  if (!rule.matches.length) return null;
  for (const match of rule.matches) {
    const verdict: MatchVerdict = match.value ? evaluate(rule.protocol, match.value, request, context) : { matches: 'unknown', reason: 'the match is not a map' };
    if (verdict.matches === true) return match.index;
    const where = rule.matches.length > 1 ? ` match[${match.index}]` : '';
    if (verdict.matches === false) log.step(`${label}${where} does not match: ${verdict.reason}`, resource, match.range.start);
    else {
      log.step(`${label}${where} cannot be judged: ${verdict.reason}; taken as not matching`, resource, match.range.start);
      log.warn(`${label}${where}: ${verdict.reason}; the trace assumed it does not match`);
    }
  }
  return undefined;
}

function evaluate(list: RuleList, match: Record<string, unknown>, request: TraceRequest, context: MatchContext): MatchVerdict {
  if (list === 'http') return evaluateHttpMatch(match, request, context);
  if (list === 'tls') return evaluateTlsMatch(match, request, context);
  return evaluateTcpMatch(match, request, context);
}

/** What the chosen rule does: redirect, answer directly, or route to its destinations (weighted), with its other actions. */
function choose(resource: Resource, rule: RouteRule, match: number | null, context: MatchContext, index: IndexLookups, log: TraceLog): RuleChoice {
  const label = `VirtualService ${resource.namespace}/${resource.name} ${describeRule(rule)}`;
  log.step(`${label} ${match === null ? 'has no match: it takes every request' : `match[${match}] accepts the request`}`, resource, rule.anchor.start);
  const data = ruleData(resource, rule);
  const actions = actionsOf(data, resource.namespace);
  const route = { kind: 'VirtualService' as const, namespace: resource.namespace, name: resource.name, rule: rule.index, ruleName: rule.name?.value ?? null, match };
  if (data?.redirect !== undefined) {
    log.step(`${label} redirects: ${JSON.stringify(data.redirect)}`, resource, rule.anchor.start);
    return { resource, route, outcome: 'redirect', destinations: [], actions };
  }
  if (data?.directResponse !== undefined || data?.direct_response !== undefined) {
    log.step(`${label} answers directly: ${JSON.stringify(data.directResponse ?? data.direct_response)}`, resource, rule.anchor.start);
    return { resource, route, outcome: 'direct-response', destinations: [], actions };
  }
  if (data?.delegate !== undefined) log.warn(`${label} delegates to another VirtualService: delegation is not traced`);
  if (!rule.routes.length) log.warn(`${label} has no route destinations`);
  const destinations = traceDestinations(
    index,
    rule.routes.map((r) => ({ host: r.host?.value, subset: r.subset?.value, port: r.port?.number, weight: r.weight?.value, weightWritten: r.weight !== undefined, at: r.anchor.start })),
    { namespace: resource.namespace, resource },
    context.sourceNamespace ?? resource.namespace,
    log,
  );
  return { resource, route, outcome: 'route', destinations, actions };
}

/** The rule as plain data (for its actions); undefined when it cannot be read. */
function ruleData(resource: Resource, rule: RouteRule): Record<string, unknown> | undefined {
  const item = asSeq(getValue(asMap(getValue(resource.root, 'spec')), rule.protocol))?.items[rule.index];
  return plainObject(item, resource.document.yaml);
}

const actionFields = ['rewrite', 'fault', 'timeout', 'retries', 'headers', 'corsPolicy'] as const;

/** The rule's actions besides its destinations, as written; mirrors with their hosts resolved. */
function actionsOf(data: Record<string, unknown> | undefined, namespace: string): TraceActions {
  const actions: TraceActions = {};
  if (!data) return actions;
  for (const field of actionFields) if (data[field] !== undefined) actions[field] = data[field];
  if (data.redirect !== undefined) actions.redirect = data.redirect;
  if (data.directResponse !== undefined) actions.directResponse = data.directResponse;
  const mirrors: NonNullable<TraceActions['mirrors']> = [];
  const percentOf = (p: unknown) => (p && typeof p === 'object' && typeof (p as { value?: unknown }).value === 'number' ? ((p as { value: number }).value) : null);
  const pushMirror = (destination: unknown, percentage: number | null) => {
    const d = destination && typeof destination === 'object' ? (destination as Record<string, unknown>) : undefined;
    if (typeof d?.host !== 'string') return;
    const port = d.port && typeof d.port === 'object' ? (d.port as { number?: unknown }).number : undefined;
    mirrors.push({ host: resolveServiceHost(d.host, namespace), subset: typeof d.subset === 'string' ? d.subset : null, port: typeof port === 'number' ? port : null, percentage });
  };
  if (data.mirror !== undefined) pushMirror(data.mirror, percentOf(data.mirrorPercentage) ?? (typeof data.mirrorPercent === 'number' ? data.mirrorPercent : null));
  if (Array.isArray(data.mirrors)) for (const m of data.mirrors) if (m && typeof m === 'object') pushMirror((m as Record<string, unknown>).destination, percentOf((m as Record<string, unknown>).percentage));
  if (mirrors.length) actions.mirrors = mirrors;
  return actions;
}
