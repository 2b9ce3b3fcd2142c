/** Gateway API manifests for the tests of VirtualServices bound to them. */

export interface ListenerSpec {
  name: string;
  port?: number;
  protocol?: string;
  /** Omitted: the listener accepts every host. */
  hostname?: string;
}

/** A gateway.networking.k8s.io Gateway with the given listeners. */
export function kubernetesGateway(name: string, namespace: string, listeners: ListenerSpec[], version = 'v1'): string {
  const items = listeners.map(
    (l) =>
      `  - name: ${l.name}\n    port: ${l.port ?? 80}\n    protocol: ${l.protocol ?? 'HTTP'}\n` + (l.hostname !== undefined ? `    hostname: "${l.hostname}"\n` : ''),
  );
  return `apiVersion: gateway.networking.k8s.io/${version}
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  gatewayClassName: istio
  listeners:
${items.join('')}`;
}
