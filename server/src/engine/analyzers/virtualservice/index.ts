import type { Analyzer } from '../analyzer';
import { virtualServiceGatewayExists } from './gateway-exists';
import { virtualServiceGatewayHosts } from './gateway-hosts';
import { virtualServiceDestinationSubset } from './destination-subset';
import { virtualServiceDestinationHost } from './destination-host';
import { virtualServiceDestinationPort } from './destination-port';
import { virtualServiceRouteWeights } from './route-weights';
import { virtualServiceDuplicateDestination } from './duplicate-destination';
import { virtualServiceUnreachableRules } from './unreachable-rules';
import { virtualServiceMeshHostConflict } from './mesh-host-conflict';
import { virtualServiceIngressSubsets } from './ingress-subsets';
import { virtualServiceJwtClaimRoute } from './jwt-claim-route';

/** Checks that report on VirtualService, in the order their findings are listed. */
export const virtualServiceAnalyzers: readonly Analyzer[] = [
  virtualServiceGatewayExists,
  virtualServiceGatewayHosts,
  virtualServiceDestinationSubset,
  virtualServiceDestinationHost,
  virtualServiceDestinationPort,
  virtualServiceRouteWeights,
  virtualServiceDuplicateDestination,
  virtualServiceUnreachableRules,
  virtualServiceMeshHostConflict,
  virtualServiceIngressSubsets,
  virtualServiceJwtClaimRoute,
];
