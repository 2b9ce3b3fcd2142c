import type { Severity } from '../finding';

export interface CodeInfo {
  code: string;
  /** istioctl's message name for IST codes; ours otherwise. */
  name: string;
  severity: Severity;
  summary: string;
  /** The finding depends on its file alone (syntax, schema): it may be shown before the workspace is indexed. */
  fileLocal?: true;
}

/** Every code the engine can report. IST codes mean exactly what istioctl analyze means by them. */
export const codeTable: Record<string, CodeInfo> = {
  IST0002: {
    code: 'IST0002',
    name: 'Deprecated',
    severity: 'warning',
    summary: 'A deprecated field, value or kind: DestinationRule LEAST_CONN, warmupDurationSecs, consistentHash.minimumRingSize; VirtualService fault.delay.percent; Sidecar outboundTrafficPolicy.egressProxy; a Lightstep tracing provider; CRDs of the removed rbac.istio.io kinds.',
  },
  IST0101: {
    code: 'IST0101',
    name: 'ReferencedResourceNotFound',
    severity: 'error',
    summary: 'A reference names a resource that does not exist: a Gateway in `gateways`, a subset no DestinationRule defines, a destination host or port no Service/ServiceEntry declares, a selector (Gateway, Sidecar, Telemetry) that matches no workload, a credentialName Secret, an AuthorizationPolicy source namespace.',
  },
  IST0106: {
    code: 'IST0106',
    name: 'SchemaValidationError',
    severity: 'error',
    summary: 'The resource does not match the schema of its kind: unknown field, wrong type, invalid value, missing required field.',
    fileLocal: true,
  },
  IST0107: {
    code: 'IST0107',
    name: 'MisplacedAnnotation',
    severity: 'warning',
    summary: 'An Istio annotation on a kind it does not apply to (e.g. a Pod annotation on a Service).',
  },
  IST0108: {
    code: 'IST0108',
    name: 'UnknownAnnotation',
    severity: 'warning',
    summary: 'An annotation in an `*.istio.io` domain that Istio does not define.',
  },
  IST0109: {
    code: 'IST0109',
    name: 'ConflictingMeshGatewayVirtualServiceHosts',
    severity: 'error',
    summary: 'Several VirtualServices bound to the mesh define the same host: sidecars apply only one of them.',
  },
  IST0110: {
    code: 'IST0110',
    name: 'ConflictingSidecarWorkloadSelectors',
    severity: 'error',
    summary: 'Several Sidecars of a namespace select the same workload (reported once per shared workload): which one its proxy uses is undefined.',
  },
  IST0111: {
    code: 'IST0111',
    name: 'MultipleSidecarsWithoutWorkloadSelectors',
    severity: 'error',
    summary: 'Several Sidecars of a namespace have no workload selector: which one applies is undefined.',
  },
  IST0112: {
    code: 'IST0112',
    name: 'VirtualServiceDestinationPortSelectorRequired',
    severity: 'error',
    summary: 'A route or mirror destination names a Service or ServiceEntry with several ports but no `destination.port.number`.',
  },
  IST0116: {
    code: 'IST0116',
    name: 'DeploymentAssociatedToMultipleServices',
    severity: 'warning',
    summary: 'A Deployment is selected by several Services that use the same port with different protocols.',
  },
  IST0118: {
    code: 'IST0118',
    name: 'PortNameIsNotUnderNamingConvention',
    severity: 'info',
    summary: 'A Kubernetes Service port whose appProtocol, or else name, names no protocol Istio knows (`<protocol>[-<suffix>]`): Istio sniffs its protocol.',
  },
  IST0125: {
    code: 'IST0125',
    name: 'InvalidAnnotation',
    severity: 'warning',
    summary: 'An Istio annotation whose value is not valid for its type.',
  },
  IST0127: {
    code: 'IST0127',
    name: 'NoMatchingWorkloadsFound',
    severity: 'warning',
    summary: 'An AuthorizationPolicy that applies to no mesh workload: its selector matches no injected pod (or, without selector, its namespace has none).',
  },
  IST0128: {
    code: 'IST0128',
    name: 'NoServerCertificateVerificationDestinationLevel',
    severity: 'warning',
    summary: 'DestinationRule TLS mode SIMPLE/MUTUAL at the destination level (and, beyond istioctl, subset level) without caCertificates, or with only a credentialName and no workloadSelector.',
  },
  IST0129: {
    code: 'IST0129',
    name: 'NoServerCertificateVerificationPortLevel',
    severity: 'warning',
    summary: 'The same in portLevelSettings: TLS mode SIMPLE/MUTUAL without caCertificates, or with only a credentialName and no workloadSelector.',
  },
  IST0130: {
    code: 'IST0130',
    name: 'VirtualServiceUnreachableRule',
    severity: 'warning',
    summary: 'A route rule (http, tcp or tls) is never used: an earlier rule has no match, or all its matches repeat earlier ones.',
  },
  IST0131: {
    code: 'IST0131',
    name: 'VirtualServiceIneffectiveMatch',
    severity: 'info',
    summary: 'A route match repeats an earlier match, or (http) an earlier URI-prefix match covers it, so it never decides anything.',
  },
  IST0132: {
    code: 'IST0132',
    name: 'VirtualServiceHostNotFoundInGateway',
    severity: 'warning',
    summary: 'A VirtualService is bound to a Gateway (Istio or Gateway API) that serves none of its hosts.',
  },
  IST0134: {
    code: 'IST0134',
    name: 'ServiceEntryAddressesRequired',
    severity: 'warning',
    summary: 'A ServiceEntry port with protocol TCP (or none), no addresses and none allocated: it captures all TCP traffic to that port.',
  },
  IST0135: {
    code: 'IST0135',
    name: 'DeprecatedAnnotation',
    severity: 'info',
    summary: 'A deprecated Istio annotation.',
  },
  IST0137: {
    code: 'IST0137',
    name: 'DeploymentConflictingPorts',
    severity: 'warning',
    summary: 'A Deployment selected by several Services that map the same targetPort from different ports.',
  },
  IST0138: {
    code: 'IST0138',
    name: 'GatewayDuplicateCertificate',
    severity: 'warning',
    summary: 'Another Gateway whose selector includes all of this one\'s labels uses the same credentialName or certificate files: HTTP/2 connection reuse across their hosts can cause 404s.',
  },
  IST0140: {
    code: 'IST0140',
    name: 'IngressRouteRulesNotAffected',
    severity: 'warning',
    summary: 'A VirtualService with `gateways` routes a host without a subset while a VirtualService of that host routes it by subset: the traffic it routes bypasses that subset routing.',
  },
  IST0144: {
    code: 'IST0144',
    name: 'InvalidApplicationUID',
    severity: 'warning',
    summary: 'A workload (pod or container securityContext) runs as UID 1337, which is reserved for the sidecar proxy.',
  },
  IST0145: {
    code: 'IST0145',
    name: 'ConflictingGateways',
    severity: 'error',
    summary: 'Gateways on the same gateway pods (equal selectors, or nested ones with a workload carrying both) list the same host on the same port and bind.',
  },
  IST0149: {
    code: 'IST0149',
    name: 'JwtClaimBasedRoutingWithoutRequestAuthN',
    severity: 'error',
    summary: 'A VirtualService routes on JWT claims, but no RequestAuthentication applies to the gateway pods that serve it.',
  },
  IST0150: {
    code: 'IST0150',
    name: 'ExternalNameServiceTypeInvalidPortName',
    severity: 'warning',
    summary: 'An ExternalName Service port whose name does not declare the protocol: the proxy may treat it as TCP.',
  },
  IST0151: {
    code: 'IST0151',
    name: 'EnvoyFilterUsesRelativeOperation',
    severity: 'warning',
    summary: 'An EnvoyFilter without priority with a relative patch (INSERT_BEFORE/INSERT_AFTER, REMOVE except on routes, REPLACE on filters and virtual hosts): it may not apply, depending on filter order.',
  },
  IST0152: {
    code: 'IST0152',
    name: 'EnvoyFilterUsesReplaceOperationIncorrectly',
    severity: 'error',
    summary: 'An EnvoyFilter REPLACE patch where applyTo is not HTTP_FILTER, NETWORK_FILTER or VIRTUAL_HOST.',
  },
  IST0153: {
    code: 'IST0153',
    name: 'EnvoyFilterUsesAddOperationIncorrectly',
    severity: 'error',
    summary: 'An EnvoyFilter ADD patch with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE: it is ignored.',
  },
  IST0154: {
    code: 'IST0154',
    name: 'EnvoyFilterUsesRemoveOperationIncorrectly',
    severity: 'error',
    summary: 'An EnvoyFilter REMOVE patch with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE: it is ignored.',
  },
  IST0155: {
    code: 'IST0155',
    name: 'EnvoyFilterUsesRelativeOperationWithProxyVersion',
    severity: 'warning',
    summary: 'As IST0151, where a patch of the same name is applied only for some proxy versions (match.proxy.proxyVersion): it may break on upgrade.',
  },
  IST0157: {
    code: 'IST0157',
    name: 'InvalidTelemetryProvider',
    severity: 'warning',
    summary: 'A Telemetry access-logging entry that names no provider while the mesh config sets no defaultProviders.accessLogging: it logs nothing.',
  },
  IST0159: {
    code: 'IST0159',
    name: 'ConflictingTelemetryWorkloadSelectors',
    severity: 'error',
    summary: 'Several Telemetries of a namespace select the same workload (reported once per shared workload): which one applies is undefined.',
  },
  IST0160: {
    code: 'IST0160',
    name: 'MultipleTelemetriesWithoutWorkloadSelectors',
    severity: 'error',
    summary: 'Several Telemetries of a namespace (the root namespace: of the mesh) have neither selector nor targetRefs: which one applies is undefined.',
  },
  IST0161: {
    code: 'IST0161',
    name: 'InvalidGatewayCredential',
    severity: 'error',
    summary: 'A Gateway credentialName Secret that is invalid: missing keys, an unparsable or expired certificate.',
  },
  IST0162: {
    code: 'IST0162',
    name: 'GatewayPortNotDefinedOnService',
    severity: 'warning',
    summary: 'A Gateway server port that the Service of its gateway workload does not expose.',
  },
  IST0165: {
    code: 'IST0165',
    name: 'ReferencedInternalGateway',
    severity: 'warning',
    summary: 'A VirtualService names a Gateway that Istio generates internally for a Kubernetes Gateway API Gateway.',
  },
  IST0166: {
    code: 'IST0166',
    name: 'IneffectiveSelector',
    severity: 'warning',
    summary: 'A policy `selector` that picks the pods of a Kubernetes Gateway API gateway: use `targetRefs` instead.',
  },
  IST0167: {
    code: 'IST0167',
    name: 'IneffectivePolicy',
    severity: 'warning',
    summary: 'A policy that has no effect, e.g. a Sidecar on workloads of an ambient namespace.',
  },
  IST0173: {
    code: 'IST0173',
    name: 'DestinationRuleSubsetNotSelectPods',
    severity: 'error',
    summary: 'A DestinationRule subset whose labels (over a ServiceEntry\'s workloadSelector) match no workload of the workspace, with Node topology labels (checked only where the workspace holds workloads).',
  },
  IST0174: {
    code: 'IST0174',
    name: 'UnknownDestinationRuleHost',
    severity: 'warning',
    summary: 'A DestinationRule host that reaches no Service or ServiceEntry under istioctl\'s lookup (checked only where the workspace holds Services or ServiceEntries).',
  },
  IST0177: {
    code: 'IST0177',
    name: 'ConflictingServiceEntryProtocol',
    severity: 'warning',
    summary: 'Several ServiceEntries declare the same host and port with different protocols.',
  },
  IY0001: {
    code: 'IY0001',
    name: 'YamlSyntaxError',
    severity: 'error',
    summary: 'The document is not valid YAML; the other documents of the file are still checked.',
    fileLocal: true,
  },
  IY0002: {
    code: 'IY0002',
    name: 'UnknownIstioKind',
    severity: 'error',
    summary: 'An Istio API group with a kind or version that group does not have.',
    fileLocal: true,
  },
  IY0003: {
    code: 'IY0003',
    name: 'FileTooLarge',
    severity: 'info',
    summary: 'The file is larger than the istio.maxFileSize setting and is not analyzed.',
    fileLocal: true,
  },
  IY0004: {
    code: 'IY0004',
    name: 'ConfigFileInvalid',
    severity: 'error',
    summary: 'A value of the repository configuration file `.istio-yaml.yaml` cannot be used (unknown key, wrong type, bad glob, unknown code, bad suppression, unreadable meshConfig); it is left out and the rest applies.',
  },
  IY0101: {
    code: 'IY0101',
    name: 'RouteWeightsTotalZero',
    severity: 'error',
    summary: 'A route with several destinations whose weights total 0 (a destination without weight counts as 0): Istio rejects it.',
  },
  IY0102: {
    code: 'IY0102',
    name: 'SingleDestinationWeight',
    severity: 'warning',
    summary: 'A route with one destination and a weight below 100: the destination gets all the traffic anyway.',
  },
  IY0103: {
    code: 'IY0103',
    name: 'RouteWeightsNotNormalized',
    severity: 'info',
    summary: 'The weights of a route do not total 100; Istio treats them as relative shares (the message shows the effective split).',
  },
  IY0104: {
    code: 'IY0104',
    name: 'DuplicateRouteDestination',
    severity: 'warning',
    summary: 'The same host, subset and port appear twice in one route: both entries send traffic to the same endpoints.',
  },
  IY0105: {
    code: 'IY0105',
    name: 'DuplicateSubsetName',
    severity: 'error',
    summary: 'A DestinationRule defines two subsets with the same name: Istio rejects it.',
  },
  IY0106: {
    code: 'IY0106',
    name: 'SubsetWithoutLabels',
    severity: 'warning',
    summary: 'A subset without labels beside other subsets: it selects every endpoint of the host, the other subsets\' pods included.',
  },
  IY0107: {
    code: 'IY0107',
    name: 'MultipleDestinationRulesForHost',
    severity: 'warning',
    summary: 'Several DestinationRules for the same host in one namespace: Istio merges their subsets but applies only one trafficPolicy.',
  },
  IY0108: {
    code: 'IY0108',
    name: 'OlderApiVersion',
    severity: 'hint',
    summary: 'An older apiVersion (v1alpha3, v1beta1, telemetry v1alpha1) of a kind that has a stable v1 (Istio 1.22+).',
  },
  IY0110: {
    code: 'IY0110',
    name: 'VirtualServiceHostPartlyNotInGateway',
    severity: 'warning',
    summary: 'A VirtualService bound to a Gateway that serves some of its hosts but not all: the hosts it does not serve get no route through it.',
  },
  IY0201: {
    code: 'IY0201',
    name: 'GatewayApiParentNotFound',
    severity: 'error',
    summary: 'A Gateway API route\'s parentRef (or a ListenerSet\'s parentRef) names a Gateway or ListenerSet (or a Service/ServiceEntry for mesh routes) that does not exist; defaults: kind Gateway, the route\'s namespace. Status after apply: no parent accepts the route.',
  },
  IY0202: {
    code: 'IY0202',
    name: 'GatewayClassNotFound',
    severity: 'hint',
    summary: 'A Gateway\'s gatewayClassName is neither one of Istio\'s built-in classes nor a GatewayClass of the workspace: unless another controller owns it, nothing programs the Gateway (Accepted stays Unknown).',
  },
  IY0203: {
    code: 'IY0203',
    name: 'NoMatchingParent',
    severity: 'error',
    summary: 'A parentRef\'s sectionName or port matches no listener of its Gateway or ListenerSet (status: Accepted=False, NoMatchingParent).',
  },
  IY0204: {
    code: 'IY0204',
    name: 'NamespaceNotAllowedByListeners',
    severity: 'error',
    summary: 'No listener the parentRef targets admits the route\'s namespace (allowedRoutes.namespaces: Same by default, All, Selector over Namespace labels) (status: Accepted=False, NotAllowedByListeners).',
  },
  IY0205: {
    code: 'IY0205',
    name: 'KindNotAllowedByListeners',
    severity: 'error',
    summary: 'No listener the parentRef targets admits the route\'s kind (by its protocol or allowedRoutes.kinds) (status: Accepted=False, NotAllowedByListeners).',
  },
  IY0206: {
    code: 'IY0206',
    name: 'NoMatchingListenerHostname',
    severity: 'error',
    summary: 'None of the route\'s hostnames intersects the hostname of a listener the parentRef targets (status: Accepted=False, NoMatchingListenerHostname).',
  },
  IY0207: {
    code: 'IY0207',
    name: 'InvalidRouteKinds',
    severity: 'warning',
    summary: 'A listener\'s allowedRoutes.kinds names a route kind its protocol cannot carry (status: listener ResolvedRefs=False, InvalidRouteKinds).',
  },
  IY0208: {
    code: 'IY0208',
    name: 'BackendInvalidKind',
    severity: 'error',
    summary: 'A backendRef (or RequestMirror backendRef) of a kind Istio cannot route to, or a Service backendRef whose name is a host name (status: ResolvedRefs=False, InvalidKind).',
  },
  IY0209: {
    code: 'IY0209',
    name: 'BackendNotFound',
    severity: 'error',
    summary: 'A backendRef names a Service that does not exist (status: ResolvedRefs=False, BackendNotFound). Needs Services of the backend\'s namespace.',
  },
  IY0210: {
    code: 'IY0210',
    name: 'BackendPortNotFound',
    severity: 'error',
    summary: 'A backendRef\'s port is not a port of its Service: no status condition reports it, requests fail with 503.',
  },
  IY0211: {
    code: 'IY0211',
    name: 'RefNotPermitted',
    severity: 'error',
    summary: 'A cross-namespace backendRef, RequestMirror backendRef or listener certificateRef without a ReferenceGrant in the target namespace that allows it (status: ResolvedRefs=False, RefNotPermitted).',
  },
  IY0212: {
    code: 'IY0212',
    name: 'BackendPortMissing',
    severity: 'error',
    summary: 'A backendRef to a Service without `port`: the API server rejects the route (CEL rule "Must have port for Service reference").',
  },
  IY0213: {
    code: 'IY0213',
    name: 'CertificateRefNotFound',
    severity: 'error',
    summary: 'A listener\'s certificateRefs Secret does not exist (status: listener ResolvedRefs=False, InvalidCertificateRef). Needs Secrets of that namespace.',
  },
  IY0214: {
    code: 'IY0214',
    name: 'ListenerConflicted',
    severity: 'error',
    summary: 'A listener that cannot coexist with an earlier one of its Gateway on the same port (protocols that cannot share it, or the same hostname): Istio keeps the first (status: Conflicted=True, ProtocolConflict or HostnameConflict).',
  },
  IY0215: {
    code: 'IY0215',
    name: 'DuplicateListenerAcrossGateways',
    severity: 'warning',
    summary: 'Another Gateway API Gateway with a shared address (spec.addresses) has a listener with the same port, protocol and hostname: only one of them can serve it.',
  },
  IY0218: {
    code: 'IY0218',
    name: 'SameListenerOnSeveralGateways',
    severity: 'info',
    summary: 'Another Gateway API Gateway (with an address of its own) has a listener with the same port, protocol and hostname: which one a client reaches depends on DNS.',
  },
  IY0216: {
    code: 'IY0216',
    name: 'BackendWeightsAllZero',
    severity: 'warning',
    summary: 'Every backendRef of a route rule has weight 0: the rule sends nothing (requests get HTTP 500).',
  },
  IY0217: {
    code: 'IY0217',
    name: 'BackendWeightSplit',
    severity: 'hint',
    summary: 'A route rule with several weighted backendRefs: the effective split in percent.',
  },
  IY0219: {
    code: 'IY0219',
    name: 'ListenerSetNotAllowed',
    severity: 'error',
    summary: 'A ListenerSet whose parent Gateway does not admit ListenerSets from its namespace (spec.allowedListeners.namespaces.from: None by default, Same, All, Selector) (status: Accepted=False, NotAllowed).',
  },
  IY0301: {
    code: 'IY0301',
    name: 'WaypointWithoutHboneListener',
    severity: 'error',
    summary: 'A waypoint Gateway (class istio-waypoint) without the HBONE listener on port 15008: ambient traffic cannot reach it.',
  },
  IY0302: {
    code: 'IY0302',
    name: 'UseWaypointNotFound',
    severity: 'error',
    summary: 'istio.io/use-waypoint (on a Namespace, Service, ServiceEntry, Pod or WorkloadEntry) names a waypoint Gateway that does not exist (in istio.io/use-waypoint-namespace, else the object\'s namespace).',
  },
  IY0303: {
    code: 'IY0303',
    name: 'UseWaypointNotAllowed',
    severity: 'error',
    summary: 'The Gateway istio.io/use-waypoint names is not a waypoint, does not admit the object\'s namespace on its HBONE listener (allowedRoutes, Same by default), or its istio.io/waypoint-for (default service) does not serve the object\'s traffic (Services and ServiceEntries: service; Pods and WorkloadEntries: workload).',
  },
  IY0304: {
    code: 'IY0304',
    name: 'PolicyTargetRefInvalid',
    severity: 'error',
    summary: 'An Istio policy\'s targetRef/targetRefs names a kind Istio does not attach policies to (Service, ServiceEntry, Gateway API Gateway, GatewayClass istio-waypoint from the root namespace), sets a namespace (the CRDs reject any), or names an object missing from the policy\'s namespace.',
  },
};

/** Whether findings of `code` depend on their file alone, so no other file can withdraw them. */
export function isFileLocal(code: string): boolean {
  return codeTable[code]?.fileLocal === true;
}

/** The istio.io page of an IST code; undefined for our own codes. */
export function docsUrlFor(code: string): string | undefined {
  return /^IST\d{4}$/.test(code) ? `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/` : undefined;
}
