import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { resolveServiceHost } from '../engine/hosts';
import { destinationRuleDetails } from '../engine/model/destinationrule-details';
import { gatewayApiGroup, listenerOwnerView } from '../engine/model/gateway-api/views';
import { gatewayView } from '../engine/model/istio-views';
import { formatLabels } from '../engine/model/kubernetes-views';
import { isIstioGroup, splitApiVersion, type Resource } from '../engine/model/resource';
import { serviceEntryView } from '../engine/model/serviceentry-views';
import { networkingGroup, type IndexLookups } from '../engine/workspace/resource-index';
import { siblingValues } from './cursor-context';
import { documentNamespace } from './document-lines';
import { reference, servicePortsDoc, type ValueSite } from './gateway-api-completion';

type EditRange = TextEdit['range'];

/**
 * Values of an Istio resource's references, from the workspace: a VirtualService's `gateways` entries (its own
 * namespace's Gateways by name, others as `ns/name`, and `mesh`), a destination's `host` (Services, short in the same
 * namespace, else their FQDN; ServiceEntry hosts) and `subset` (the subsets the DestinationRules of that host define),
 * a DestinationRule's `host`. Each item says which resource and file it comes from; the same namespace sorts first.
 */
export function istioValueItems(engine: Engine, site: ValueSite): CompletionItem[] {
  const { context, apiVersion, kind } = site;
  if (!apiVersion || !kind || !isIstioGroup(splitApiVersion(apiVersion).group)) return [];
  const path = context.path;
  const field = path[path.length - 1];
  const namespace = documentNamespace(site.docLines, engine.workspace.namespaceDefault);
  const index = engine.workspace.index;
  if (kind === 'VirtualService') {
    if (isGatewayEntry(path)) return gatewayItems(index, namespace, site.range);
    const inDestination = path[path.length - 2] === 'destination' || path[path.length - 2] === 'mirror';
    if (inDestination && field === 'host' && context.position === 'value') return hostItems(index, namespace, site.range);
    if (inDestination && field === 'subset' && context.position === 'value') {
      const host = siblingValues(site.docLines, site.lineInDoc, context.keyColumn).host;
      return host ? subsetItems(index, resolveServiceHost(host, namespace), site.range) : [];
    }
  }
  if (kind === 'DestinationRule' && path.length === 2 && path[0] === 'spec' && field === 'host' && context.position === 'value') return hostItems(index, namespace, site.range);
  return [];
}

/** `spec.gateways[]` and `spec.http[].match[].gateways[]`: a list item being typed. */
function isGatewayEntry(path: readonly unknown[]): boolean {
  const joined = path.join('.');
  return joined === 'spec.gateways.[]' || joined === 'spec.http.[].match.[].gateways.[]';
}

function fileName(resource: Resource): string {
  return resource.uri.slice(resource.uri.lastIndexOf('/') + 1);
}

function gatewayItems(index: IndexLookups, namespace: string, range: EditRange): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (gateway: Resource, hosts: string[]) => {
    const label = gateway.namespace === namespace ? gateway.name : `${gateway.namespace}/${gateway.name}`;
    if (!gateway.name || seen.has(label)) return;
    seen.add(label);
    const doc = hosts.length ? `Hosts: ${hosts.map((h) => `\`${h}\``).join(', ')}` : '';
    items.push(reference(label, `Gateway ${gateway.namespace}/${gateway.name} · ${fileName(gateway)}`, doc, gateway.namespace === namespace ? 0 : 1, range));
  };
  for (const gateway of index.ofKind(networkingGroup, 'Gateway')) add(gateway, gatewayView(gateway).servers.flatMap((s) => s.hosts.map((h) => h.value)));
  for (const gateway of index.ofKind(gatewayApiGroup, 'Gateway')) add(gateway, listenerOwnerView(gateway).listeners.map((l) => l.hostname?.value ?? '*'));
  items.push(reference('mesh', 'the sidecars (and waypoints) of the mesh', '', 2, range));
  return items;
}

function hostItems(index: IndexLookups, namespace: string, range: EditRange): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const service of index.ofKind('', 'Service')) {
    if (!service.name) continue;
    const local = service.namespace === namespace;
    const label = local ? service.name : `${service.name}.${service.namespace}.svc.cluster.local`;
    if (seen.has(label)) continue;
    seen.add(label);
    items.push(reference(label, `Service ${service.namespace}/${service.name} · ${fileName(service)}`, servicePortsDoc(service), local ? 0 : 1, range));
  }
  for (const entry of index.ofKind(networkingGroup, 'ServiceEntry')) {
    for (const host of serviceEntryView(entry).hosts) {
      if (seen.has(host.value) || host.value.startsWith('*')) continue;
      seen.add(host.value);
      items.push(reference(host.value, `ServiceEntry ${entry.namespace}/${entry.name} · ${fileName(entry)}`, '', entry.namespace === namespace ? 0 : 1, range));
    }
  }
  return items;
}

function subsetItems(index: IndexLookups, fqdn: string, range: EditRange): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const rule of index.forHost(networkingGroup, 'DestinationRule', fqdn)) {
    for (const subset of destinationRuleDetails(rule).subsets) {
      const name = subset.name?.value;
      if (!name || seen.has(name)) continue;
      seen.add(name);
      const labels = subset.labels ? formatLabels(subset.labels) : 'no labels';
      items.push(reference(name, `${labels} · DestinationRule ${rule.namespace}/${rule.name} · ${fileName(rule)}`, '', 0, range));
    }
  }
  return items;
}
