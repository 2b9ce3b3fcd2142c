/** Manifests for the ambient-mode tests: waypoint Gateways and objects labelled with `istio.io/use-waypoint`. */

export interface WaypointSpec {
  className?: string;
  /** The Gateway's own labels (e.g. istio.io/waypoint-for). */
  labels?: Record<string, string>;
  /** Listeners as YAML items (indented by 2 under `listeners:`); default: the HBONE listener on 15008. */
  listeners?: string;
}

const entries = (labels: Record<string, string>, indent: number) =>
  Object.entries(labels)
    .map(([k, v]) => `${' '.repeat(indent)}${k}: "${v}"\n`)
    .join('');

/** The HBONE listener `istioctl waypoint generate` writes, with optional allowedRoutes.namespaces YAML (indented under `namespaces:`). */
export function hboneListener(namespaces?: string): string {
  const allowed = namespaces ? `    allowedRoutes:\n      namespaces:\n${namespaces}` : '';
  return `  - name: mesh\n    port: 15008\n    protocol: HBONE\n${allowed}`;
}

/** A gateway.networking.k8s.io Gateway (by default a waypoint of class istio-waypoint with the HBONE listener). */
export function waypoint(name: string, namespace: string, spec: WaypointSpec = {}): string {
  const labels = spec.labels && Object.keys(spec.labels).length ? `  labels:\n${entries(spec.labels, 4)}` : '';
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
${labels}spec:
  gatewayClassName: ${spec.className ?? 'istio-waypoint'}
  listeners:
${spec.listeners ?? hboneListener()}`;
}

/** An object of a core or Istio kind with labels (Namespace: cluster-scoped, no namespace). */
export function labelled(kind: 'Namespace' | 'Service' | 'ServiceEntry' | 'Pod' | 'WorkloadEntry', name: string, namespace: string, labels: Record<string, string>): string {
  const apiVersion = kind === 'ServiceEntry' || kind === 'WorkloadEntry' ? 'networking.istio.io/v1' : 'v1';
  const ns = kind === 'Namespace' ? '' : `  namespace: ${namespace}\n`;
  const body: Record<typeof kind, string> = {
    Namespace: '',
    Service: `spec:\n  selector:\n    app: ${name}\n  ports:\n  - name: http\n    port: 80\n`,
    ServiceEntry: `spec:\n  hosts:\n  - ${name}.example.com\n  ports:\n  - name: http\n    number: 80\n    protocol: HTTP\n  resolution: DNS\n`,
    Pod: `spec:\n  containers:\n  - name: app\n    image: app:1\n`,
    WorkloadEntry: `spec:\n  address: 10.0.0.1\n`,
  };
  const labelBlock = Object.keys(labels).length ? `  labels:\n${entries(labels, 4)}` : '';
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${ns}${labelBlock}${body[kind]}`;
}

/** A policy of `kind` with `targetRefs` given as YAML items (indented by 2 under `targetRefs:`), or a single `targetRef` map. */
export function targeting(kind: string, name: string, namespace: string, refs: string, single = false): string {
  const apiVersion: Record<string, string> = {
    AuthorizationPolicy: 'security.istio.io/v1',
    RequestAuthentication: 'security.istio.io/v1',
    Telemetry: 'telemetry.istio.io/v1',
    WasmPlugin: 'extensions.istio.io/v1alpha1',
    EnvoyFilter: 'networking.istio.io/v1alpha3',
  };
  return `apiVersion: ${apiVersion[kind]}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  ${single ? 'targetRef' : 'targetRefs'}:\n${refs}`;
}

/** One targetRefs item. */
export function ref(kind: string, name: string, group?: string, namespace?: string): string {
  return `  - kind: ${kind}\n    name: ${name}\n` + (group !== undefined ? `    group: "${group}"\n` : '') + (namespace !== undefined ? `    namespace: ${namespace}\n` : '');
}
