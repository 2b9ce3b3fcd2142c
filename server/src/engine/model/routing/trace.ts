import type { Engine } from '../../engine';
import { parseGatewayHost } from '../../hosts';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { gatewayApiGroup, routeView } from '../gateway-api/views';
import { parseGatewayRef } from '../gateway-ref';
import { gatewayValues } from '../mesh-binding';
import type { Resource } from '../resource';
import { routesOnListener, routesOnService, walkGatewayApiRoutes } from './gateway-api-trace';
import { hostMatchRank } from './host-precedence';
import { ingressCandidates, type IngressCandidate } from './ingress-entry';
import { meshHost, meshVirtualServices, serviceOfHost } from './mesh-trace';
import type { MatchContext, TraceRequest } from './request';
import type { RuleChoice } from './rule-choice';
import { traceDestinations } from './trace-destination';
import { TraceLog } from './trace-log';
import type { TraceEntry, TraceEntryOption, TraceOutcome, TraceResult } from './trace-types';
import { virtualServicesForHost, walkVirtualServices, type HostedVirtualService, type RuleList } from './virtualservice-trace';

/** Which Gateway, route and rule the request takes through the files the engine holds, and where it lands. */
export function traceRequest(engine: Engine, request: TraceRequest, entry: TraceEntryOption): TraceResult {
  const index = engine.workspace.index;
  const log = new TraceLog();
  const traced = entry.kind === 'mesh' ? traceMesh(index, request, entry.namespace, log) : traceIngress(index, request, entry.gateway, log);
  return {
    request,
    entry: traced.entry,
    route: traced.choice?.route ?? null,
    outcome: traced.outcome,
    destinations: traced.choice?.destinations ?? traced.destinations ?? [],
    actions: traced.choice?.actions ?? {},
    steps: log.steps,
    warnings: log.warnings,
  };
}

interface Traced {
  entry: TraceEntry | null;
  outcome: TraceOutcome;
  choice?: RuleChoice;
  /** Destinations reached without a rule (the mesh's route to the Service itself). */
  destinations?: TraceResult['destinations'];
}

function isGrpc(request: TraceRequest): boolean {
  return request.scheme === 'grpc' || request.headers.some(([name, value]) => name === 'content-type' && value.startsWith('application/grpc'));
}

function traceIngress(index: IndexLookups, request: TraceRequest, only: { namespace: string; name: string } | undefined, log: TraceLog): Traced {
  if (only && !index.find(networkingGroup, 'Gateway', only.namespace, only.name).length && !index.find(gatewayApiGroup, 'Gateway', only.namespace, only.name).length) {
    log.step(`no Gateway ${only.namespace}/${only.name} in the files`);
    return { entry: null, outcome: 'no-gateway' };
  }
  const candidates = ingressCandidates(index, request, only, log);
  const chosen = candidates[0];
  if (!chosen) {
    log.step(`no Gateway ${only ? `${only.namespace}/${only.name} ` : ''}server or listener accepts a ${request.scheme} request for ${request.host} on port ${request.port}`);
    return { entry: null, outcome: 'no-gateway' };
  }
  const rivals = candidates.filter((c) => c.rank === chosen.rank && c.gateway !== chosen.gateway);
  if (rivals.length) {
    const names = [chosen, ...rivals].map((c) => `${c.gateway.namespace}/${c.gateway.name}`);
    log.warn(`several Gateways accept ${request.host}:${request.port} (${[...new Set(names)].join(', ')}); traced through the first; pass --gateway NS/NAME to choose (which one gets the traffic depends on the load balancer in front)`);
  }
  const gateway = chosen.gateway;
  const server = chosen.api === 'istio' ? chosen.server.index : chosen.listenerIndex;
  const entry: TraceEntry = { kind: 'Gateway', namespace: gateway.namespace, name: gateway.name, server };
  return chosen.api === 'istio' ? throughIstioGateway(index, request, chosen, entry, log) : throughGatewayApi(index, request, chosen, entry, log);
}

