import type { Finding } from '../../finding';
import { describePolicyScope, destinationRuleDetails } from '../../model/destinationrule-details';
import { destinationRuleView } from '../../model/istio-views';
import { asMap, getEntry, getValue, locatedString, scalarText } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0128/IST0129: TLS origination (mode SIMPLE or MUTUAL) without a CA to verify the server with: no
 * `caCertificates`, and no `credentialName` that counts (istioctl counts it only when the rule has a
 * `workloadSelector`). IST0128 for the destination level, IST0129 for port-level settings, as istioctl
 * splits them. Beyond istioctl: subset-level policies are judged too (IST0128, and IST0129 for their ports),
 * and `insecureSkipVerify: true` says the skip is deliberate, so it is not reported.
 */
export const destinationRuleTlsVerification: Analyzer = {
  id: 'destinationrule-tls-verification',
  group: networkingGroup,
  kind: 'DestinationRule',
  analyze(resource) {
    const findings: Finding[] = [];
    const host = destinationRuleView(resource).host?.value ?? '<no host>';
    const details = destinationRuleDetails(resource);
    // istioctl's messages for two port-level settings of one port and mode are the same text and are merged.
    const reported = new Set<string>();
    for (const at of details.policies) {
      const tls = asMap(getValue(at.policy, 'tls'));
      const mode = locatedString(getValue(tls, 'mode'));
      if (!mode || (mode.value !== 'SIMPLE' && mode.value !== 'MUTUAL')) continue;
      const set = (key: string) => {
        const v = scalarText(getValue(tls, key));
        return v !== undefined && v !== '';
      };
      if (set('caCertificates')) continue;
      const credential = set('credentialName');
      if (credential && details.workloadSelector) continue;
      const skip = scalarText(getValue(tls, 'insecureSkipVerify'));
      if (skip === 'true' || (skip !== undefined && hasPlaceholder(skip))) continue;
      // An explicit empty caCertificates gives istioctl's message a line of its own.
      const key = `${at.subset ?? ''}|${at.portLevel ? at.port ?? '' : '-'}|${mode.value}|${getEntry(tls, 'caCertificates') ? mode.range.start : ''}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const why = credential
        ? `its credentialName is read only by gateways, and by sidecars when the DestinationRule has a workloadSelector, which this one has not, so nothing verifies the server's certificate. ` +
          `Add a workloadSelector for the workloads that should use the credential, or set caCertificates.`
        : `it sets neither caCertificates nor credentialName, so nothing in this rule says how to verify the server's certificate: ` +
          `depending on the proxy it falls back to the system CA bundle or skips verification. ` +
          `Set caCertificates (or a credentialName holding the CA, with a workloadSelector), or insecureSkipVerify: true if skipping is intended.`;
      const message = `TLS mode ${mode.value} to ${host} (for ${describePolicyScope(at)}): ${why}`;
      findings.push(finding(at.portLevel ? 'IST0129' : 'IST0128', resource, mode.range, message, undefined, { host, mode: mode.value }));
    }
    return findings;
  },
};
