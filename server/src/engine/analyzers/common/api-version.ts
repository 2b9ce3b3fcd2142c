import { finding, type Analyzer } from '../analyzer';
import { rangeOf, getEntry } from '../../parse/yaml-nodes';

interface OlderVersions {
  group: string;
  kinds: string[];
  older: string[];
  /** Says since when the stable version is served, what the older one is now, and whether the fields differ. */
  note: (apiVersion: string, kind: string, replacement: string) => string;
}

const GATEWAY_API = 'gateway.networking.k8s.io';

/**
 * Kinds whose API has a stable `v1`, with the older versions still written. Istio serves its older versions
 * unchanged; Gateway API serves some only in its experimental channel, deprecated (its CRDs of v1.5.1 and v1.6.1).
 */
const olderVersions: readonly OlderVersions[] = [
  ...[
    {
      group: 'networking.istio.io',
      kinds: ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'WorkloadEntry', 'WorkloadGroup'],
      older: ['v1alpha3', 'v1beta1'],
    },
    { group: 'security.istio.io', kinds: ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'], older: ['v1beta1'] },
    { group: 'telemetry.istio.io', kinds: ['Telemetry'], older: ['v1alpha1'] },
  ].map((v) => ({
    ...v,
    note: (apiVersion: string, kind: string, replacement: string) =>
      `${apiVersion} is an older version of ${kind}; ${replacement} is the stable one (Istio 1.22 and later), with the same fields. ` +
      `Switch to ${replacement} unless the cluster runs an older Istio.`,
  })),
  ...[
    // ReferenceGrant v1 arrived in Gateway API 1.5 only: v1beta1 is what every cluster serves, so it is not nudged.
    { kinds: ['GatewayClass', 'Gateway', 'HTTPRoute'], since: '1.0' },
  ].map(({ kinds, since }) => ({
    group: GATEWAY_API,
    kinds,
    older: ['v1beta1'],
    note: (apiVersion: string, kind: string, replacement: string) =>
      `${apiVersion} is an older version of ${kind}; ${replacement} is the stable one (Gateway API ${since} and later), with the same fields. ` +
      `Switch to ${replacement} unless the cluster runs an older Gateway API.`,
  })),
  {
    group: GATEWAY_API,
    kinds: ['GRPCRoute'],
    older: ['v1alpha2'],
    note: (apiVersion, kind, replacement) =>
      `${kind} ${apiVersion} is no longer served by Gateway API 1.5 CRDs; ${replacement} (Gateway API 1.1 and later) has the same fields. Switch to ${replacement}.`,
  },
  {
    group: GATEWAY_API,
    kinds: ['TLSRoute'],
    older: ['v1alpha2', 'v1alpha3'],
    note: (apiVersion, kind, replacement) =>
      `${kind} ${apiVersion} is deprecated and served only by the experimental channel since Gateway API 1.5; switch to ${replacement} (check the fields: v1alpha2 differs).`,
  },
  {
    group: GATEWAY_API,
    kinds: ['BackendTLSPolicy'],
    older: ['v1alpha3'],
    note: (apiVersion, kind, replacement) =>
      `${kind} ${apiVersion} is deprecated and served only by the experimental channel; ${replacement} (Gateway API 1.4 and later) has the same fields. Switch to ${replacement}.`,
  },
  {
    group: GATEWAY_API,
    kinds: ['TCPRoute', 'UDPRoute'],
    older: ['v1alpha2'],
    note: (apiVersion, kind, replacement) =>
      `${kind} ${apiVersion} is experimental; Gateway API 1.6 serves ${replacement}, with the same fields, and deprecates ${apiVersion}. ` +
      `Switch to ${replacement} if the cluster runs Gateway API 1.6 or later.`,
  },
];

/**
 * IY0108: an older apiVersion of a kind that has a stable `v1`. A hint with the replacement for a quick fix; the
 * message says whether the cluster still serves the older one.
 */
export const apiVersionAnalyzers: Analyzer[] = olderVersions.flatMap(({ group, kinds, older, note }) =>
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
        const message = note(resource.apiVersion, kind, replacement);
        return [finding('IY0108', resource, rangeOf(node), message, undefined, { fix: 'replace-value', replacement })];
      },
    }),
  ),
);
