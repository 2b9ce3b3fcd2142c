import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { isExportedTo } from '../../model/export-to';
import { destinationRuleView } from '../../model/istio-views';
import type { Resource } from '../../model/resource';
import { routeDestinations } from '../../model/route-destinations';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0101: a route or mirror destination's `subset` must be defined by a DestinationRule for that host, found
 * as istioctl finds it: host names are compared as service names (`name.ns.svc.cluster.local` is service
 * ns/name; any other host is a name in the resource's own namespace), with no wildcard matching and no exportTo.
 * Unlike istioctl, a subset defined by a rule Istio does apply (a wildcard host, or exported from another namespace)
 * is not reported.
 */
export const virtualServiceDestinationSubset: Analyzer = {
  id: 'virtualservice-destination-subset',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const findings: Finding[] = [];
    for (const destination of routeDestinations(resource)) {
      const { host, subset } = destination;
      if (!host || !subset || hasPlaceholder(subset.value) || hasPlaceholder(host.value)) continue;
      const name = serviceNameOf(host.value, resource.namespace);
      const rules = rulesNamed(index, name);
      if (rules.some((rule) => destinationRuleView(rule).subsets.some((s) => s.name.value === subset.value))) continue;
      // istioctl pairs rules by service name only; a rule Istio applies (wildcard host, another namespace exporting
      // it here) makes the subset real, so saying it is missing would be a false alarm (a deliberate difference).
      if (appliedRules(index, host.value, resource.namespace).some((rule) => destinationRuleView(rule).subsets.some((s) => s.name.value === subset.value))) continue;
      const what = destination.role === 'mirror' ? 'Mirror subset' : 'Subset';
      let message: string;
      let related: Resource[] = rules;
      if (rules.length) {
        const defined = rules.flatMap((rule) => destinationRuleView(rule).subsets.map((s) => s.name.value));
        message =
          `${what} "${subset.value}" is not defined by DestinationRule ${rules.map(nameOf).join(', ')} for host ${host.value} ` +
          `(its subsets: ${defined.length ? defined.join(', ') : 'none'}). Add the subset to the DestinationRule or route to a defined one.`;
      } else {
        // DestinationRules for the same FQDN that istioctl does not pair with this host (another namespace, a wildcard).
        related = index
          .forHost(networkingGroup, 'DestinationRule', resolveServiceHost(host.value, resource.namespace))
          .filter((rule) => destinationRuleView(rule).subsets.some((s) => s.name.value === subset.value));
        message = `${what} "${subset.value}" of host ${host.value} is not defined: no DestinationRule for service ${name.namespace}/${name.name} exists.`;
        if (related.length) {
          message +=
            ` DestinationRule ${related.map(nameOf).join(', ')} defines it, but its host names another service: a rule counts when its host` +
            ` is the same cluster FQDN, or the same name written in namespace ${name.namespace} (wildcards are not matched).`;
        }
        message += ` Create a DestinationRule in namespace ${name.namespace} with host ${host.value} and a subset named ${subset.value}.`;
      }
      const data = { host: host.value, subset: subset.value };
      findings.push(finding('IST0101', resource, subset.range, message, related.map((r) => relatedTo(r, `DestinationRule ${nameOf(r)}`)), data));
    }
    return findings;
  },
};

interface ServiceName {
  namespace: string;
  name: string;
}

const clusterServiceHost = /^(.+)\.(.+)\.svc\.cluster\.local$/;

/** istioctl's `GetResourceNameFromHost`: `name.ns.svc.cluster.local` is ns/name (greedy name); any other host is `namespace`/host. */
function serviceNameOf(host: string, namespace: string): ServiceName {
  const m = clusterServiceHost.exec(host);
  return m ? { namespace: m[2], name: m[1] } : { namespace, name: host };
}

/** The DestinationRules whose host names the same service as `host` does (see `serviceNameOf`). */
function rulesNamed(index: IndexLookups, name: ServiceName): Resource[] {
  // A DestinationRule names ns/name with host `name` in ns, or with host `name.ns.svc.cluster.local` anywhere.
  const candidates = new Set([
    ...index.forHost(networkingGroup, 'DestinationRule', resolveServiceHost(name.name, name.namespace)),
    ...index.forHost(networkingGroup, 'DestinationRule', `${name.name}.${name.namespace}.svc.cluster.local`.toLowerCase()),
  ]);
  return [...candidates].filter((rule) => {
    const ruleHost = destinationRuleView(rule).host?.value;
    if (ruleHost === undefined) return false;
    const other = serviceNameOf(ruleHost, rule.namespace);
    return other.namespace === name.namespace && other.name === name.name;
  });
}

/** The DestinationRules Istio applies to `host` for sidecars of `namespace`: same FQDN or a wildcard covering it, exported there. */
function appliedRules(index: IndexLookups, host: string, namespace: string): Resource[] {
  return index
    .forHost(networkingGroup, 'DestinationRule', resolveServiceHost(host, namespace))
    .filter((rule) => isExportedTo(destinationRuleView(rule).exportTo, rule.namespace, namespace));
}

function nameOf(resource: Resource): string {
  return `${resource.namespace}/${resource.name}`;
}
