import { X509Certificate } from 'node:crypto';
import { asMap, getValue, scalarText } from '../parse/yaml-nodes';
import { hasPlaceholder } from '../text/templating';
import type { Resource } from './resource';

/**
 * A Secret as a gateway's credentialName reads it (istio's pilot/pkg/credentials/kube ExtractCertInfo, then
 * ValidateCertificate): `cert` and `key` when both are non-empty, else `tls.crt` and `tls.key`; the certificate is
 * the first PEM block, which must hold an X.509 certificate valid at the time of the check.
 */

/** What a Secret holds, read once per resource; the validity window is compared with the clock at each check. */
export type SecretCertificate =
  | { kind: 'unknown' }
  | { kind: 'problem'; problem: string }
  | { kind: 'certificate'; key: string; notBefore: number; notAfter: number };

const cache = new WeakMap<Resource, SecretCertificate>();

/** The certificate a Secret serves to a gateway, or why it serves none; `unknown` when placeholders or undecodable data hide it. Never throws. */
export function secretCertificate(secret: Resource): SecretCertificate {
  let hit = cache.get(secret);
  if (!hit) cache.set(secret, (hit = read(secret)));
  return hit;
}

/** Why the Secret cannot serve as a gateway certificate at time `now` (ms), or undefined when it can or is unknown. */
export function secretProblem(secret: Resource, now: number): string | undefined {
  const read = secretCertificate(secret);
  if (read.kind === 'problem') return read.problem;
  if (read.kind === 'unknown') return undefined;
  if (now > read.notAfter) return `its certificate (${read.key}) expired on ${new Date(read.notAfter).toISOString().slice(0, 10)}`;
  if (now < read.notBefore) return `its certificate (${read.key}) is not valid before ${new Date(read.notBefore).toISOString().slice(0, 10)}`;
  return undefined;
}

function read(secret: Resource): SecretCertificate {
  try {
    const data = secretData(secret);
    if (!data) return { kind: 'unknown' };
    const pair = (['cert', 'key'] as const).every((k) => data.get(k)?.length)
      ? 'cert'
      : (['tls.crt', 'tls.key'] as const).every((k) => data.get(k)?.length)
        ? 'tls.crt'
        : undefined;
    if (!pair) {
      const found = [...data.keys()].sort().join(', ') || 'none';
      return { kind: 'problem', problem: `it has neither non-empty tls.crt and tls.key nor cert and key (keys found: ${found})` };
    }
    return parseCertificate(data.get(pair)!, pair);
  } catch {
    return { kind: 'unknown' };
  }
}

/**
 * The Secret's `data` decoded from base64, with `stringData` laid over it as the API server does. Undefined when a
 * value is a placeholder or not base64 (istioctl could not load such a Secret at all).
 */
function secretData(secret: Resource): Map<string, Buffer> | undefined {
  const out = new Map<string, Buffer>();
  const data = asMap(getValue(secret.root, 'data'));
  for (const pair of data?.items ?? []) {
    const key = scalarText(pair.key);
    const value = scalarText(pair.value) ?? '';
    if (key === undefined) continue;
    if (hasPlaceholder(value)) return undefined;
    const compact = value.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
    out.set(key, Buffer.from(compact, 'base64'));
  }
  const stringData = asMap(getValue(secret.root, 'stringData'));
  for (const pair of stringData?.items ?? []) {
    const key = scalarText(pair.key);
    const value = scalarText(pair.value) ?? '';
    if (key === undefined) continue;
    if (hasPlaceholder(value)) return undefined;
    out.set(key, Buffer.from(value, 'utf8'));
  }
  return out;
}

/** The first PEM block of `pem` parsed as an X.509 certificate, as Go's pem.Decode + x509.ParseCertificates read it. */
function parseCertificate(pem: Buffer, key: string): SecretCertificate {
  const text = pem.toString('latin1');
  const block = /-----BEGIN ([^\r\n]*?)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!block) return { kind: 'problem', problem: `${key} holds no PEM block` };
  const body = block[2]
    .split(/\r?\n/)
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/\s+/g, '');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(body, 'base64'));
  } catch {
    return { kind: 'problem', problem: `${key} is not a valid X.509 certificate` };
  }
  const notBefore = Date.parse(certificate.validFrom);
  const notAfter = Date.parse(certificate.validTo);
  if (Number.isNaN(notBefore) || Number.isNaN(notAfter)) return { kind: 'unknown' };
  return { kind: 'certificate', key, notBefore, notAfter };
}
