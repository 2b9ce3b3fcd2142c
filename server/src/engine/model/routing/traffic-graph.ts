import type { Engine } from '../../engine';
import type { OffsetRange } from '../../finding';
import { gatewayHostAdmits, parseGatewayHost, resolveServiceHost } from '../../hosts';
import { dataHazard } from '../../parse/data-hazards';
import { asMap, asSeq, getValue } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { attachmentOf, parentKey } from '../gateway-api/attachment';
import { gatewayApiGroup, listenerOwnerView, routeView, type BackendRefView, type ListenerView } from '../gateway-api/views';
import { gatewayDetails } from '../gateway-details';
import { gatewaysNamed, parseGatewayRef } from '../gateway-ref';
import { virtualServiceView } from '../istio-views';
import { formatLabels } from '../kubernetes-views';
import { resourceAt } from '../references';
import { describeResource, type Resource } from '../resource';
import { routeDestinations } from '../route-destinations';
import { describeRule, virtualServiceRules } from '../virtualservice-routes';
import { workspaceHasWorkloads } from '../workload-selection';
import { effectiveBackendWeights, effectiveWeights, resolveBackend, resolveIstioDestination, serviceSelector, serviceWorkloads, type ResolvedDestination } from './destinations';
import type { SourceLocation, TrafficEdge, TrafficGraph, TrafficNode, TrafficNodeKind } from './graph-types';
import { summarizeGatewayApiMatch, summarizeIstioMatch } from './match-summary';

export interface GraphOptions {
  /** Centre the picture on the resource at this place: only what is connected to it is kept. */
  focus?: { uri: string; offset: number };
}

/** The Gateway API route kinds the picture draws (UDPRoute carries no routing decisions worth a picture). */
const pictureRouteKinds = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute'] as const;

export const meshNodeId = 'gateway:mesh';

/**
 * The traffic picture of every file the engine holds: Gateway servers and listeners, the routes bound to them (and to
 * the mesh), their rules, destinations, DestinationRule subsets, services and workloads. Each route is walked once and
 * every lookup goes through the index. Destinations are resolved as seen from the route's own namespace.
 */
export function buildTrafficGraph(engine: Engine, options: GraphOptions = {}): TrafficGraph {
  const builder = new GraphBuilder(engine);
  builder.build();
  const graph: TrafficGraph = { nodes: [...builder.nodes.values()], edges: [...builder.edges.values()] };
  return options.focus ? focusOn(engine, graph, options.focus) : graph;
}

/** A broken reference, waiting for the findings of its file to give it codes. */
interface PendingBreak {
  edge: TrafficEdge;
  uri: string;
  range: OffsetRange;
}

class GraphBuilder {
  readonly nodes = new Map<string, TrafficNode>();
  readonly edges = new Map<string, TrafficEdge>();
  private readonly index: IndexLookups;
  private readonly listenerIds = new Map<ListenerView, string>();
  private readonly pending: PendingBreak[] = [];
  private readonly servicesDone = new Set<Resource>();
  private readonly resolved = new Map<string, ResolvedDestination>();
  private hasWorkloads: boolean | undefined;

  constructor(private readonly engine: Engine) {
    this.index = engine.workspace.index;
  }

  build(): void {
    for (const gateway of this.index.ofKind(networkingGroup, 'Gateway')) this.istioGateway(gateway);
    for (const kind of ['Gateway', 'ListenerSet']) for (const owner of this.index.ofKind(gatewayApiGroup, kind)) this.listenerOwner(owner);
    for (const vs of this.index.ofKind(networkingGroup, 'VirtualService')) this.virtualService(vs);
    for (const kind of pictureRouteKinds) for (const route of this.index.ofKind(gatewayApiGroup, kind)) this.gatewayApiRoute(route);
    this.giveCodes();
  }

  // ---- nodes and edges

  private location(resource: Resource, offset: number): SourceLocation {
    const { line, character } = resource.file.lines.positionAt(offset);
    return { uri: resource.uri, line, character };
  }

  private node(id: string, kind: TrafficNodeKind, label: string, details: string[], resource?: Resource, offset?: number): TrafficNode {
    let node = this.nodes.get(id);
    if (node) return node;
    node = { id, kind, label, details };
    if (resource) {
      node.location = this.location(resource, offset ?? resource.anchor.start);
      if (kind !== 'missing') node.resource = describeResource(resource);
    }
    this.nodes.set(id, node);
    return node;
  }

