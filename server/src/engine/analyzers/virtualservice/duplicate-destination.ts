import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { describeRule, virtualServiceRules, type RouteEntry } from '../../model/virtualservice-routes';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/** IY0104: the same host, subset and port twice in one route: both entries send traffic to the same endpoints. */
export const virtualServiceDuplicateDestination: Analyzer = {
  id: 'virtualservice-duplicate-destination',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource) {
    const findings: Finding[] = [];
    for (const rule of virtualServiceRules(resource)) {
      const seen = new Map<string, { entry: RouteEntry; index: number }>();
      rule.routes.forEach((entry, index) => {
        if (!entry.host) return;
        const key = `${resolveServiceHost(entry.host.value, resource.namespace)}|${entry.subset?.value ?? ''}|${entry.port?.number ?? ''}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { entry, index });
          return;
        }
        const what = `host ${entry.host.value}${entry.subset ? ` subset ${entry.subset.value}` : ''}${entry.port ? ` port ${entry.port.number}` : ''}`;
        const message =
          `Destination ${what} is listed twice in the route of ${describeRule(rule)} (entries ${first.index} and ${index}): both send traffic to the same endpoints. ` +
          `Merge them into one entry (adding their weights), or point one at the subset you meant.`;
        const related = [{ uri: resource.uri, range: first.entry.anchor, message: `first destination ${what}` }];
        findings.push(finding('IY0104', resource, entry.anchor, message, related, { host: entry.host.value, subset: entry.subset?.value ?? '' }));
      });
    }
    return findings;
  },
};
