/** Namespaces and mesh Deployments for the workload checks' tests. */

/** A Namespace, labelled for sidecar injection unless `injection` says otherwise. */
export function namespace(name: string, injection = 'enabled'): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    istio-injection: ${injection}
`;
}

/** A Deployment of `app` whose pod template carries `app: <app>` plus `templateLabels`, and `metadataLabels` on itself. */
export function meshDeployment(name: string, namespace: string, app: string, templateLabels: Record<string, string> = {}, metadataLabels: Record<string, string> = {}): string {
  const lines = (labels: Record<string, string>, indent: string) => Object.entries(labels).map(([k, v]) => `${indent}${k}: "${v}"\n`).join('');
  const own = Object.keys(metadataLabels).length ? `  labels:\n${lines(metadataLabels, '    ')}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
${own}spec:
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
${lines(templateLabels, '        ')}    spec:
      containers:
      - name: main
        image: example/${app}:1
`;
}

/** A Service selecting `app: <app>` with ports given as `port[/PROTOCOL][>targetPort]`. */
export function selectingService(name: string, namespace: string, app: string, ports: string[]): string {
  const items = ports.map((spec, i) => {
    const [head, target] = spec.split('>');
    const [port, protocol] = head.split('/');
    return `  - name: ${protocol === 'UDP' ? 'udp' : 'tcp'}-p${i}\n    port: ${port}\n${protocol ? `    protocol: ${protocol}\n` : ''}${target ? `    targetPort: ${target}\n` : ''}`;
  });
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
    app: ${app}
  ports:
${items.join('')}`;
}
