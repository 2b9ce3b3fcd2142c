import type { CompletionItem } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { parseGatewayHost } from '../engine/hosts';
import { parseGatewayRef } from '../engine/model/gateway-ref';
import { gatewayApiGroup, listenerOwnerView } from '../engine/model/gateway-api/views';
import { gatewayView } from '../engine/model/istio-views';
import { isIstioGroup, splitApiVersion, type Resource } from '../engine/model/resource';
import { networkingGroup, type IndexLookups } from '../engine/workspace/resource-index';
import { closeness, sourceDetail, type SourceSite } from './completion-sources';
import { siblingValues } from './cursor-context';
import { hostItems, portItems, subsetItems } from './destination-completion';
import { reference, type ValueSite } from './gateway-api-completion';
import { labelItems, labelMapAt } from './label-completion';
import { documentNamespace, enclosingKey, metadataField, specList, specScalar } from './spec-text';

/** A value site, with the file it is in (so items from the same file sort first and commands can name it). */
export type IstioSite = ValueSite & { uri?: string };

/**
 * Values of an Istio resource's references, from the workspace: a VirtualService's `gateways` entries (its own
 * namespace's Gateways by name, others as `ns/name`, and `mesh`) and, when it binds Gateways, its `hosts` entries
 * (the hosts those Gateways serve to its namespace); a destination's `host` (Services, short in the same namespace,
 * else their FQDN; ServiceEntry and VirtualService hosts), `port.number` (the ports of that host's Service or
 * ServiceEntry) and `subset` (the subsets the DestinationRules of that host define, or items that create one);
 * a DestinationRule's `host` and port numbers; label values in pod-label maps. Each item says which resource and
 * file it comes from; the same file sorts first, then the same namespace.
 */
export function istioValueItems(engine: Engine, site: IstioSite): CompletionItem[] {
  const { context, apiVersion, kind } = site;
  if (!apiVersion || !kind || !isIstioGroup(splitApiVersion(apiVersion).group)) return [];
  const path = context.path;
  const field = path[path.length - 1];
  const namespace = documentNamespace(site.docLines, engine.workspace.namespaceDefault);
  const index = engine.workspace.index;
  const at: SourceSite = { namespace, uri: site.uri, range: site.range };
  const joined = path.join('.');
  if (kind === 'VirtualService') {
    if (joined === 'spec.gateways.[]' || joined === 'spec.http.[].match.[].gateways.[]') return gatewayItems(index, at);
    if (joined === 'spec.hosts.[]') return gatewayHostItems(index, specList(site.docLines, 'gateways'), specList(site.docLines, 'hosts'), at);
    if (context.position !== 'value') return [];
    const parent = path[path.length - 2];
    const inDestination = parent === 'destination' || parent === 'mirror';
    // Not the hosts of the VirtualService being written: a route to itself is not a destination.
    if (inDestination && field === 'host') return hostItems(index, { ...at, self: metadataField(site.docLines, 'name') });
    if (inDestination && field === 'subset') {
      const host = siblingValues(site.docLines, site.lineInDoc, context.keyColumn).host;
      return host ? subsetItems(index, { ...at, host, line: site.line, partial: context.partial }) : [];
    }
    if (field === 'number' && parent === 'port' && (path[path.length - 3] === 'destination' || path[path.length - 3] === 'mirror')) {
      const port = enclosingKey(site.docLines, site.lineInDoc, context.keyColumn);
      const host = port?.key === 'port' ? siblingValues(site.docLines, port.line, port.column).host : undefined;
      return host ? portItems(index, host, at) : [];
    }
  }
  if (kind === 'DestinationRule' && context.position === 'value') {
    if (joined === 'spec.host') return hostItems(index, at);
    if (joined === 'spec.trafficPolicy.portLevelSettings.[].port.number' || joined === 'spec.subsets.[].trafficPolicy.portLevelSettings.[].port.number') {
      const host = specScalar(site.docLines, 'host');
      return host ? portItems(index, host, at) : [];
    }
  }
  if (context.position === 'value') {
    const map = labelMapAt(kind, path.slice(0, -1), specScalar(site.docLines, 'host'));
    if (map) return labelItems(index, map, at, new Set(), String(field));
  }
  return [];
}

/**
 * Typing a key in a pod-label map (a Gateway selector, subset labels, a workload selector): `key: value` pairs of
 * the workloads' labels, keys already in the map left out. Empty elsewhere.
 */
export function istioLabelKeyItems(engine: Engine, site: IstioSite): CompletionItem[] {
  const { context, apiVersion, kind } = site;
  if (context.position !== 'key' || !apiVersion || !kind || !isIstioGroup(splitApiVersion(apiVersion).group)) return [];
  const map = labelMapAt(kind, context.path, specScalar(site.docLines, 'host'));
  if (!map) return [];
  const namespace = documentNamespace(site.docLines, engine.workspace.namespaceDefault);
  return labelItems(engine.workspace.index, map, { namespace, uri: site.uri, range: site.range }, context.siblings);
}

function gatewayItems(index: IndexLookups, site: SourceSite): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (gateway: Resource, hosts: string[]) => {
    const label = gateway.namespace === site.namespace ? gateway.name : `${gateway.namespace}/${gateway.name}`;
    if (!gateway.name || seen.has(label)) return;
    seen.add(label);
    const doc = hosts.length ? `Hosts: ${hosts.map((h) => `\`${h}\``).join(', ')}` : '';
    items.push(reference(label, sourceDetail(gateway), doc, closeness(gateway, site.uri, site.namespace), site.range));
  };
  for (const gateway of index.ofKind(networkingGroup, 'Gateway')) add(gateway, gatewayView(gateway).servers.flatMap((s) => s.hosts.map((h) => h.value)));
  for (const gateway of index.ofKind(gatewayApiGroup, 'Gateway')) add(gateway, listenerOwnerView(gateway).listeners.map((l) => l.hostname?.value ?? '*'));
  items.push(reference('mesh', 'the sidecars (and waypoints) of the mesh', '', 3, site.range));
  return items;
}

/**
 * The hosts the Istio Gateways a VirtualService binds serve to its namespace (`ns/` prefixes of server hosts
 * applied and taken off; a bare `*` left out, wildcard suffixes offered as written), those already listed left out.
 */
function gatewayHostItems(index: IndexLookups, gateways: readonly string[], listed: readonly string[], site: SourceSite): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set(listed.map((h) => h.toLowerCase()));
  for (const entry of gateways) {
    const ref = parseGatewayRef(entry, site.namespace);
    if (ref.mesh) continue;
    for (const gateway of index.find(networkingGroup, 'Gateway', ref.namespace, ref.name)) {
      for (const server of gatewayView(gateway).servers) {
        for (const raw of server.hosts) {
          const host = parseGatewayHost(raw.value, gateway.namespace);
          if ((host.namespace !== '*' && host.namespace !== site.namespace) || host.dnsName === '*' || seen.has(host.dnsName)) continue;
          seen.add(host.dnsName);
          items.push(reference(host.dnsName, sourceDetail(gateway), `Served by Gateway ${gateway.namespace}/${gateway.name} as \`${raw.value}\``, closeness(gateway, site.uri, site.namespace), site.range));
        }
      }
    }
  }
  return items;
}
