/** Small core Kubernetes manifests (Services, workloads) the engine tests combine with Istio ones. */

export interface PortSpec {
  port: number | string;
  name?: string;
  protocol?: string;
  appProtocol?: string;
}

function labelLines(labels: Record<string, string>, indent: string): string {
  return Object.entries(labels)
    .map(([k, v]) => `${indent}${k}: ${v}`)
    .join('\n');
}

/** A Service with the given ports and selector (no selector when it is undefined). */
export function service(name: string, namespace: string | undefined, ports: PortSpec[], selector: Record<string, string> | undefined = { app: name }): string {
  const portLines = ports.map((p) => {
    const lines = [`  - port: ${p.port}`];
    if (p.name !== undefined) lines.push(`    name: ${p.name}`);
    if (p.protocol) lines.push(`    protocol: ${p.protocol}`);
    if (p.appProtocol) lines.push(`    appProtocol: ${p.appProtocol}`);
    return lines.join('\n');
  });
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
${selector ? `  selector:\n${labelLines(selector, '    ')}\n` : ''}  ports:
${portLines.join('\n')}
`;
}

/** A Deployment whose pod template carries `labels`. */
export function deployment(name: string, namespace: string | undefined, labels: Record<string, string>): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  selector:
    matchLabels:
${labelLines(labels, '      ')}
  template:
    metadata:
      labels:
${labelLines(labels, '        ')}
    spec:
      containers:
      - name: app
        image: example/app:1
`;
}

/** A bare Pod with `labels`. */
export function pod(name: string, namespace: string | undefined, labels: Record<string, string>): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
${labelLines(labels, '    ')}
spec:
  containers:
  - name: app
    image: example/app:1
`;
}

/** A ServiceEntry for `hosts` with the given ports (`number/PROTOCOL`), optionally exported. */
export function serviceEntry(name: string, namespace: string | undefined, hosts: string[], ports: string[], exportTo?: string[]): string {
  return `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  hosts:
${hosts.map((h) => `  - "${h}"`).join('\n')}
${exportTo ? `  exportTo:\n${exportTo.map((e) => `  - "${e}"`).join('\n')}\n` : ''}  location: MESH_EXTERNAL
  resolution: DNS
  ports:
${ports
  .map((p) => {
    const [number, protocol] = p.split('/');
    return `  - number: ${number}\n    name: ${protocol.toLowerCase()}-${number}\n    protocol: ${protocol}`;
  })
  .join('\n')}
`;
}
