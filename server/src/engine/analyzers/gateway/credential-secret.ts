import type { Finding } from '../../finding';
import { effectiveSelector, gatewayDetails } from '../../model/gateway-details';
import { gatewayWorkloads, namespacesOf } from '../../model/gateway-workloads';
import { secretProblem } from '../../model/tls-secret';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IST0101 (credentialName) and IST0161: a server's `tls.credentialName` names a Secret in the namespace of the
 * gateway pods (not of the Gateway), or `namespace/name`; that Secret must hold a certificate and key (tls.crt and
 * tls.key, or cert and key) whose certificate parses and is valid now. Speaks only where the workspace holds Secrets.
 */
export const gatewayCredentialSecret: Analyzer = {
  id: 'gateway-credential-secret',
  group: networkingGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const servers = gatewayDetails(resource).servers.filter((s) => s.tls?.credentialName && !hasPlaceholder(s.tls.credentialName.value));
    if (!servers.length || index.countOfKind('', 'Secret') === 0) return [];
    const selector = effectiveSelector(resource);
    if (!selector) return [];
    const namespaces = namespacesOf(gatewayWorkloads(index, selector));
    if (!namespaces.length) return [];
    const now = Date.now();
    const findings: Finding[] = [];
    for (const server of servers) {
      const credential = server.tls!.credentialName!;
      const slash = credential.value.indexOf('/');
      const refs = slash >= 0 ? [{ namespace: credential.value.slice(0, slash), name: credential.value.slice(slash + 1) }] : namespaces.map((namespace) => ({ namespace, name: credential.value }));
      const secrets = refs.flatMap((r) => index.find('', 'Secret', r.namespace, r.name));
      const where = refs.map((r) => `${r.namespace}/${r.name}`).join(' or ');
      if (!secrets.length) {
        const message =
          `Referenced credentialName not found: no Secret ${where}. The gateway pods read it from their own namespace (${namespaces.join(', ')}), not the Gateway's; ` +
          `without it this server has no certificate and its TLS handshakes fail. Create the Secret there or fix the name.`;
        findings.push(finding('IST0101', resource, credential.range, message, undefined, { secret: where }));
        continue;
      }
      const problems = secrets.map((s) => secretProblem(s, now));
      if (problems.some((p) => p === undefined)) continue;
      const message =
        `Invalid gateway credential: Secret ${secrets.map((s) => `${s.namespace}/${s.name}`).join(', ')} cannot serve as this server's certificate: ${problems[0]}. ` +
        `Traffic to this server will fail. Put a valid PEM certificate and its key in tls.crt and tls.key.`;
      findings.push(finding('IST0161', resource, credential.range, message, secrets.map((s) => relatedTo(s, `Secret ${s.namespace}/${s.name}`)), { secret: where }));
    }
    return findings;
  },
};
