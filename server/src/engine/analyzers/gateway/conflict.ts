import type { Finding } from '../../finding';
import { anyGatewayWorkload, effectiveSelector, gatewayDetails, listenerKey, selectorKey, selectorSubset, selectorText } from '../../model/gateway-details';
import { shareWorkload } from '../../model/gateway-workloads';
import type { Labels } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import type { LocatedString } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import type { IndexLookups } from '../../workspace/resource-index';
import { byFileOrder, networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0145: two Gateways on the same gateway pods that list the same host (the exact string, with the same `bind`)
 * on the same port: their servers collide on one listener. As istioctl's ConflictingGatewayAnalyzer, Gateways are on
 * the same pods when their selectors are equal, or when one selector is a subset of the other and some workload
 * (or the assumed default ingress gateway) carries both. Reported on each Gateway, once per server that collides.
 */
export const gatewayConflict: Analyzer = {
  id: 'gateway-conflict',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const selector = effectiveSelector(resource);
    if (!selector) return [];
    const samePods = new Map<Resource, boolean>();
    const onSamePods = (other: Resource) => {
      let known = samePods.get(other);
      if (known === undefined) samePods.set(other, (known = sharePods(index, selector, other)));
      return known;
    };
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const server of gatewayDetails(resource).servers) {
      if (server.port === undefined) continue;
      const others = new Set<Resource>();
      let first: LocatedString | undefined;
      for (const host of server.hosts) {
        if (hasPlaceholder(host.value)) continue;
        for (const other of index.gatewaysServing(anyGatewayWorkload, server.port, listenerKey(server.bind, host.value))) {
          if (other === resource || !onSamePods(other)) continue;
          others.add(other);
          first ??= host;
        }
      }
      if (!first) continue;
      const sorted = [...others].sort(byFileOrder);
      const names = sorted.map((o) => `${o.namespace}/${o.name}`);
      const hosts = server.hosts.map((h) => h.value).join(',');
      // istioctl prints one message per server; identical ones (same port, hosts and Gateways) collapse into one.
      const key = `${server.port}|${hosts}|${names.join(',')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const message =
        `Conflict with Gateway ${names.join(', ')}: on the same gateway pods (selector ${selectorText(selector) || '<all pods>'}), ` +
        `both list host ${first.value} on port ${server.port}, so their servers collide on one listener and one of them is dropped. ` +
        `Merge the servers into one Gateway, or make their hosts or ports distinct.`;
      const related = sorted.map((o) => relatedTo(o, `Gateway ${o.namespace}/${o.name} also lists ${first!.value} on port ${server.port}`));
      findings.push(finding('IST0145', resource, first.range, message, related, { gateways: names, port: server.port }));
    }
    return findings;
  },
};

/** Whether the other Gateway's pods are ours: equal selectors, or one a subset of the other with a workload carrying both. */
function sharePods(index: IndexLookups, selector: Labels, other: Resource): boolean {
  const theirs = effectiveSelector(other);
  if (!theirs) return false;
  if (selectorKey(selector) === selectorKey(theirs)) return true;
  if (!selectorSubset(selector, theirs) && !selectorSubset(theirs, selector)) return false;
  return shareWorkload(index, selector, theirs);
}
