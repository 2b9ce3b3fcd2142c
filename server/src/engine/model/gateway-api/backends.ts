import type { IndexLookups } from '../../workspace/resource-index';
import { serviceView } from '../kubernetes-views';
import type { Resource } from '../resource';
import { gatewayApiGroup, referenceGrantView, type BackendRefView, type ObjectRefView } from './views';

/** Where a route's backendRef (or a listener's certificateRef) leads, with Istio's rules on kinds and ReferenceGrants. */

export interface BackendKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The backendRef with defaults applied (kind Service of the core group, the route's namespace). */
export function backendKey(ref: ObjectRefView, routeNamespace: string): BackendKey {
  return {
    group: ref.group?.value ?? '',
    kind: ref.kind?.value ?? 'Service',
    namespace: ref.namespace?.value ?? routeNamespace,
    name: ref.name?.value ?? '',
  };
}

/** The backend kinds Istio routes to (conversion.go buildDestination); others are InvalidKind. */
const supportedBackendKinds = [
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'Hostname' },
  { group: 'multicluster.x-k8s.io', kind: 'ServiceImport' },
  { group: 'inference.networking.k8s.io', kind: 'InferencePool' },
  { group: 'gateway.networking.x-k8s.io', kind: 'XBackend' },
];

export function isSupportedBackendKind(key: BackendKey): boolean {
  return supportedBackendKinds.some((k) => k.group === key.group && k.kind === key.kind);
}

export function describeBackendKinds(): string {
  return supportedBackendKinds.map((k) => (k.group ? `${k.group}/${k.kind}` : k.kind)).join(', ');
}

export type ServiceBackend =
  | { status: 'found'; service: Resource; ports: number[] | undefined }
  /** The workspace holds Services of that namespace but not this one. */
  | { status: 'missing'; candidates: string[] }
  | { status: 'unknown' };

/** The Service a backendRef of kind Service (or ServiceImport, which Istio resolves through the Service) names. */
export function serviceBackend(index: IndexLookups, key: BackendKey): ServiceBackend {
  const [service] = index.find('', 'Service', key.namespace, key.name);
  if (service) {
    const ports = serviceView(service).ports.map((p) => p.port);
    return { status: 'found', service, ports: ports.every((p): p is number => p !== undefined) ? ports : undefined };
  }
  const here = index.ofKind('', 'Service').filter((s) => s.namespace === key.namespace);
  return here.length ? { status: 'missing', candidates: here.map((s) => s.name) } : { status: 'unknown' };
}

export interface GrantRequest {
  /** The referring object: its kind (group gateway.networking.k8s.io) and namespace. */
  fromKind: string;
  fromNamespace: string;
  to: BackendKey;
}

/** ReferenceGrants of the target namespace that allow the reference (a cross-namespace reference needs one). */
export function grantsAllowing(index: IndexLookups, request: GrantRequest): Resource[] {
  return index
    .ofKind(gatewayApiGroup, 'ReferenceGrant')
    .filter((grant) => grant.namespace === request.to.namespace && grantAllows(referenceGrantView(grant), request));
}

function grantAllows(view: ReturnType<typeof referenceGrantView>, request: GrantRequest): boolean {
  const fromOk = view.from.some((f) => f.group === gatewayApiGroup && f.kind === request.fromKind && f.namespace === request.fromNamespace);
  const toOk = view.to.some((t) => t.group === request.to.group && t.kind === request.to.kind && (!t.name || t.name === request.to.name));
  return fromOk && toOk;
}

/** The sum of the backends' weights (absent = 1). */
export function totalWeight(backends: readonly BackendRefView[]): number {
  return backends.reduce((sum, b) => sum + (b.weight?.value ?? 1), 0);
}
