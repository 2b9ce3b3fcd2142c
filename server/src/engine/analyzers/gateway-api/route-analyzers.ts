import type { Finding } from '../../finding';
import { routeKinds } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { gatewayApiGroup } from '../../model/gateway-api/views';
import type { AnalysisContext, Analyzer } from '../analyzer';

/** One check over every Gateway API route kind (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute). */
export function forEveryRouteKind(id: string, analyze: (resource: Resource, context: AnalysisContext) => Finding[]): Analyzer[] {
  return routeKinds.map((kind) => ({ id, group: gatewayApiGroup, kind, analyze }));
}
