import type { Finding, RelatedLocation } from '../../finding';
import type { Resource } from '../../model/resource';
import { matchIdentity } from '../../model/routing/route-match-identity';
import { covers, prefixShape, reallyCovers, type PrefixShape } from '../../model/routing/route-match-overlap';
import { describeRule, virtualServiceRules, type MatchEntry, type RouteProtocol, type RouteRule } from '../../model/virtualservice-routes';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0130/IST0131, as istioctl's route validation finds them, separately for http, tcp and tls rules
 * (the first matching rule wins):
 * - a rule after a rule without match is unreachable, and so is a second rule without match;
 * - a match equal to an earlier one (in this rule or an earlier rule) is ineffective, and a rule all of
 *   whose matches are such repeats is unreachable too;
 * - for http, a URI-prefix match covered by an earlier prefix match is ineffective (only where the earlier
 *   match really takes every request the later one would: see `reallyCovers`).
 * istioctl drops repeated identical messages, so each (rule, reason) or (rule, match, cause) speaks once.
 */
export const virtualServiceUnreachableRules: Analyzer = {
  id: 'virtualservice-unreachable-rules',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource) {
    const report = new Reporter(resource);
    const rules = virtualServiceRules(resource);
    for (const protocol of ['http', 'tcp', 'tls'] as const) analyzeProtocol(report, protocol, rules.filter((r) => r.protocol === protocol));
    return report.findings;
  },
};

interface Seen {
  rule: RouteRule;
  match: MatchEntry;
}

interface PrefixMatch extends Seen {
  shape: PrefixShape;
}

function analyzeProtocol(report: Reporter, protocol: RouteProtocol, rules: RouteRule[]): void {
  const seen = new Map<string, Seen>();
  const prefixMatches: PrefixMatch[] = [];
  let catchAll: RouteRule | undefined;
  for (const rule of rules) {
    // A `match` we cannot read is neither "no match" nor a list of matches: the rule is not judged.
    if (rule.matchUnreadable) continue;
    if (!rule.matches.length) {
      if (catchAll) report.secondCatchAll(rule, catchAll);
      catchAll ??= rule;
      continue;
    }
    if (catchAll) {
      report.afterCatchAll(rule, catchAll);
      continue;
    }
    let repeats = 0;
    const earlierRules: RouteRule[] = [];
    for (const match of rule.matches) {
      const identity = match.value && matchIdentity(protocol, match.value);
      if (!identity || !match.value) continue;
      const earlier = seen.get(identity);
      if (earlier) {
        report.repeatedMatch(rule, match, earlier);
        repeats++;
        earlierRules.push(earlier.rule);
        continue;
      }
      seen.set(identity, { rule, match });
      const shape = protocol === 'http' ? prefixShape(match.value) : undefined;
      if (shape) prefixMatches.push({ rule, match, shape });
    }
    if (repeats === rule.matches.length) report.allMatchesRepeated(rule, earlierRules);
  }
  prefixMatches.forEach((earlier, i) => {
    for (const later of prefixMatches.slice(i + 1)) {
      // Equal prefixes are left to the repeat test above, as istioctl does.
      if (later.shape.prefix === earlier.shape.prefix || !covers(earlier.shape, later.shape)) continue;
      // Where istioctl's looser test would call a match unused that still takes requests, we stay silent.
      if (earlier.match.value && later.match.value && reallyCovers(earlier.match.value, later.match.value)) report.coveredMatch(later, earlier);
    }
  });
}

/** Builds the findings, once per distinct istioctl message. */
class Reporter {
  readonly findings: Finding[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly resource: Resource) {}

  secondCatchAll(rule: RouteRule, first: RouteRule): void {
    const message =
      `Rule ${describeRule(rule)} is never used: the earlier rule ${describeRule(first)} has no match either, so it takes every request first. ` +
      `Only the last rule may be without match: remove one of them or give it a match.`;
    this.unreachable(rule, 'only the last rule can have no matches', message, [this.at(first.anchor, `rule without match ${describeRule(first)}`)]);
  }

  afterCatchAll(rule: RouteRule, catchAll: RouteRule): void {
    const message =
      `Rule ${describeRule(rule)} is never used: the earlier rule ${describeRule(catchAll)} has no match, so it takes every request first. ` +
      `Move the rule without match last.`;
    this.unreachable(rule, 'route without matches defined before', message, [this.at(catchAll.anchor, `rule without match ${describeRule(catchAll)}`)]);
  }