function throughIstioGateway(index: IndexLookups, request: TraceRequest, chosen: Extract<IngressCandidate, { api: 'istio' }>, entry: TraceEntry, log: TraceLog): Traced {
  const { gateway, server } = chosen;
  const hosts = server.hosts.map((h) => h.value);
  log.step(`Gateway ${gateway.namespace}/${gateway.name} servers[${server.index}] accepts ${request.scheme} ${request.host}:${request.port} (hosts: ${hosts.join(', ')})`, gateway, server.anchor.start);
  const bound = index.virtualServicesBoundTo(gateway.namespace, gateway.name).filter((vs) => namesGateway(vs, gateway));
  const admitted = bound.filter((vs) => {
    const ok = hosts.some((h) => {
      const host = parseGatewayHost(h, gateway.namespace);
      return (host.namespace === '*' || host.namespace === vs.namespace) && hostMatchRank(host.dnsName, request.host) !== undefined;
    });
    if (!ok && virtualServicesForHost([vs], request.host).length) {
      log.step(`VirtualService ${vs.namespace}/${vs.name} binds the Gateway, but the server's hosts (${hosts.join(', ')}) do not admit namespace ${vs.namespace} for ${request.host}`, vs);
    }
    return ok;
  });
  const context: MatchContext = { gateway: `${gateway.namespace}/${gateway.name}`, sourceNamespace: gateway.namespace, routeNamespace: gateway.namespace };
  const hosted = virtualServicesForHost(admitted, request.host);
  if (!hosted.length) explainNearMisses(index, request, gateway, log);
  return throughVirtualServices(index, request, hosted, chosen.list, context, entry, log, 'merge');
}

/**
 * When no VirtualService on the Gateway covers the host: those that cover it but name a Gateway of the same name in
 * another namespace (a plain name is looked up in the VirtualService's own namespace, the classic mistake).
 */
function explainNearMisses(index: IndexLookups, request: TraceRequest, gateway: Resource, log: TraceLog): void {
  const covering = virtualServicesForHost(index.ofKind(networkingGroup, 'VirtualService'), request.host);
  for (const { resource } of covering) {
    for (const value of gatewayValues(resource) ?? []) {
      const ref = parseGatewayRef(value, resource.namespace);
      if (ref.mesh || ref.name !== gateway.name || ref.namespace === gateway.namespace) continue;
      log.step(
        `VirtualService ${resource.namespace}/${resource.name} covers ${request.host} but binds Gateway ${ref.namespace}/${ref.name} ("${value}"), not ${gateway.namespace}/${gateway.name}: write "${gateway.namespace}/${gateway.name}"`,
        resource,
      );
    }
  }
}

/** Whether `spec.gateways` of the VirtualService names the Gateway (a match's `gateways` alone does not bind it). */
function namesGateway(virtualService: Resource, gateway: Resource): boolean {
  return (gatewayValues(virtualService) ?? []).some((value) => {
    const ref = parseGatewayRef(value, virtualService.namespace);
    return !ref.mesh && ref.namespace === gateway.namespace && ref.name === gateway.name;
  });
}

/**
 * Walks the VirtualServices of the most specific host: on a Gateway those of one host are merged (their rules in
 * order); a sidecar uses one (its own namespace's first).
 */
function throughVirtualServices(
  index: IndexLookups,
  request: TraceRequest,
  hosted: HostedVirtualService[],
  list: RuleList,
  context: MatchContext,
  entry: TraceEntry,
  log: TraceLog,
  same: 'merge' | 'first',
): Traced {
  if (!hosted.length) {
    log.step(`no VirtualService ${entry.kind === 'mesh' ? 'for the mesh' : 'bound to this Gateway'} covers ${request.host}: ${list === 'http' ? 'the answer is 404' : 'the connection is closed'}`);
    return { entry, outcome: 'no-route' };
  }
  let group = hosted.filter((h) => h.rank === hosted[0].rank);
  for (const other of hosted.filter((h) => h.rank < hosted[0].rank)) {
    log.step(`VirtualService ${other.resource.namespace}/${other.resource.name} covers ${request.host} by ${other.host}, but a more specific host wins`, other.resource);
  }
  if (group.length > 1) {
    if (same === 'merge') log.warn(`VirtualServices ${group.map((g) => `${g.resource.namespace}/${g.resource.name}`).join(', ')} share host ${group[0].host} on this Gateway: Istio merges their rules oldest first; the files carry no creation time, so file order stands in`);
    else {
      const own = group.find((g) => g.resource.namespace === context.sourceNamespace) ?? group[0];
      log.warn(`VirtualServices ${group.map((g) => `${g.resource.namespace}/${g.resource.name}`).join(', ')} all declare host ${group[0].host} for the mesh: a sidecar uses one (${own.resource.namespace}/${own.resource.name} here), the others are ignored (IST0109)`);
      group = [own];
    }
  }
  for (const g of group) log.step(`VirtualService ${g.resource.namespace}/${g.resource.name} serves ${request.host} (host ${g.host})`, g.resource);
  const choice = walkVirtualServices(
    group.map((g) => g.resource),
    list,
    request,
    context,
    index,
    log,
  );
  if (!choice) {
    log.step(`no ${list} rule matches the request: ${list === 'http' ? 'the answer is 404' : 'the connection is closed'}`);
    return { entry, outcome: 'no-match' };
  }
  return { entry, outcome: choice.outcome, choice };
}

