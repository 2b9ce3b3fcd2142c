import type { Node } from 'yaml';
import { asMap, asSeq, getValue, locatedString, stringItems, type LocatedString } from '../parse/yaml-nodes';
import { isIstioGroup, type Resource } from './resource';
import { SharedView } from './shared-view';

/** Typed, located views of the fields the cross-resource checks read. Partial input yields partial views. */

export interface RouteDestination {
  host: LocatedString;
  subset?: LocatedString;
}

export interface VirtualServiceView {
  hosts: LocatedString[];
  /** `spec.gateways`; empty means the mesh only. */
  gateways: LocatedString[];
  /** `spec.http[].match[].gateways`: must name existing Gateways too. */
  matchGateways: LocatedString[];
  destinations: RouteDestination[];
}

export interface GatewayServerView {
  hosts: LocatedString[];
}

export interface GatewayView {
  servers: GatewayServerView[];
}

export interface SubsetView {
  name: LocatedString;
}

export interface DestinationRuleView {
  host?: LocatedString;
  subsets: SubsetView[];
  exportTo: string[];
}

function items(node: Node | null | undefined): unknown[] {
  return asSeq(node)?.items ?? [];
}

function spec(resource: Resource) {
  return asMap(getValue(resource.root, 'spec'));
}

function readDestination(node: unknown): RouteDestination | undefined {
  const map = asMap(node);
  const host = locatedString(getValue(map, 'host'));
  if (!host) return undefined;
  const subset = locatedString(getValue(map, 'subset'));
  return subset ? { host, subset } : { host };
}

const virtualServices = new SharedView('virtualService', (r) => r.kind === 'VirtualService' && isIstioGroup(r.group), readVirtualService);
const gateways = new SharedView('gateway', (r) => r.kind === 'Gateway' && isIstioGroup(r.group), readGateway);
const destinationRules = new SharedView('destinationRule', (r) => r.kind === 'DestinationRule' && isIstioGroup(r.group), readDestinationRule);

export function virtualServiceView(resource: Resource): VirtualServiceView {
  return virtualServices.of(resource);
}

export function gatewayView(resource: Resource): GatewayView {
  return gateways.of(resource);
}

export function destinationRuleView(resource: Resource): DestinationRuleView {
  return destinationRules.of(resource);
}

function readVirtualService(resource: Resource): VirtualServiceView {
  const s = spec(resource);
  const destinations: RouteDestination[] = [];
  const matchGateways: LocatedString[] = [];
  const push = (d: RouteDestination | undefined) => d && destinations.push(d);
  for (const protocol of ['http', 'tcp', 'tls']) {
    for (const rule of items(getValue(s, protocol))) {
      const ruleMap = asMap(rule);
      for (const route of items(getValue(ruleMap, 'route'))) push(readDestination(getValue(asMap(route), 'destination')));
      if (protocol !== 'http') continue;
      push(readDestination(getValue(ruleMap, 'mirror')));
      for (const mirror of items(getValue(ruleMap, 'mirrors'))) push(readDestination(getValue(asMap(mirror), 'destination')));
      for (const match of items(getValue(ruleMap, 'match'))) for (const g of stringItems(getValue(asMap(match), 'gateways'))) matchGateways.push(g);
    }
  }
  return {
    hosts: stringItems(getValue(s, 'hosts')),
    gateways: stringItems(getValue(s, 'gateways')),
    matchGateways,
    destinations,
  };
}

function readGateway(resource: Resource): GatewayView {
  return { servers: items(getValue(spec(resource), 'servers')).map((server) => ({ hosts: stringItems(getValue(asMap(server), 'hosts')) })) };
}

function readDestinationRule(resource: Resource): DestinationRuleView {
  const s = spec(resource);
  const subsets: SubsetView[] = [];
  for (const subset of items(getValue(s, 'subsets'))) {
    const name = locatedString(getValue(asMap(subset), 'name'));
    if (name) subsets.push({ name });
  }
  return {
    host: locatedString(getValue(s, 'host')),
    subsets,
    exportTo: stringItems(getValue(s, 'exportTo')).map((e) => e.value),
  };
}

/** Every Gateway a VirtualService names: `spec.gateways` and http `match[].gateways`. */
export function gatewayEntries(virtualService: Resource): LocatedString[] {
  const view = virtualServiceView(virtualService);
  return [...view.gateways, ...view.matchGateways];
}
