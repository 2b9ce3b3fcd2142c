import type { Finding } from '../finding';
import { addDestinationRuleSubset } from './add-destination-rule-subset';
import { addGatewayHosts } from './add-gateway-hosts';
import { addListenerForHostname } from './add-listener-for-hostname';
import { addReferenceGrant } from './add-reference-grant';
import type { Fix, FixContext, FixProvider } from './fix';
import { normalizeWeights } from './normalize-weights';
import { qualifyGatewayNamespace } from './qualify-gateway-namespace';
import { qualifyParentNamespace } from './qualify-parent-namespace';
import { replaceValue } from './replace-value';
import { setBackendPort } from './set-backend-port';

/** Every fix provider: by finding code, and generic ones by the finding's `data.fix`. */
export const fixProviders: readonly FixProvider[] = [
  qualifyGatewayNamespace,
  addDestinationRuleSubset,
  addGatewayHosts,
  replaceValue,
  normalizeWeights,
  // Gateway API
  qualifyParentNamespace,
  setBackendPort,
  addReferenceGrant,
  addListenerForHostname,
];

/** The providers that apply to a finding. */
export function providersFor(finding: Finding): FixProvider[] {
  const kind = finding.data?.fix;
  return fixProviders.filter((p) => (p.code !== undefined && p.code === finding.code) || (p.fixKind !== undefined && p.fixKind === kind));
}

/** Every fix for a finding; a provider that fails is skipped, so one bad fix never hides the others. */
export function fixesFor(finding: Finding, context: FixContext, onError?: (provider: FixProvider, error: unknown) => void): Fix[] {
  const out: Fix[] = [];
  for (const provider of providersFor(finding)) {
    try {
      out.push(...provider.fixes(finding, context).filter((fix) => Object.values(fix.changes).some((edits) => edits.length)));
    } catch (error) {
      onError?.(provider, error);
    }
  }
  return out;
}
