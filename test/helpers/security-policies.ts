/** Manifests for the policy and annotation tests: Namespaces with injection labels, AuthorizationPolicies, gateway pods. */

/** A Namespace with the given labels (e.g. `{ 'istio-injection': 'enabled' }`). */
export function namespace(name: string, labels: Record<string, string> = {}): string {
  const lines = Object.entries(labels).map(([k, v]) => `    ${k}: "${v}"`);
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
${lines.length ? `  labels:\n${lines.join('\n')}\n` : ''}`;
}

/** An AuthorizationPolicy; `spec` is the YAML under `spec:` indented by two spaces (empty for `spec: {}`). */
export function authorizationPolicy(name: string, ns: string, spec = ''): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:${spec ? `\n${spec}` : ' {}\n'}`;
}

/** A selector block for `spec`. */
export function selecting(labels: Record<string, string>): string {
  return `  selector:\n    matchLabels:\n${Object.entries(labels).map(([k, v]) => `      ${k}: ${v}`).join('\n')}\n`;
}

/** A Pod with an injected sidecar (an istio-proxy container with an image). */
export function meshPod(name: string, ns: string, labels: Record<string, string>): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  containers:
  - name: app
    image: example/app:1
  - name: istio-proxy
    image: example/proxyv2:1
`;
}

/** A pod of the Kubernetes Gateway API gateway `gateway`. */
export function gatewayPod(name: string, ns: string, gateway: string, extra: Record<string, string> = {}): string {
  return meshPod(name, ns, { 'gateway.networking.k8s.io/gateway-name': gateway, ...extra });
}
