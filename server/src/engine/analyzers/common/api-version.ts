import { finding, type Analyzer } from '../analyzer';
import { rangeOf, getEntry } from '../../parse/yaml-nodes';

/** Kinds whose API went stable (v1 in Istio 1.22), with the older versions still served. */
const stableVersions: ReadonlyArray<{ group: string; kinds: string[]; older: string[] }> = [
  {
    group: 'networking.istio.io',
    kinds: ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup'],
    older: ['v1alpha3', 'v1beta1'],
  },
  { group: 'security.istio.io', kinds: ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'], older: ['v1beta1'] },
  { group: 'telemetry.istio.io', kinds: ['Telemetry'], older: ['v1alpha1'] },
];

/**
 * IY0108: an older apiVersion of a kind that has a stable `v1`. Not deprecated (Istio still serves
 * them, and istioctl says nothing), hence a hint with the replacement for a quick fix.
 */
export const apiVersionAnalyzers: Analyzer[] = stableVersions.flatMap(({ group, kinds, older }) =>
  kinds.map(
    (kind): Analyzer => ({
      id: 'api-version',
      group,
      kind,
      analyze(resource) {
        if (!older.includes(resource.version)) return [];
        const node = getEntry(resource.root, 'apiVersion')?.value;
        if (!node) return [];
        const replacement = `${group}/v1`;
        const message =
          `${resource.apiVersion} is an older version of ${kind}; ${replacement} is the stable one (Istio 1.22 and later), with the same fields. ` +
          `Switch to ${replacement} unless the cluster runs an older Istio.`;
        return [finding('IY0108', resource, rangeOf(node), message, undefined, { fix: 'replace-value', replacement })];
      },
    }),
  ),
);
