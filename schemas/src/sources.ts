/** The packages the catalog is generated from, the kinds we take from each, and the release each describes. */

export interface KindVersionAlias {
  group: string;
  kind: string;
  /** The version the package lacks but clusters serve. */
  version: string;
  /** The version of the package whose schema it shares. */
  sameAs: string;
}

export interface PackageSource {
  /** Names the source in catalog entries. */
  id: string;
  package: string;
  /** What the schemas describe, for messages: "Istio", "Gateway API". */
  product: string;
  /** The release of `product` a package version was generated from; throws for a version nobody has checked. */
  release(packageVersion: string): string;
  /** The kinds we serve, per API group, with their reference page. */
  kinds: Record<string, Record<string, string>>;
  /** API groups of the package we do not serve. */
  excludedGroups: ReadonlySet<string>;
  /** Versions served by clusters but missing from the package. */
  aliases: readonly KindVersionAlias[];
  /** Description of `status`, which we do not check. */
  statusDescription: string;
}

const ISTIO_DOCS = 'https://istio.io/latest/docs/reference/config/';

export const istioSource: PackageSource = {
  id: 'istio',
  package: '@kubernetes-models/istio',
  product: 'Istio',
  /**
   * @kubernetes-models/istio 3.x was generated from Istio 1.29's CRDs. Findings about unknown fields and values name
   * it, since a newer Istio may accept them; a new major of the package must revisit it.
   */
  release(packageVersion) {
    if (packageVersion.split('.')[0] !== '3') throw new Error(`@kubernetes-models/istio ${packageVersion}: update istioSource.release to the Istio release it was generated from`);
    return '1.29';
  },
  kinds: {
    'networking.istio.io': {
      Gateway: ISTIO_DOCS + 'networking/gateway/',
      VirtualService: ISTIO_DOCS + 'networking/virtual-service/',
      DestinationRule: ISTIO_DOCS + 'networking/destination-rule/',
      ServiceEntry: ISTIO_DOCS + 'networking/service-entry/',
      Sidecar: ISTIO_DOCS + 'networking/sidecar/',
      WorkloadEntry: ISTIO_DOCS + 'networking/workload-entry/',
      WorkloadGroup: ISTIO_DOCS + 'networking/workload-group/',
      EnvoyFilter: ISTIO_DOCS + 'networking/envoy-filter/',
      ProxyConfig: ISTIO_DOCS + 'networking/proxy-config/',
    },
    'security.istio.io': {
      AuthorizationPolicy: ISTIO_DOCS + 'security/authorization-policy/',
      PeerAuthentication: ISTIO_DOCS + 'security/peer_authentication/',
      RequestAuthentication: ISTIO_DOCS + 'security/request_authentication/',
    },
    'telemetry.istio.io': { Telemetry: ISTIO_DOCS + 'telemetry/' },
    'extensions.istio.io': { WasmPlugin: ISTIO_DOCS + 'proxy_extensions/wasm-plugin/' },
  },
  // Operator configuration, not something users apply as mesh config.
  excludedGroups: new Set(['install.istio.io']),
  aliases: [],
  statusDescription: 'Written by Istio; not checked.',
};

// The reference page links each type as `#<lowercase name>` (e.g. its own site-src links `spec.md#httproute`).
const GATEWAY_API_DOCS = 'https://gateway-api.sigs.k8s.io/reference/spec/';
const gatewayApiKinds = ['GatewayClass', 'Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ReferenceGrant', 'BackendTLSPolicy'];

export const gatewayApiSource: PackageSource = {
  id: 'gateway-api',
  package: '@kubernetes-models/gateway-api',
  product: 'Gateway API',
  /**
   * The installed package does not say which Gateway API release it was generated from. Its repository does: for
   * 2.0.0 the changelog says "Types now sourced from upstream Go packages — gateway-api v1.5.1" and go.mod requires
   * sigs.k8s.io/gateway-api v1.5.1; the kinds agree (ListenerSet and TLSRoute v1 are new in 1.5, TCPRoute v1 of 1.6
   * is absent). Another package version must be checked the same way.
   */
  release(packageVersion) {
    if (packageVersion !== '2.0.0') throw new Error(`@kubernetes-models/gateway-api ${packageVersion}: update gatewayApiSource.release to the Gateway API release it was generated from`);
    return '1.5.1';
  },
  kinds: { 'gateway.networking.k8s.io': Object.fromEntries(gatewayApiKinds.map((kind) => [kind, `${GATEWAY_API_DOCS}#${kind.toLowerCase()}`])) },
  // Experimental XBackendTrafficPolicy and XMesh: not asked for.
  excludedGroups: new Set(['gateway.networking.x-k8s.io']),
  // Gateway API 1.6 serves TCPRoute and UDPRoute as v1, with the v1alpha2 fields.
  aliases: [
    { group: 'gateway.networking.k8s.io', kind: 'TCPRoute', version: 'v1', sameAs: 'v1alpha2' },
    { group: 'gateway.networking.k8s.io', kind: 'UDPRoute', version: 'v1', sameAs: 'v1alpha2' },
  ],
  statusDescription: 'Written by the controller; not checked.',
};

export const packageSources: readonly PackageSource[] = [istioSource, gatewayApiSource];