function throughGatewayApi(index: IndexLookups, request: TraceRequest, chosen: Extract<IngressCandidate, { api: 'gateway-api' }>, entry: TraceEntry, log: TraceLog): Traced {
  const { gateway, listener } = chosen;
  const label = `Gateway ${gateway.namespace}/${gateway.name} listener ${listener.name?.value ?? chosen.listenerIndex}`;
  log.step(`${label} accepts ${request.scheme} ${request.host}:${request.port} (hostname: ${listener.hostname?.value || 'any'})`, gateway, listener.range.start);
  const kinds = chosen.routeKinds.filter((k) => k !== 'GRPCRoute' || isGrpc(request));
  const routes = routesOnListener(index, gateway, listener, kinds);
  const serving = routes.filter((r) => {
    const hostnames = routeView(r).hostnames;
    return !hostnames.length || hostnames.some((h) => hostMatchRank(h.value.trim().toLowerCase(), request.host) !== undefined);
  });
  if (!serving.length) {
    log.step(`no ${kinds.join(' or ')} attached to the listener serves ${request.host}${routes.length ? ` (attached: ${routes.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(', ')})` : ''}: the answer is 404`, gateway, listener.range.start);
    return { entry, outcome: 'no-route' };
  }
  const choice = walkGatewayApiRoutes(routes, request, index, gateway.namespace, log);
  if (!choice) {
    log.step('no rule matches the request: the answer is 404');
    return { entry, outcome: 'no-match' };
  }
  return { entry, outcome: choice.outcome, choice };
}

function traceMesh(index: IndexLookups, request: TraceRequest, namespace: string, log: TraceLog): Traced {
  const entry: TraceEntry = { kind: 'mesh', namespace };
  const fqdn = meshHost(request.host, namespace, index);
  log.step(`a sidecar in namespace ${namespace} sends to ${fqdn}${fqdn !== request.host ? ` (${request.host} resolved in its namespace)` : ''}`);
  const service = serviceOfHost(index, fqdn);
  const gammaRoutes = service ? routesOnService(index, service) : [];
  if (gammaRoutes.length) {
    log.step(`${gammaRoutes.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(', ')} attach to Service ${service?.namespace}/${service?.name}`, gammaRoutes[0]);
    const choice = walkGatewayApiRoutes(gammaRoutes, { ...request, host: fqdn }, index, namespace, log);
    if (!choice) {
      log.step('no rule matches the request: the answer is 404');
      return { entry, outcome: 'no-match' };
    }
    return { entry, outcome: choice.outcome, choice };
  }
  const list: RuleList = request.scheme === 'tcp' ? 'tcp' : request.scheme === 'https' || request.scheme === 'tls' ? 'tls' : 'http';
  const context: MatchContext = { gateway: 'mesh', sourceNamespace: namespace, routeNamespace: namespace };
  const hosted = virtualServicesForHost(meshVirtualServices(index, namespace), fqdn);
  if (hosted.length) return throughVirtualServices(index, request, hosted, list, context, entry, log, 'first');
  log.step(`no VirtualService or route for ${fqdn} applies to sidecars of namespace ${namespace}: the request goes to the service as it is`, service);
  const destinations = traceDestinations(index, [{ host: fqdn, port: request.port, ...(service ? { at: service.anchor.start } : {}) }], { namespace, ...(service ? { resource: service } : {}) }, namespace, log);
  return { entry, outcome: 'route', destinations };
}
