import type { Analyzer } from './analyzer';
import { virtualServiceDestinationSubset } from './virtualservice-destination-subset';
import { virtualServiceGatewayExists } from './virtualservice-gateway-exists';
import { virtualServiceGatewayHosts } from './virtualservice-gateway-hosts';

/** Every cross-resource check, in the order their findings are listed. */
export const analyzers: readonly Analyzer[] = [virtualServiceGatewayExists, virtualServiceGatewayHosts, virtualServiceDestinationSubset];

/** The analyzers that apply to a resource of this group and kind. */
export function analyzersFor(group: string, kind: string): Analyzer[] {
  return analyzers.filter((a) => a.group === group && a.kind === kind);
}
