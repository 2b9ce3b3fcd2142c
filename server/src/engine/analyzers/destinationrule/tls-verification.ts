import type { Finding } from '../../finding';
import { describePolicyScope, destinationRuleDetails } from '../../model/destinationrule-details';
import { destinationRuleView } from '../../model/istio-views';
import { asMap, getValue, locatedString, scalarText } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0128/IST0129: TLS origination (mode SIMPLE or MUTUAL) without a CA to verify the server with:
 * no `caCertificates` and no `credentialName`. IST0128 for the destination (and subset) level,
 * IST0129 for port-level settings, as istioctl splits them. `insecureSkipVerify: true` says the
 * skip is deliberate, so it is not reported.
 */
export const destinationRuleTlsVerification: Analyzer = {
  id: 'destinationrule-tls-verification',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource) {
    const findings: Finding[] = [];
    const host = destinationRuleView(resource).host?.value ?? '<no host>';
    for (const at of destinationRuleDetails(resource).policies) {
      const tls = asMap(getValue(at.policy, 'tls'));
      const mode = locatedString(getValue(tls, 'mode'));
      if (!mode || (mode.value !== 'SIMPLE' && mode.value !== 'MUTUAL')) continue;
      const set = (key: string) => {
        const v = scalarText(getValue(tls, key));
        return v !== undefined && v !== '';
      };
      if (set('caCertificates') || set('credentialName')) continue;
      const skip = scalarText(getValue(tls, 'insecureSkipVerify'));
      if (skip === 'true' || (skip !== undefined && hasPlaceholder(skip))) continue;
      const message =
        `TLS mode ${mode.value} to ${host} (for ${describePolicyScope(at)}) sets neither caCertificates nor credentialName, so nothing in this rule says how to verify the server's certificate: ` +
        `depending on the proxy it falls back to the system CA bundle or skips verification. ` +
        `Set caCertificates (or a credentialName holding the CA), or insecureSkipVerify: true if skipping is intended.`;
      findings.push(finding(at.portLevel ? 'IST0129' : 'IST0128', resource, mode.range, message, undefined, { host, mode: mode.value }));
    }
    return findings;
  },
};
