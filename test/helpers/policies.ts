/** Builders for the namespace-local policies (Sidecar, Telemetry) and the objects they look at (Namespaces, annotated Pods). */

/** A Sidecar with an egress listener; `labels` undefined means no workloadSelector. */
export function sidecar(name: string, namespace: string, labels?: Record<string, string>): string {
  const selector = labels ? `  workloadSelector:\n    labels:\n${entries(labels, 6)}` : '';
  return `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${selector}  egress:
  - hosts: ["./*"]
`;
}

/** A Telemetry with the given spec lines (already indented by two spaces). */
export function telemetry(name: string, namespace: string, spec: string): string {
  return `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec.replace(/\n?$/, '\n')}`;
}

/** Telemetry spec lines selecting `labels`, with a named access-log provider. */
export function selecting(labels: Record<string, string>): string {
  return `  selector:\n    matchLabels:\n${entries(labels, 6)}  accessLogging:\n  - providers:\n    - name: envoy`;
}

/** Telemetry spec lines for access logging to envoy, without selector. */
export const envoyLogs = '  accessLogging:\n  - providers:\n    - name: envoy';

/** A Namespace object with labels. */
export function namespaceObject(name: string, labels: Record<string, string>): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
${entries(labels, 4)}`;
}

/** A Pod with labels and annotations. */
export function annotatedPod(name: string, namespace: string, labels: Record<string, string>, annotations: Record<string, string>): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
${entries(labels, 4)}  annotations:
${entries(annotations, 4)}spec:
  containers:
  - name: app
    image: app:1
`;
}

export { meshConfigMap } from './manifests';

function entries(map: Record<string, string>, indent: number): string {
  return Object.entries(map)
    .map(([k, v]) => `${' '.repeat(indent)}${k}: ${JSON.stringify(v)}\n`)
    .join('');
}
