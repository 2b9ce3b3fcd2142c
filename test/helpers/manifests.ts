/** Small manifests the engine tests combine. */

export function gateway(name: string, namespace: string, hosts: string[]): string {
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
${hosts.map((h) => `    - "${h}"`).join('\n')}
`;
}

export function virtualService(name: string, namespace: string | undefined, hosts: string[], gateways: string[], routes = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  hosts:
${hosts.map((h) => `  - "${h}"`).join('\n')}
${gateways.length ? `  gateways:\n${gateways.map((g) => `  - ${g}`).join('\n')}\n` : ''}${routes}`;
}

export function destinationRule(name: string, namespace: string | undefined, host: string, subsets: string[], extra = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  host: "${host}"
${extra}  subsets:
${subsets.map((s) => `  - name: ${s}\n    labels:\n      version: ${s}`).join('\n')}
`;
}

/** An http section routing to host/subset pairs with weights. */
export function httpRoute(destinations: Array<{ host: string; subset?: string; weight?: number }>): string {
  const lines = ['  http:', '  - route:'];
  for (const d of destinations) {
    lines.push('    - destination:', `        host: ${d.host}`);
    if (d.subset) lines.push(`        subset: ${d.subset}`);
    if (d.weight !== undefined) lines.push(`      weight: ${d.weight}`);
  }
  return lines.join('\n') + '\n';
}

/** ServiceEntry db (host db.example.com, DNS, mesh-external) with the given `ports` items and extra spec lines. */
export function serviceEntry(ports: string, extra = ''): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: db
spec:
  hosts:
  - db.example.com
${extra}  location: MESH_EXTERNAL
  resolution: DNS
  ports:
${ports}`;
}

/** The `istio` ConfigMap in istio-system holding the given mesh config lines. */
export function meshConfigMap(mesh: string): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |
${mesh
  .split('\n')
  .map((l) => (l ? `    ${l}` : l))
  .join('\n')}
`;
}
