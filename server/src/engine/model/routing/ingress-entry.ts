import { parseGatewayHost } from '../../hosts';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { gatewayDetails, type GatewayServerDetail } from '../gateway-details';
import { parentController } from '../gateway-api/attachment';
import { gatewayApiGroup, listenerOwnerView, type ListenerView } from '../gateway-api/views';
import type { Resource } from '../resource';
import { hostMatchRank } from './host-precedence';
import type { TraceRequest } from './request';
import type { TraceLog } from './trace-log';
import type { RuleList } from './virtualservice-trace';

/** A Gateway server (Istio) or listener (Gateway API) that accepts the request's port, protocol and host. */
export type IngressCandidate =
  | { api: 'istio'; gateway: Resource; server: GatewayServerDetail; list: RuleList; rank: number }
  | { api: 'gateway-api'; gateway: Resource; listenerIndex: number; listener: ListenerView; routeKinds: readonly string[]; rank: number };

const httpProtocols = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const passthroughModes = new Set(['PASSTHROUGH', 'AUTO_PASSTHROUGH']);

/** Which rule list an Istio server hands a request of this scheme to; undefined when the server does not take it. */
function istioRuleList(scheme: string, protocol: string, tlsMode: string): RuleList | undefined {
  const terminates = !passthroughModes.has(tlsMode);
  if (scheme === 'http' || scheme === 'grpc') return httpProtocols.has(protocol) ? 'http' : undefined;
  if (scheme === 'https') {
    if (protocol === 'HTTPS') return terminates ? 'http' : 'tls';
    if (protocol === 'TLS') return terminates ? 'tcp' : 'tls';
    return undefined;
  }
  if (scheme === 'tls') return protocol === 'TLS' || protocol === 'HTTPS' ? (terminates ? 'tcp' : 'tls') : undefined;
  if (scheme === 'tcp') return protocol === 'TCP' || protocol === 'MONGO' || protocol === 'REDIS' || protocol === 'MYSQL' ? 'tcp' : undefined;
  return undefined;
}

/** The route kinds a Gateway API listener hands a request of this scheme to; undefined when it does not take it. */
function listenerRouteKinds(scheme: string, listener: ListenerView): readonly string[] | undefined {
  const protocol = listener.protocol?.value.toUpperCase() ?? '';
  const mode = listener.tls?.mode?.value ?? 'Terminate';
  if (scheme === 'http' || scheme === 'grpc') return protocol === 'HTTP' ? ['HTTPRoute', 'GRPCRoute'] : undefined;
  if (scheme === 'https') {
    if (protocol === 'HTTPS') return ['HTTPRoute', 'GRPCRoute'];
    if (protocol === 'TLS') return mode === 'Passthrough' ? ['TLSRoute'] : ['TCPRoute'];
    return undefined;
  }
  if (scheme === 'tls') return protocol === 'TLS' ? (mode === 'Passthrough' ? ['TLSRoute'] : ['TCPRoute']) : undefined;
  if (scheme === 'tcp') return protocol === 'TCP' ? ['TCPRoute'] : undefined;
  return undefined;
}

/**
 * Every Gateway server and listener that accepts the request (a named Gateway only, when `only` is given), most
 * specific host first. What was tried and refused goes to the log when a Gateway was named.
 */
export function ingressCandidates(index: IndexLookups, request: TraceRequest, only: { namespace: string; name: string } | undefined, log: TraceLog): IngressCandidate[] {
  const named = (r: Resource) => !only || (r.namespace === only.namespace && r.name === only.name);
  const out: IngressCandidate[] = [];
  for (const gateway of index.ofKind(networkingGroup, 'Gateway').filter(named)) {
    for (const server of gatewayDetails(gateway).servers) {
      const refuse = (why: string) => only && log.step(`Gateway ${gateway.namespace}/${gateway.name} servers[${server.index}] ${why}`, gateway, server.anchor.start);
      if (server.port !== request.port) {
        refuse(`listens on port ${server.port ?? '?'}, not ${request.port}`);
        continue;
      }
      const list = istioRuleList(request.scheme, (server.protocol ?? '').toUpperCase(), server.tls?.mode ?? 'SIMPLE');
      if (!list) {
        refuse(`takes ${server.protocol ?? 'no protocol'}, not a ${request.scheme} request`);
        continue;
      }
      const ranks = server.hosts.map((h) => hostMatchRank(parseGatewayHost(h.value, gateway.namespace).dnsName, request.host)).filter((r): r is number => r !== undefined);
      if (!ranks.length) {
        refuse(`does not serve host ${request.host} (its hosts: ${server.hosts.map((h) => h.value).join(', ') || 'none'})`);
        continue;
      }
      out.push({ api: 'istio', gateway, server, list, rank: Math.max(...ranks) });
    }
  }
  for (const gateway of index.ofKind(gatewayApiGroup, 'Gateway').filter(named)) {
    listenerOwnerView(gateway).listeners.forEach((listener, listenerIndex) => {
      const label = `Gateway ${gateway.namespace}/${gateway.name} listener ${listener.name?.value ?? listenerIndex}`;
      const refuse = (why: string) => only && log.step(`${label} ${why}`, gateway, listener.range.start);
      if (listener.port?.value !== request.port) return refuse(`listens on port ${listener.port?.value ?? '?'}, not ${request.port}`);
      const routeKinds = listenerRouteKinds(request.scheme, listener);
      if (!routeKinds) return refuse(`takes ${listener.protocol?.value ?? 'no protocol'}, not a ${request.scheme} request`);
      const rank = hostMatchRank(listener.hostname?.value.trim().toLowerCase() || '*', request.host);
      if (rank === undefined) return refuse(`does not serve host ${request.host} (its hostname: ${listener.hostname?.value})`);
      const controller = parentController(gateway, index);
      if (controller === 'foreign' || controller === 'remote') log.warn(`${label} is not programmed by this Istio (its class belongs to ${controller === 'remote' ? 'a remote cluster' : 'another controller'})`);
      out.push({ api: 'gateway-api', gateway, listenerIndex, listener, routeKinds, rank });
    });
  }
  return out.map((c, i) => ({ c, i })).sort((a, b) => b.c.rank - a.c.rank || a.i - b.i).map(({ c }) => c);
}
