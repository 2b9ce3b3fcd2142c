import { destinationRuleView } from '../model/istio-views';
import type { Resource } from '../model/resource';
import { hostCovers, resolveServiceHost } from '../hosts';

export const networkingGroup = 'networking.istio.io';

/** Lookups over every known resource: by kind/namespace/name and DestinationRules by host. */
export class ResourceIndex {
  private readonly byKey = new Map<string, Resource[]>();
  private readonly byKindName = new Map<string, Resource[]>();
  private readonly rulesByHost = new Map<string, Resource[]>();
  private readonly wildcardRules: Array<{ host: string; rule: Resource }> = [];

  constructor(resources: Iterable<Resource>) {
    for (const resource of resources) {
      push(this.byKey, key(resource.group, resource.kind, resource.namespace, resource.name), resource);
      push(this.byKindName, key(resource.group, resource.kind, resource.name), resource);
      if (resource.group === networkingGroup && resource.kind === 'DestinationRule') {
        const host = destinationRuleView(resource).host;
        if (!host) continue;
        const resolved = resolveServiceHost(host.value, resource.namespace);
        if (resolved.startsWith('*')) this.wildcardRules.push({ host: resolved, rule: resource });
        else push(this.rulesByHost, resolved, resource);
      }
    }
  }

  /** Resources of that group/kind/namespace/name (more than one means a duplicate). */
  find(group: string, kind: string, namespace: string, name: string): Resource[] {
    return this.byKey.get(key(group, kind, namespace, name)) ?? [];
  }

  /** Resources of that group/kind and name in any namespace. */
  findInAnyNamespace(group: string, kind: string, name: string): Resource[] {
    return this.byKindName.get(key(group, kind, name)) ?? [];
  }

  /** DestinationRules whose host is exactly `fqdn` or a wildcard that covers it. */
  destinationRulesForHost(fqdn: string): Resource[] {
    const exact = this.rulesByHost.get(fqdn) ?? [];
    const wild = this.wildcardRules.filter((w) => hostCovers(w.host, fqdn)).map((w) => w.rule);
    return wild.length ? [...exact, ...wild] : exact;
  }
}

function key(...parts: string[]): string {
  return parts.join('\u0000');
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
