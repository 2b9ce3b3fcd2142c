import type { OffsetRange } from '../finding';
import { resolveServiceHost } from '../hosts';
import type { LocatedString } from '../parse/yaml-nodes';
import { networkingGroup, type IndexLookups } from '../workspace/resource-index';
import type { Workspace } from '../workspace/workspace';
import { isExportedTo } from './export-to';
import { gatewaysNamed, parseGatewayRef } from './gateway-ref';
import {
  backendRefsNaming,
  gatewayApiSiteAt,
  listenerSetsNaming,
  parentRefsNaming,
  type GatewayApiSite,
  type NameReference,
  type ObjectKey,
} from './gateway-api/navigation';
import { gatewayApiGroup } from './gateway-api/views';
import { destinationRuleView, gatewayEntries, virtualServiceView, type RouteDestination, type SubsetView } from './istio-views';
import type { Resource } from './resource';
import { waypointLabelsNaming } from './waypoint-labels';

/**
 * Which node refers to what, resolved exactly as the analyzers resolve it: the model behind
 * go-to-definition, find-references, rename and code lenses.
 */

export type UsedSubset = RouteDestination & { subset: LocatedString };

/** What sits under a cursor, as far as navigation is concerned. */
export type Site =
  /** A VirtualService `gateways` (or http match `gateways`) entry naming a Gateway. */
  | { kind: 'gateway-ref'; resource: Resource; entry: LocatedString; target: GatewayKey }
  /** `mesh` in `gateways`: a reserved word, not a reference. */
  | { kind: 'mesh'; resource: Resource; entry: LocatedString }
  /** A Gateway's `metadata.name`. */
  | { kind: 'gateway-name'; resource: Resource; range: OffsetRange }
  /** A route destination's `host`. */
  | { kind: 'destination-host'; resource: Resource; destination: RouteDestination }
  /** A route destination's `subset`. */
  | { kind: 'subset-use'; resource: Resource; destination: UsedSubset }
  /** A DestinationRule subset's `name`. */
  | { kind: 'subset-name'; resource: Resource; subset: SubsetView }
  /** Gateway API parents, listeners, backends, ReferenceGrants and use-waypoint labels. */
  | GatewayApiSite;

export interface GatewayKey {
  namespace: string;
  name: string;
}

export interface GatewayReference {
  /** The VirtualService. */
  resource: Resource;
  entry: LocatedString;
}

export interface SubsetDeclaration {
  /** The DestinationRule. */
  rule: Resource;
  subset: SubsetView;
}

export interface SubsetUse {
  /** The VirtualService. */
  resource: Resource;
  destination: UsedSubset;
}

export function isNetworking(resource: Resource, kind: string): boolean {
  return resource.group === networkingGroup && resource.kind === kind;
}

const within = (range: OffsetRange, offset: number) => range.start <= offset && offset <= range.end;

/** The resource of a file whose document holds `offset`. */
export function resourceAt(workspace: Workspace, uri: string, offset: number): Resource | undefined {
  return workspace.file(uri)?.resources.find((r) => r.range.start <= offset && offset <= r.range.end);
}

/** The navigable node at `offset` of a file (ends inclusive, so a cursor right after a word still counts). */
export function siteAt(workspace: Workspace, uri: string, offset: number): Site | undefined {
  const resource = resourceAt(workspace, uri, offset);
  if (!resource) return undefined;
  if (isNetworking(resource, 'VirtualService')) {
    const view = virtualServiceView(resource);
    for (const entry of gatewayEntries(resource)) {
      if (!within(entry.range, offset)) continue;
      const ref = parseGatewayRef(entry.value, resource.namespace);
      return ref.mesh ? { kind: 'mesh', resource, entry } : { kind: 'gateway-ref', resource, entry, target: { namespace: ref.namespace, name: ref.name } };
    }
    for (const destination of view.destinations) {
      if (within(destination.host.range, offset)) return { kind: 'destination-host', resource, destination };
      const subset = destination.subset;
      if (subset && within(subset.range, offset)) return { kind: 'subset-use', resource, destination: { ...destination, subset } };
    }
  } else if (isNetworking(resource, 'Gateway')) {
    if (resource.name && within(resource.anchor, offset)) return { kind: 'gateway-name', resource, range: resource.anchor };
  } else if (isNetworking(resource, 'DestinationRule')) {
    const subset = destinationRuleView(resource).subsets.find((s) => within(s.name.range, offset));
    if (subset) return { kind: 'subset-name', resource, subset };
  } else {
    return gatewayApiSiteAt(resource, offset);
  }
  return undefined;
}


/** Gateways named ns/name, Istio's else Gateway API ones, as the analyzers bind them (several means a duplicate). */
export function gatewayDeclarations(index: IndexLookups, key: GatewayKey): readonly Resource[] {
  return gatewaysNamed(index, key.namespace, key.name);
}

/** Every VirtualService entry, in any namespace, that resolves to the Gateway ns/name. */
export function gatewayReferences(index: IndexLookups, key: GatewayKey): GatewayReference[] {
  const out: GatewayReference[] = [];
  for (const resource of index.virtualServicesBoundTo(key.namespace, key.name)) {
    for (const entry of gatewayEntries(resource)) {
      const ref = parseGatewayRef(entry.value, resource.namespace);
      if (!ref.mesh && ref.namespace === key.namespace && ref.name === key.name) out.push({ resource, entry });
    }
  }
  return out.sort(byLocation);
}

