import type { Finding } from '../../finding';
import { describeRule, virtualServiceRules, type MatchEntry, type RouteRule } from '../../model/virtualservice-routes';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0130/IST0131: HTTP rules are tried in order and the first match wins. A rule after one that
 * takes every request (no match, or only `uri: prefix: /`) is never used (IST0130), as is a rule all
 * of whose matches repeat earlier ones; a single repeated match is ineffective (IST0131).
 */
export const virtualServiceUnreachableRules: Analyzer = {
  id: 'virtualservice-unreachable-rules',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource) {
    const findings: Finding[] = [];
    const seen = new Map<string, { rule: RouteRule; match: MatchEntry }>();
    let catchAll: { rule: RouteRule; why: string } | undefined;
    for (const rule of virtualServiceRules(resource).filter((r) => r.protocol === 'http')) {
      const where = describeRule(rule);
      if (catchAll) {
        const message =
          `Rule ${where} is never used: the earlier rule ${describeRule(catchAll.rule)} ${catchAll.why}, and the first matching rule wins. ` +
          `Move the catch-all rule last, or give it a narrower match.`;
        const related = [{ uri: resource.uri, range: catchAll.rule.anchor, message: `catch-all rule ${describeRule(catchAll.rule)}` }];
        findings.push(finding('IST0130', resource, rule.anchor, message, related, { rule: where }));
        continue;
      }
      if (!rule.matches.length) {
        catchAll = { rule, why: 'has no match and so takes every request' };
        continue;
      }
      const repeats: Array<{ match: MatchEntry; earlier: { rule: RouteRule; match: MatchEntry } }> = [];
      for (const match of rule.matches) {
        if (!match.value) continue;
        const key = canonical(withoutNames(match.value));
        const earlier = seen.get(key);
        if (earlier) repeats.push({ match, earlier });
        else seen.set(key, { rule, match });
      }
      if (repeats.length && repeats.length === rule.matches.length) {
        const earlierRules = [...new Set(repeats.map((r) => describeRule(r.earlier.rule)))].join(', ');
        const message =
          `Rule ${where} is never used: each of its matches repeats a match of ${earlierRules}, which wins because it comes first. ` +
          `Remove the rule or change its matches.`;
        const related = repeats.map((r) => ({ uri: resource.uri, range: r.earlier.match.range, message: `same match in ${describeRule(r.earlier.rule)}` }));
        findings.push(finding('IST0130', resource, rule.anchor, message, related, { rule: where }));
      } else {
        for (const { match, earlier } of repeats) {
          const inRule = earlier.rule === rule ? 'this rule' : `rule ${describeRule(earlier.rule)}`;
          const message =
            `Match ${match.index} of ${where} is never used: it repeats match ${earlier.match.index} of ${inRule}, which is tried first. ` +
            `Remove it or change its conditions.`;
          const related = [{ uri: resource.uri, range: earlier.match.range, message: `same match in ${describeRule(earlier.rule)}` }];
          findings.push(finding('IST0131', resource, match.range, message, related, { rule: where, match: match.index }));
        }
      }
      for (const match of rule.matches) {
        const condition = match.value && catchAllCondition(match.value);
        if (condition === undefined) continue;
        catchAll = { rule, why: `matches every request (match ${match.index}: ${condition})` };
        break;
      }
    }
    return findings;
  },
};

/** Keys that name a match without restricting it. */
const namingKeys = new Set(['name', 'statPrefix']);

function withoutNames(match: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(match).filter(([k]) => !namingKeys.has(k)));
}

/** When a match accepts any request (no conditions, or a URI condition every path meets): that condition, for messages. */
function catchAllCondition(match: Record<string, unknown>): string | undefined {
  let condition = 'no conditions';
  for (const [key, value] of Object.entries(withoutNames(match))) {
    if (key === 'ignoreUriCase') continue;
    if (key !== 'uri') return undefined;
    const uri = value && typeof value === 'object' ? Object.entries(value as Record<string, unknown>) : [];
    if (uri.length !== 1) return undefined;
    const [kind, pattern] = uri[0];
    if (!((kind === 'prefix' && pattern === '/') || (kind === 'regex' && (pattern === '.*' || pattern === '/.*')))) return undefined;
    condition = `uri ${kind} "${String(pattern)}"`;
  }
  return condition;
}

/** JSON with object keys sorted, so equal matches written in different key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
