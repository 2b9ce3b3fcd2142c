import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './catalog';

/** Gateways with any selector and servers, gateway Services with target ports, and TLS Secrets for the gateway tests. */

export interface ServerSpec {
  port: number;
  hosts: string[];
  name?: string;
  protocol?: string;
  bind?: string;
  /** Lines under `tls:` (without indentation), e.g. ['mode: SIMPLE', 'credentialName: shop-tls']. */
  tls?: string[];
}

/** A Gateway; `selector` undefined writes no selector at all. */
export function gatewayOf(name: string, namespace: string, selector: Record<string, string> | undefined, servers: ServerSpec[]): string {
  const selectorText = selector === undefined ? '' : Object.keys(selector).length ? `  selector:\n${Object.entries(selector).map(([k, v]) => `    ${k}: ${v}`).join('\n')}\n` : '  selector: {}\n';
  const serverText = servers
    .map((s) => {
      const lines = [`  - port: {number: ${s.port}, name: ${s.name ?? `p${s.port}`}, protocol: ${s.protocol ?? 'HTTP'}}`, `    hosts: [${s.hosts.map((h) => `"${h}"`).join(', ')}]`];
      if (s.bind) lines.push(`    bind: ${s.bind}`);
      if (s.tls) lines.push('    tls:', ...s.tls.map((l) => `      ${l}`));
      return lines.join('\n');
    })
    .join('\n');
  return `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${selectorText}  servers:
${serverText}
`;
}

export interface ServicePort {
  port: number | string;
  targetPort?: number | string;
  protocol?: string;
}

/** A Service selecting `selector`, with target ports. */
export function gatewayService(name: string, namespace: string, selector: Record<string, string>, ports: ServicePort[]): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector:
${Object.entries(selector).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
  ports:
${ports
  .map((p, i) => [`  - name: tcp-${i}`, `    port: ${p.port}`, ...(p.targetPort !== undefined ? [`    targetPort: ${p.targetPort}`] : []), ...(p.protocol ? [`    protocol: ${p.protocol}`] : [])].join('\n'))
  .join('\n')}
`;
}

/** A PEM file of test/fixtures/tls (self-signed test certificates made with openssl: valid-100y, expired-2021, not-yet-valid-2120, and their key). */
export function pemFixture(name: 'valid-100y.crt' | 'expired-2021.crt' | 'not-yet-valid-2120.crt' | 'test-only.key'): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'tls', `${name}.pem`), 'utf8');
}

/** A Secret whose `data` holds each value base64-encoded (raw strings given as `{ raw: '...' }` are written as they are). */
export function tlsSecret(name: string, namespace: string, data: Record<string, string | { raw: string }>): string {
  const lines = Object.entries(data).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? Buffer.from(v).toString('base64') : v.raw}`);
  return `apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: ${namespace}
type: kubernetes.io/tls
data:
${lines.join('\n')}
`;
}
