import type { Finding } from '../../finding';
import { backendKey, grantsAllowing } from '../../model/gateway-api/backends';
import { gatewayApiGroup, listenerOwnerView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { hasPlaceholder } from '../../text/templating';
import { finding, type Analyzer, type AnalysisContext } from '../analyzer';
import { listenerLabel } from './route-parents';

/**
 * IY0211 and IY0213 for a listener's `tls.certificateRefs`: a Secret in another namespace needs a ReferenceGrant there;
 * a Secret that does not exist is reported only where the workspace holds Secrets of its namespace (certificates usually live elsewhere).
 */
function analyzeCertificates(resource: Resource, { index }: AnalysisContext): Finding[] {
  const findings: Finding[] = [];
  for (const listener of listenerOwnerView(resource).listeners) {
    for (const ref of listener.tls?.certificateRefs ?? []) {
      if (!ref.name || hasPlaceholder(ref.name.value)) continue;
      const key = { ...backendKey(ref, resource.namespace), kind: ref.kind?.value ?? 'Secret' };
      if (key.group !== '' || key.kind !== 'Secret') continue;
      if (key.namespace !== resource.namespace && !grantsAllowing(index, { fromKind: resource.kind, fromNamespace: resource.namespace, to: key }).length) {
        const message =
          `Listener ${listenerLabel(listener)}: certificate Secret ${key.namespace}/${key.name} is in another namespace, and no ReferenceGrant there allows ${resource.kind}s from namespace ${resource.namespace}. ` +
          `After apply the listener's status says ResolvedRefs=False, reason RefNotPermitted, and it serves no TLS. Add the ReferenceGrant (quick fix).`;
        findings.push(
          finding('IY0211', resource, ref.namespace?.range ?? ref.range, message, undefined, {
            fix: 'add-reference-grant',
            fromKind: resource.kind,
            fromNamespace: resource.namespace,
            toGroup: '',
            toKind: 'Secret',
            toName: key.name,
            toNamespace: key.namespace,
          }),
        );
        continue;
      }
      if (index.find('', 'Secret', key.namespace, key.name).length || !index.ofKind('', 'Secret').some((secret) => secret.namespace === key.namespace)) continue;
      const message =
        `Listener ${listenerLabel(listener)}: certificate Secret ${key.namespace}/${key.name} not found. After apply the listener's status says ResolvedRefs=False, reason InvalidCertificateRef, and its TLS handshakes fail. Create the Secret or fix the name.`;
      findings.push(finding('IY0213', resource, ref.name.range, message));
    }
  }
  return findings;
}

export const listenerCertificateAnalyzers: Analyzer[] = ['Gateway', 'ListenerSet'].map((kind) => ({
  id: 'gateway-api-listener-certificates',
  group: gatewayApiGroup,
  kind,
  analyze: analyzeCertificates,
}));