  private edge(from: string, to: string, label: string | undefined, at?: { resource: Resource; range: OffsetRange }): TrafficEdge {
    const key = `${from}\u0000${to}\u0000${label ?? ''}`;
    let edge = this.edges.get(key);
    if (edge) return edge;
    edge = { from, to };
    if (label) edge.label = label;
    if (at) edge.location = this.location(at.resource, at.range.start);
    this.edges.set(key, edge);
    return edge;
  }

  /** An edge that does not hold: its codes are those of the findings at `range` of the referring file. */
  private broken(from: string, to: string, label: string | undefined, message: string, resource: Resource, range: OffsetRange): void {
    const edge = this.edge(from, to, label, { resource, range });
    if (edge.broken) return;
    edge.broken = { codes: [], message };
    this.pending.push({ edge, uri: resource.uri, range });
  }

  /** Findings are read per file, only for files holding a broken reference (each file's analysis is cached by the engine). */
  private giveCodes(): void {
    const byUri = new Map<string, PendingBreak[]>();
    for (const p of this.pending) {
      const list = byUri.get(p.uri);
      if (list) list.push(p);
      else byUri.set(p.uri, [p]);
    }
    for (const [uri, breaks] of byUri) {
      const findings = this.engine.diagnose(uri);
      for (const { edge, range } of breaks) {
        const codes = new Set<string>();
        for (const f of findings) if (overlaps(f.range, range)) codes.add(f.code);
        edge.broken!.codes = [...codes].sort();
      }
    }
  }

  private missing(id: string, label: string, details: string[], resource: Resource, offset: number): string {
    return this.node(`missing:${id}`, 'missing', label, details, resource, offset).id;
  }

  /** A target the files do not declare, which is not a mistake as far as they show (drawn apart from the broken ones). */
  private external(id: string, label: string, details: string[], resource: Resource, offset: number): string {
    return this.node(`external:${id}`, 'external', label, details, resource, offset).id;
  }

  // ---- gateways

  private istioGateway(gateway: Resource): void {
    for (const server of gatewayDetails(gateway).servers) {
      const label = `Gateway ${gateway.namespace}/${gateway.name} :${server.port ?? '?'}`;
      const details = [...(server.protocol ? [server.protocol] : []), ...server.hosts.map((h) => h.value)];
      this.node(serverId(gateway, server.index), 'gateway', label, details, gateway, server.anchor.start);
    }
  }

  private listenerOwner(owner: Resource): void {
    listenerOwnerView(owner).listeners.forEach((listener, i) => {
      const id = `gateway:${owner.kind}/${owner.namespace}/${owner.name}/listener/${listener.name?.value ?? `#${i}`}`;
      const label = `${owner.kind} ${owner.namespace}/${owner.name} :${listener.port?.value ?? '?'}${listener.protocol ? ` ${listener.protocol.value}` : ''}${listener.hostname ? ` ${listener.hostname.value}` : ''}`;
      const details = listener.name ? [`listener ${listener.name.value}`] : [];
      this.node(id, 'gateway', label, details, owner, (listener.name ?? listener).range.start);
      this.listenerIds.set(listener, id);
    });
  }

  private meshNode(): string {
    return this.node(meshNodeId, 'gateway', 'mesh', ['sidecars and waypoints']).id;
  }

  // ---- VirtualServices