/**
 * Every node in the workspace naming the object `key`, sorted by place: route parentRefs; for a Gateway API Gateway also
 * ListenerSet parentRefs, the VirtualService `gateways` entries that bind to it (no Istio Gateway of that name) and
 * `istio.io/use-waypoint` labels; for a Service also the backendRefs that resolve to it.
 */
export function objectReferences(index: IndexLookups, key: ObjectKey): NameReference[] {
  const out = parentRefsNaming(index, key);
  if (key.group === gatewayApiGroup && key.kind === 'Gateway') {
    out.push(...listenerSetsNaming(index, key));
    const bound = gatewaysNamed(index, key.namespace, key.name);
    if (bound.length && bound.every((g) => g.group === gatewayApiGroup)) {
      out.push(...gatewayReferences(index, key).map(({ resource, entry }) => ({ resource, entry, qualified: true })));
    }
    out.push(...waypointLabelsNaming(index, key.namespace, key.name));
  }
  if (key.group === '' && key.kind === 'Service') out.push(...backendRefsNaming(index, key));
  return out.sort(byLocation);
}

/** The DestinationRules for a host as seen from a VirtualService (or any resource of its namespace): matching host and exported to its namespace. */
export function visibleDestinationRules(index: IndexLookups, virtualService: Pick<Resource, 'namespace'>, host: string): Resource[] {
  const fqdn = resolveServiceHost(host, virtualService.namespace);
  return index
    .forHost(networkingGroup, 'DestinationRule', fqdn)
    .filter((rule) => isExportedTo(destinationRuleView(rule).exportTo, rule.namespace, virtualService.namespace));
}

/** The subset definitions a route destination's `subset` refers to. */
export function subsetDeclarations(index: IndexLookups, virtualService: Resource, destination: UsedSubset): SubsetDeclaration[] {
  return visibleDestinationRules(index, virtualService, destination.host.value).flatMap((rule) =>
    destinationRuleView(rule)
      .subsets.filter((s) => s.name.value === destination.subset.value)
      .map((subset) => ({ rule, subset })),
  );
}

/** Every route destination, in any namespace, whose subset resolves to subset `name` of `rule`. */
export function subsetUses(index: IndexLookups, rule: Resource, name: string): SubsetUse[] {
  return usesWhere(index, name, (vs, destination) => visibleDestinationRules(index, vs, destination.host.value).includes(rule));
}

/** Route destinations naming subset `name` of a host no DestinationRule defines it for (by resolved host). */
export function undefinedSubsetUses(index: IndexLookups, virtualService: Resource, destination: UsedSubset): SubsetUse[] {
  const fqdn = resolveServiceHost(destination.host.value, virtualService.namespace);
  return usesWhere(index, destination.subset.value, (vs, d) => resolveServiceHost(d.host.value, vs.namespace) === fqdn);
}

function usesWhere(index: IndexLookups, name: string, accept: (vs: Resource, destination: UsedSubset) => boolean): SubsetUse[] {
  const out: SubsetUse[] = [];
  for (const resource of index.ofKind(networkingGroup, 'VirtualService')) {
    for (const destination of virtualServiceView(resource).destinations) {
      const subset = destination.subset;
      if (!subset || subset.value !== name) continue;
      const used = { ...destination, subset };
      if (accept(resource, used)) out.push({ resource, destination: used });
    }
  }
  return out.sort((a, b) => byLocation({ resource: a.resource, entry: a.destination.subset }, { resource: b.resource, entry: b.destination.subset }));
}

/** The symbol a subset site stands for: its definitions and every use, across files. */
export function subsetSymbol(index: IndexLookups, site: Extract<Site, { kind: 'subset-use' | 'subset-name' }>): { name: string; declarations: SubsetDeclaration[]; uses: SubsetUse[] } {
  if (site.kind === 'subset-name') {
    const name = site.subset.name.value;
    const declarations = destinationRuleView(site.resource).subsets.filter((s) => s.name.value === name).map((subset) => ({ rule: site.resource, subset }));
    return { name, declarations, uses: subsetUses(index, site.resource, name) };
  }
  const name = site.destination.subset.value;
  const declarations = subsetDeclarations(index, site.resource, site.destination);
  if (!declarations.length) return { name, declarations, uses: undefinedSubsetUses(index, site.resource, site.destination) };
  const seen = new Set<LocatedString>();
  const uses: SubsetUse[] = [];
  for (const rule of new Set(declarations.map((d) => d.rule))) {
    for (const use of subsetUses(index, rule, name)) {
      if (seen.has(use.destination.subset)) continue;
      seen.add(use.destination.subset);
      uses.push(use);
    }
  }
  return { name, declarations, uses };
}

function byLocation(a: GatewayReference, b: GatewayReference): number {
  return a.resource.uri < b.resource.uri ? -1 : a.resource.uri > b.resource.uri ? 1 : a.entry.range.start - b.entry.range.start;
}
