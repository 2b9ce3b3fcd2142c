import type { Analyzer } from './analyzer';
import { apiVersionAnalyzers } from './api-version';
import { destinationRuleDeprecated } from './destinationrule-deprecated';
import { destinationRuleTlsVerification } from './destinationrule-tls-verification';
import { servicePortName } from './service-port-name';
import { gatewayConflict } from './gateway-conflict';
import { gatewayDuplicateCertificate } from './gateway-duplicate-certificate';
import { gatewaySelector } from './gateway-selector';
import { serviceEntryAddresses } from './serviceentry-addresses';
import { destinationRuleHostExists } from './destinationrule-host-exists';
import { destinationRuleSubsetPods } from './destinationrule-subset-pods';
import { destinationRuleDuplicateHost } from './destinationrule-duplicate-host';
import { destinationRuleDuplicateSubset } from './destinationrule-duplicate-subset';
import { destinationRuleSubsetLabels } from './destinationrule-subset-labels';
import { virtualServiceDestinationHost } from './virtualservice-destination-host';
import { virtualServiceDestinationPort } from './virtualservice-destination-port';
import { virtualServiceDuplicateDestination } from './virtualservice-duplicate-destination';
import { virtualServiceDestinationSubset } from './virtualservice-destination-subset';
import { virtualServiceGatewayExists } from './virtualservice-gateway-exists';
import { virtualServiceGatewayHosts } from './virtualservice-gateway-hosts';
import { virtualServiceIngressSubsets } from './virtualservice-ingress-subsets';
import { virtualServiceMeshHostConflict } from './virtualservice-mesh-host-conflict';
import { virtualServiceRouteWeights } from './virtualservice-route-weights';
import { virtualServiceUnreachableRules } from './virtualservice-unreachable-rules';

/** Every cross-resource check, in the order their findings are listed. */
export const analyzers: readonly Analyzer[] = [
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
  destinationRuleDuplicateSubset,
  destinationRuleSubsetLabels,
  destinationRuleDuplicateHost,
  destinationRuleHostExists,
  destinationRuleSubsetPods,
  destinationRuleDeprecated,
  destinationRuleTlsVerification,
  gatewaySelector,
  gatewayConflict,
  gatewayDuplicateCertificate,
  serviceEntryAddresses,
  servicePortName,
  ...apiVersionAnalyzers,
];

/** The analyzers that apply to a resource of this group and kind. */
export function analyzersFor(group: string, kind: string): Analyzer[] {
  return analyzers.filter((a) => a.group === group && a.kind === kind);
}