  private virtualService(vs: Resource): void {
    const view = virtualServiceView(vs);
    const routeId = `route:VirtualService/${vs.namespace}/${vs.name}`;
    this.node(routeId, 'route', `VirtualService ${vs.namespace}/${vs.name}`, view.hosts.map((h) => h.value), vs);
    if (!view.gateways.length) this.edge(this.meshNode(), routeId, 'mesh', { resource: vs, range: vs.anchor });
    const hosts = view.hosts.map((h) => resolveServiceHost(h.value, vs.namespace));
    for (const entry of view.gateways) {
      const ref = parseGatewayRef(entry.value, vs.namespace);
      const at = { resource: vs, range: entry.range };
      if (ref.mesh) {
        this.edge(this.meshNode(), routeId, 'mesh', at);
        continue;
      }
      const [gateway] = gatewaysNamed(this.index, ref.namespace, ref.name);
      if (hasPlaceholder(entry.value)) {
        const unknown = this.external(`Gateway/${entry.value}`, `Gateway ${entry.value}`, ['a template placeholder'], vs, entry.range.start);
        this.edge(routeId, unknown, 'gateway', at);
      } else if (!gateway) {
        const missing = this.missing(`Gateway/${ref.namespace}/${ref.name}`, `Gateway ${ref.namespace}/${ref.name}`, ['not in these files'], vs, entry.range.start);
        this.broken(routeId, missing, 'gateway', `Gateway ${ref.namespace}/${ref.name} is not in these files`, vs, entry.range);
      } else if (gateway.group === networkingGroup) {
        this.bindToServers(gateway, vs, hosts, routeId, at);
      } else {
        for (const listener of listenerOwnerView(gateway).listeners) {
          const id = this.listenerIds.get(listener);
          if (id) this.edge(id, routeId, 'binds', at);
        }
      }
    }
    const rules = virtualServiceRules(vs);
    const ruleKeys = new Set(rules.map((rule) => `${rule.protocol}/${rule.index}`));
    for (const rule of rules) {
      const ruleId = `rule:VirtualService/${vs.namespace}/${vs.name}/${rule.protocol}/${rule.index}`;
      const details = rule.matches.length ? rule.matches.map((m) => (m.value ? summarizeIstioMatch(m.value) : 'a match not read')) : ['any request'];
      details.push(...ruleActions(vs, rule.protocol, rule.index));
      this.node(ruleId, 'rule', describeRule(rule), details, vs, rule.anchor.start);
      this.edge(routeId, ruleId, undefined, { resource: vs, range: rule.anchor });
      const percents = effectiveWeights(rule.routes.map((r) => r.weight?.value));
      rule.routes.forEach((route, j) => {
        if (!route.host) return;
        const destination = { host: route.host.value, ...(route.subset ? { subset: route.subset.value } : {}), ...(route.port ? { port: route.port.number } : {}) };
        const destId = `destination:VirtualService/${vs.namespace}/${vs.name}/${rule.protocol}/${rule.index}/${j}`;
        const resolved = this.resolveIstio(destination, vs.namespace);
        this.node(destId, 'destination', destinationLabel(resolved), destinationDetails(resolved), vs, route.anchor.start);
        this.edge(ruleId, destId, percent(percents[j]), { resource: vs, range: route.anchor });
        this.destination(destId, resolved, vs, { host: route.host.range, subset: route.subset?.range ?? route.host.range });
      });
    }
    let mirror = 0;
    for (const ref of routeDestinations(vs)) {
      if (ref.role !== 'mirror' || !ref.host || !ruleKeys.has(`http/${ref.rule}`)) continue;
      const ruleId = `rule:VirtualService/${vs.namespace}/${vs.name}/http/${ref.rule}`;
      const destId = `destination:VirtualService/${vs.namespace}/${vs.name}/http/${ref.rule}/mirror/${mirror++}`;
      const destination = { host: ref.host.value, ...(ref.subset ? { subset: ref.subset.value } : {}), ...(ref.port.state === 'number' ? { port: ref.port.number } : {}) };
      const resolved = this.resolveIstio(destination, vs.namespace);
      this.node(destId, 'destination', destinationLabel(resolved), destinationDetails(resolved), vs, ref.anchor.start);
      this.edge(ruleId, destId, 'mirror', { resource: vs, range: ref.anchor });
      this.destination(destId, resolved, vs, { host: ref.host.range, subset: ref.subset?.range ?? ref.host.range });
    }
  }

  /** Edges from the servers of an Istio Gateway that admit one of the VirtualService's hosts; a broken one when none does. */
  private bindToServers(gateway: Resource, vs: Resource, hosts: readonly string[], routeId: string, at: { resource: Resource; range: OffsetRange }): void {
    const servers = gatewayDetails(gateway).servers;
    let bound = false;
    for (const server of servers) {
      const admits = server.hosts.some((h) => hosts.some((host) => gatewayHostAdmits(parseGatewayHost(h.value, gateway.namespace), vs.namespace, host)));
      if (!admits) continue;
      this.edge(serverId(gateway, server.index), routeId, 'binds', at);
      bound = true;
    }
    if (!bound && servers.length) {
      const message = `no server of Gateway ${gateway.namespace}/${gateway.name} admits the hosts of VirtualService ${vs.namespace}/${vs.name} (${hosts.join(', ') || 'none'})`;
      this.broken(serverId(gateway, servers[0].index), routeId, 'binds', message, vs, at.range);
    }
  }

