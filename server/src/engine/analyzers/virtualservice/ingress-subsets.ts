import type { Finding } from '../../finding';
import { resolveServiceHost } from '../../hosts';
import { virtualServiceView } from '../../model/istio-views';
import { gatewayValues } from '../../model/mesh-binding';
import type { Resource } from '../../model/resource';
import { routeDestinations, type DestinationRef } from '../../model/route-destinations';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0140, as istioctl decides it: a VirtualService with `gateways` (any, `mesh` included) has an http route
 * without subset to a host that some VirtualService (itself included) lists in its `hosts` and routes by
 * subset in its http routes. One finding per such pair of routes, as istioctl reports them: requests routed here
 * bypass that subset routing. Unlike istioctl, which compares host names as written in any namespace, names are
 * compared as the services they resolve to (`reviews` in two namespaces are two services; `reviews` and its FQDN
 * are one): a deliberate difference, which also lets the index answer instead of a scan of every VirtualService.
 */
export const virtualServiceIngressSubsets: Analyzer = {
  id: 'virtualservice-ingress-subsets',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource, { index }) {
    const gateways = gatewayValues(resource);
    if (!gateways?.length) return [];
    const findings: Finding[] = [];
    for (const route of routeDestinations(resource)) {
      if (route.role !== 'route' || route.protocol !== 'http' || route.subset || !route.host || hasPlaceholder(route.host.value)) continue;
      const host = route.host.value;
      for (const { splitter, subset } of subsetRoutesTo(index, host, resource.namespace)) {
        const who = splitter === resource ? 'this VirtualService' : `VirtualService ${splitter.namespace}/${splitter.name}`;
        const message =
          `This route sends ${host} traffic without a subset, while ${who} routes host ${host} to subset "${subset.value}": ` +
          `requests this VirtualService routes for its gateways (${gateways.join(', ')}) are not affected by that subset routing. ` +
          `Route to the subsets here too, or bind that VirtualService to the same gateways.`;
        const related = splitter === resource ? [] : [relatedTo(splitter, `VirtualService ${splitter.namespace}/${splitter.name}`)];
        findings.push(finding('IST0140', resource, route.host.range, message, related, { host, subset: subset.value }));
      }
    }
    return findings;
  },
};

/**
 * The http route destinations with a subset towards `host` (resolved in `namespace`) in VirtualServices that list
 * that service among their hosts; repeated once per matching host entry, as istioctl collects them.
 */
function subsetRoutesTo(index: IndexLookups, host: string, namespace: string): Array<{ splitter: Resource; subset: NonNullable<DestinationRef['subset']> }> {
  const fqdn = resolveServiceHost(host, namespace);
  const out: Array<{ splitter: Resource; subset: NonNullable<DestinationRef['subset']> }> = [];
  for (const splitter of index.forHost(networkingGroup, 'VirtualService', fqdn)) {
    const listed = virtualServiceView(splitter).hosts.filter((h) => resolveServiceHost(h.value, splitter.namespace) === fqdn).length;
    if (!listed) continue;
    for (const d of routeDestinations(splitter)) {
      if (d.role !== 'route' || d.protocol !== 'http' || !d.subset || !d.host || resolveServiceHost(d.host.value, splitter.namespace) !== fqdn) continue;
      for (let i = 0; i < listed; i++) out.push({ splitter, subset: d.subset });
    }
  }
  return out;
}
