/** Small Gateway API manifests for the route and listener checks, written as a user would. */

export interface ParentSpec {
  name: string;
  namespace?: string;
  sectionName?: string;
  port?: number;
  kind?: string;
  group?: string;
}

export interface BackendSpec {
  name: string;
  namespace?: string;
  port?: number;
  weight?: number;
  kind?: string;
  group?: string;
}

function fields(spec: object, indent: string): string {
  return Object.entries(spec)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => `${i === 0 ? '' : indent}${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}\n`)
    .join('');
}

/** A route of `kind` in `namespace` with the given parents, hostnames and one rule per backend list. */
export function route(kind: string, name: string, namespace: string, parents: ParentSpec[], hostnames: string[], rules: BackendSpec[][] = []): string {
  const parentItems = parents.map((p) => `  - ${fields(p, '    ')}`).join('');
  const hostItems = hostnames.length ? `  hostnames:\n${hostnames.map((h) => `  - "${h}"\n`).join('')}` : '';
  const ruleItems = rules.length
    ? `  rules:\n${rules.map((backends) => `  - backendRefs:\n${backends.map((b) => `    - ${fields(b, '      ')}`).join('')}`).join('')}`
    : '';
  return `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  parentRefs:
${parentItems}${hostItems}${ruleItems}`;
}

export const httpRoute = (name: string, namespace: string, parents: ParentSpec[], hostnames: string[] = [], rules: BackendSpec[][] = []) =>
  route('HTTPRoute', name, namespace, parents, hostnames, rules);

/** A Gateway whose listeners are given as YAML items (each starting with `- name:`), indented by the helper. */
export function gatewayWithListeners(name: string, namespace: string, listenersYaml: string, className = 'istio'): string {
  const body = listenersYaml
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  gatewayClassName: ${className}
  listeners:
${body}
`;
}

export function service(name: string, namespace: string, ports: number[]): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  ports:
${ports.map((p) => `  - name: http-${p}\n    port: ${p}\n`).join('')}`;
}

export function namespaceObject(name: string, labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels);
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${entries.length ? `  labels:\n${entries.map(([k, v]) => `    ${k}: "${v}"\n`).join('')}` : ''}`;
}

export function referenceGrant(namespace: string, from: { kind: string; namespace: string }, to: { kind: string; name?: string; group?: string }): string {
  return `apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: grant
  namespace: ${namespace}
spec:
  from:
  - group: gateway.networking.k8s.io
    kind: ${from.kind}
    namespace: ${from.namespace}
  to:
  - group: "${to.group ?? ''}"
    kind: ${to.kind}
${to.name ? `    name: ${to.name}\n` : ''}`;
}