  private resolveIstio(destination: { host: string; subset?: string; port?: number }, namespace: string): ResolvedDestination {
    const key = `${destination.host}|${destination.subset ?? ''}|${destination.port ?? ''}|${namespace}`;
    let found = this.resolved.get(key);
    if (!found) this.resolved.set(key, (found = resolveIstioDestination(this.index, destination, namespace, namespace)));
    return found;
  }

  // ---- Gateway API routes

  private gatewayApiRoute(route: Resource): void {
    const view = routeView(route);
    const routeId = `route:${route.kind}/${route.namespace}/${route.name}`;
    this.node(routeId, 'route', `${route.kind} ${route.namespace}/${route.name}`, view.hostnames.map((h) => h.value), route);
    for (const ref of view.parentRefs) {
      if (!ref.name) continue;
      const at = { resource: route, range: ref.name.range };
      const key = parentKey(ref, route.namespace);
      const attachment = attachmentOf(route, ref, this.index);
      const parentText = `${key.kind} ${key.namespace}/${key.name}`;
      if (attachment.status === 'accepted') {
        if (!attachment.listeners.length) this.edge(this.meshNode(), routeId, parentText, at);
        for (const listener of attachment.listeners) {
          const id = this.listenerIds.get(listener);
          if (id) this.edge(id, routeId, 'parentRef', at);
        }
      } else if (attachment.status === 'missing') {
        const missing = this.missing(`${key.kind}/${key.namespace}/${key.name}`, parentText, ['not in these files'], route, ref.name.range.start);
        this.broken(routeId, missing, 'parentRef', `${parentText} is not in these files`, route, ref.range);
      } else if (attachment.status === 'rejected') {
        const missing = this.missing(`rejected/${key.kind}/${key.namespace}/${key.name}/${attachment.reason}`, `${parentText} (rejected)`, [attachment.reason, attachment.detail], route, ref.name.range.start);
        this.broken(routeId, missing, 'parentRef', `${parentText} does not accept the route: ${attachment.reason}, ${attachment.detail}`, route, ref.range);
      }
    }
    const ruleNodes = ruleMapsOf(route);
    view.rules.forEach((rule, i) => {
      const ruleId = `rule:${route.kind}/${route.namespace}/${route.name}/rules/${i}`;
      const label = `rules[${i}]${rule.name ? ` "${rule.name.value}"` : ''}`;
      this.node(ruleId, 'rule', label, ruleMatchSummaries(route, ruleNodes[i]), route, rule.range.start);
      this.edge(routeId, ruleId, undefined, { resource: route, range: rule.range });
      const backends = rule.backendRefs;
      const percents = effectiveBackendWeights(backends.map((b) => b.weight?.value));
      backends.forEach((backend, j) => this.backend(route, ruleId, `${ruleId}/${j}`, backend, percent(percents[j])));
      rule.mirrors.forEach((backend, j) => this.backend(route, ruleId, `${ruleId}/mirror/${j}`, backend, 'mirror'));
    });
  }

  private backend(route: Resource, ruleId: string, suffix: string, backend: BackendRefView, label: string): void {
    const destId = `destination:${suffix.slice('rule:'.length)}`;
    const resolved = resolveBackend(this.index, backend, route.namespace, route.namespace, route.kind);
    const nameRange = backend.name?.range ?? backend.range;
    this.node(destId, 'destination', destinationLabel(resolved), destinationDetails(resolved), route, nameRange.start);
    this.edge(ruleId, destId, label, { resource: route, range: nameRange });
    const refused = resolved.problems.find((p) => p.link === 'backend' && p.broken);
    if (refused) {
      const what = `${backend.kind?.value ?? 'Service'} ${backend.namespace?.value ?? route.namespace}/${backend.name?.value ?? '?'}`;
      const missing = this.missing(`backend/${what}`, `${what} (refused)`, [refused.message], route, nameRange.start);
      // The whole backendRef: its findings point at the field at fault (namespace, kind, name).
      this.broken(destId, missing, 'backendRef', refused.message, route, backend.range);
      return;
    }
    this.destination(destId, resolved, route, { host: nameRange, subset: nameRange });
  }