  allMatchesRepeated(rule: RouteRule, earlierRules: RouteRule[]): void {
    const distinct = [...new Set(earlierRules)];
    const earlier = distinct.map(describeRule).join(', ');
    const related = distinct.filter((r) => r !== rule).map((r) => this.at(r.anchor, `earlier rule ${describeRule(r)}`));
    const message =
      `Rule ${describeRule(rule)} is never used: each of its matches repeats an earlier match (in ${earlier}), which wins because it comes first. ` +
      `Remove the rule or change its matches.`;
    this.unreachable(rule, 'all matches used by prior rules', message, related);
  }

  repeatedMatch(rule: RouteRule, match: MatchEntry, earlier: Seen): void {
    const where = earlier.rule === rule ? 'this rule' : describeRule(earlier.rule);
    const message =
      `Match ${matchLabel(rule, match)} of ${describeRule(rule)} is never used: it is the same as match ${matchLabel(earlier.rule, earlier.match)} of ${where}, which is tried first. ` +
      `Remove it or change its conditions.`;
    const params = [istioRuleName(rule), istioMatchName(rule, match), istioRuleName(earlier.rule)];
    const related = [this.at(earlier.match.range, `same match in ${describeRule(earlier.rule)}`)];
    this.ineffective(rule, match, params, message, related);
  }

  coveredMatch(later: PrefixMatch, earlier: PrefixMatch): void {
    const where = earlier.rule === later.rule ? 'this rule' : describeRule(earlier.rule);
    const message =
      `Match ${matchLabel(later.rule, later.match)} of ${describeRule(later.rule)} is never used: match ${matchLabel(earlier.rule, earlier.match)} of ${where} is tried first and covers it ` +
      `(URI prefix "${later.shape.prefix}" starts with "${earlier.shape.prefix}", on the same port, and its other conditions accept every request this one does). ` +
      `Put the longer prefix first, or remove this match.`;
    const params = [
      istioRuleName(later.rule),
      `${istioMatchName(later.rule, later.match)} of prefix ${later.shape.prefix}`,
      `${istioMatchName(earlier.rule, earlier.match)} of prefix ${earlier.shape.prefix} on ${istioRuleName(earlier.rule)}`,
    ];
    const related = [this.at(earlier.match.range, `covering match in ${describeRule(earlier.rule)}`)];
    this.ineffective(later.rule, later.match, params, message, related);
  }

  private unreachable(rule: RouteRule, reason: string, message: string, related: RelatedLocation[]): void {
    const ruleName = istioRuleName(rule);
    if (!this.once(['IST0130', rule.protocol, ruleName, reason])) return;
    this.findings.push(finding('IST0130', this.resource, rule.anchor, message, related, { rule: ruleName, reason }));
  }

  private ineffective(rule: RouteRule, match: MatchEntry, params: string[], message: string, related: RelatedLocation[]): void {
    if (!this.once(['IST0131', rule.protocol, ...params])) return;
    this.findings.push(finding('IST0131', this.resource, match.range, message, related, { rule: params[0], match: params[1], duplicateOf: params[2] }));
  }

  private once(key: string[]): boolean {
    const text = JSON.stringify(key);
    if (this.keys.has(text)) return false;
    this.keys.add(text);
    return true;
  }

  private at(range: RelatedLocation['range'], message: string): RelatedLocation {
    return { uri: this.resource.uri, range, message };
  }
}

/** A match for our messages: its index, and its name when it has one. */
function matchLabel(rule: RouteRule, match: MatchEntry): string {
  const name = rule.protocol === 'http' ? matchName(match) : undefined;
  return name ? `${match.index} "${name}"` : String(match.index);
}

/** A rule as istioctl names it: `"name"` for a named http rule, else `#index`. */
function istioRuleName(rule: RouteRule): string {
  return rule.protocol === 'http' && rule.name?.value ? JSON.stringify(rule.name.value) : `#${rule.index}`;
}

/** A match as istioctl names it: `"name"` for a named http match, else `#index`. */
function istioMatchName(rule: RouteRule, match: MatchEntry): string {
  const name = rule.protocol === 'http' ? matchName(match) : undefined;
  return name ? JSON.stringify(name) : `#${match.index}`;
}

function matchName(match: MatchEntry): string | undefined {
  const name = match.value?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