  // ---- destinations, subsets, services, workloads

  /** The links on from a destination node: the subset (or the service), the service's workloads, and what is broken. */
  private destination(destId: string, resolved: ResolvedDestination, route: Resource, ranges: { host: OffsetRange; subset: OffsetRange }): void {
    const hostProblem = resolved.problems.find((p) => p.link === 'host');
    let next: string | undefined;
    if (resolved.target) {
      next = this.service(resolved.target);
    } else if (hostProblem) {
      if (hostProblem.broken) {
        const missing = this.missing(`host/${resolved.host}`, resolved.host, [hostProblem.message], route, ranges.host.start);
        this.broken(destId, missing, 'host', hostProblem.message, route, ranges.host);
      } else {
        const unknown = this.external(`host/${resolved.host}`, resolved.host, [hostProblem.message], route, ranges.host.start);
        this.edge(destId, unknown, 'host', { resource: route, range: ranges.host });
      }
    }
    if (resolved.subset === null) {
      if (next) this.edge(destId, next, undefined, { resource: route, range: ranges.host });
      return;
    }
    const subsetProblem = resolved.problems.find((p) => p.link === 'subset' && p.broken);
    const rule = resolved.destinationRule;
    if (subsetProblem || !rule || !resolved.subsetDefinition) {
      if (!subsetProblem) {
        if (next) this.edge(destId, next, `subset ${resolved.subset}`, { resource: route, range: ranges.subset });
        return;
      }
      const missing = this.missing(`subset/${resolved.host}/${resolved.subset}`, `subset ${resolved.subset} of ${resolved.host}`, [subsetProblem.message], route, ranges.subset.start);
      this.broken(destId, missing, 'subset', subsetProblem.message, route, ranges.subset);
      return;
    }
    const subsetId = `subset:DestinationRule/${rule.namespace}/${rule.name}/${resolved.subset}`;
    const labels = resolved.subsetLabels ? formatLabels(resolved.subsetLabels) : '';
    const selects = resolved.workloads.map((w) => `→ ${describeResource(w)}`);
    this.node(subsetId, 'subset', `subset ${resolved.subset}`, [`DestinationRule ${rule.namespace}/${rule.name}`, ...(labels ? [labels] : []), ...selects], rule, resolved.subsetDefinition.anchor.start);
    this.edge(destId, subsetId, undefined, { resource: route, range: ranges.subset });
    // Where the subset is defined: the rule's host names the service.
    if (next) this.edge(subsetId, next, undefined, { resource: rule, range: resolved.subsetDefinition.anchor });
    const none = resolved.problems.find((p) => p.link === 'workloads' && p.broken);
    if (none) {
      const missing = this.missing(`workloads/${subsetId}`, `no workload with ${labels || 'the subset labels'}`, [none.message], rule, resolved.subsetDefinition.anchor.start);
      this.broken(subsetId, missing, 'selects', none.message, rule, resolved.subsetDefinition.anchor);
    }
  }

  /** The Service or ServiceEntry node and its workload edges, made once per service. */
  private service(target: Resource): string {
    const id = `service:${target.kind}/${target.namespace}/${target.name}`;
    if (this.servicesDone.has(target)) return id;
    this.servicesDone.add(target);
    const selector = serviceSelector(target);
    const details = selector && Object.keys(selector).length ? [`selector ${formatLabels(selector)}`] : [];
    this.node(id, 'service', `${target.kind} ${target.namespace}/${target.name}`, details, target);
    const workloads = serviceWorkloads(this.index, target);
    for (const w of workloads) {
      const r = w.resource;
      const workloadId = `workload:${r.kind}/${r.namespace}/${r.name}`;
      this.node(workloadId, 'workload', `${r.kind} ${r.namespace}/${r.name}`, [formatLabels(w.labels)], r);
      // The Service (its selector) is where the link is made.
      this.edge(id, workloadId, undefined, { resource: target, range: target.anchor });
    }
    if (!workloads.length && selector && Object.keys(selector).length && (this.hasWorkloads ??= workspaceHasWorkloads(this.index))) {
      const message = `${target.kind} ${target.namespace}/${target.name} selects no workload of namespace ${target.namespace} (selector ${formatLabels(selector)})`;
      const missing = this.missing(`workloads/${id}`, `no workload with ${formatLabels(selector)}`, [message], target, target.anchor.start);
      this.broken(id, missing, 'selects', message, target, target.anchor);
    }
    return id;
  }
}

function serverId(gateway: Resource, server: number): string {
  return `gateway:Gateway/${gateway.namespace}/${gateway.name}/server/${server}`;
}

function percent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

function destinationLabel(resolved: ResolvedDestination): string {
  return `${resolved.host || '?'}${resolved.subset !== null ? ` subset ${resolved.subset}` : ''}${resolved.port !== null ? ` :${resolved.port}` : ''}`;
}

/** The rule that applies and what cannot be followed (broken links are drawn as edges, an undeclared host as its own node). */
function destinationDetails(resolved: ResolvedDestination): string[] {
  return [
    ...(resolved.destinationRule ? [`DestinationRule ${resolved.destinationRule.namespace}/${resolved.destinationRule.name}`] : []),
    ...resolved.problems.filter((p) => !p.broken && p.link !== 'host').map((p) => p.message),
  ];
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  if (a.start === a.end || b.start === b.end) return a.start >= b.start && a.start <= b.end;
  return a.start < b.end && b.start < a.end;
}

/** What an http rule does besides routing (redirect, direct response), read from its map. */
function ruleActions(vs: Resource, protocol: string, index: number): string[] {
  if (protocol !== 'http') return [];
  const rule = asMap(asSeq(getValue(asMap(getValue(vs.root, 'spec')), protocol))?.items[index]);
  const out: string[] = [];
  if (getValue(rule, 'redirect')) out.push('redirect');
  if (getValue(rule, 'directResponse')) out.push('direct response');
  return out;
}

/** The rule maps of a Gateway API route, in the order `routeView` reads them (map items only). */
function ruleMapsOf(route: Resource) {
  return (asSeq(getValue(asMap(getValue(route.root, 'spec')), 'rules'))?.items ?? []).map(asMap).filter((m) => m !== undefined);
}

function ruleMatchSummaries(route: Resource, rule: ReturnType<typeof ruleMapsOf>[number] | undefined): string[] {
  if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return ['any connection'];
  const matches = asSeq(getValue(rule, 'matches'))?.items ?? [];
  if (!matches.length) return ['any request'];
  return matches.map((m) => {
    const map = asMap(m);
    if (!map) return 'a match not read';
    if (dataHazard(map)) return 'a match not read';
    try {
      const value = map.toJS(route.document.yaml, { maxAliasCount: 100 }) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value) ? summarizeGatewayApiMatch(value as Record<string, unknown>, route.kind) : 'a match not read';
    } catch {
      return 'a match not read';
    }
  });
}

/**
 * Only what is connected to the resource at `focus`: what its nodes send traffic to (followed along the edges) and
 * what sends traffic to them (followed against the edges). Not the undirected component: through a shared Service or
 * the mesh node that would pull in every sibling route (measured: 1,750 nodes of 34,000 for one VirtualService of the
 * bench's workspace), where the picture of one resource wants its own paths.
 */
function focusOn(engine: Engine, graph: TrafficGraph, focus: { uri: string; offset: number }): TrafficGraph {
  const resource = resourceAt(engine.workspace, focus.uri, focus.offset);
  if (!resource) return { nodes: [], edges: [] };
  const name = describeResource(resource);
  const seeds = graph.nodes.filter((n) => n.resource === name && n.location?.uri === resource.uri).map((n) => n.id);
  if (!seeds.length) return { nodes: [], edges: [] };
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, a: string, b: string) => {
    const list = map.get(a);
    if (list) list.push(b);
    else map.set(a, [b]);
  };
  for (const e of graph.edges) {
    add(forward, e.from, e.to);
    add(backward, e.to, e.from);
  }
  const reach = (links: Map<string, string[]>): Set<string> => {
    const seen = new Set(seeds);
    const queue = [...seeds];
    while (queue.length) {
      for (const next of links.get(queue.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return seen;
  };
  const kept = new Set([...reach(forward), ...reach(backward)]);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const centre = seeds.find((id) => byId.get(id)?.kind === 'route') ?? seeds[0];
  return {
    nodes: graph.nodes.filter((n) => kept.has(n.id)),
    edges: graph.edges.filter((e) => kept.has(e.from) && kept.has(e.to)),
    focus: centre,
  };
}
