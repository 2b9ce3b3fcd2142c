/**
 * One-line summaries of route matches for pictures: `uri prefix /api, header x-user=jason`. Read from the matches as
 * plain data; a field this module does not know is named, not dropped.
 */

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Istio StringMatch (`exact`, `prefix`, `regex`) after a label: `uri=/a`, `uri prefix /a`, `uri ~ ^/a`. */
function istioString(label: string, match: unknown): string {
  if (!isPlain(match)) return `${label} ${String(match)}`;
  if ('exact' in match) return `${label}=${String(match.exact)}`;
  if ('prefix' in match) return `${label} prefix ${String(match.prefix)}`;
  if ('regex' in match) return `${label} ~ ${String(match.regex)}`;
  return `${label} present`;
}

function entries(value: unknown): Array<[string, unknown]> {
  return isPlain(value) ? Object.entries(value) : [];
}

/** A VirtualService http/tls/tcp match: every condition it sets, in a fixed order. */
export function summarizeIstioMatch(match: Plain): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(match)) {
    switch (key) {
      case 'name':
      case 'ignoreUriCase':
        break;
      case 'uri':
      case 'scheme':
      case 'method':
      case 'authority':
        parts.push(istioString(key, value));
        break;
      case 'headers':
        for (const [name, m] of entries(value)) parts.push(istioString(`header ${name}`, m));
        break;
      case 'withoutHeaders':
        for (const [name, m] of entries(value)) parts.push(`not ${istioString(`header ${name}`, m)}`);
        break;
      case 'queryParams':
        for (const [name, m] of entries(value)) parts.push(istioString(`query ${name}`, m));
        break;
      case 'sourceLabels':
        parts.push(`source ${entries(value).map(([k, v]) => `${k}=${String(v)}`).join(',')}`);
        break;
      case 'sniHosts':
      case 'destinationSubnets':
      case 'gateways':
        parts.push(`${key === 'sniHosts' ? 'sni' : key === 'gateways' ? 'gateway' : 'subnet'} ${Array.isArray(value) ? value.map(String).join(',') : String(value)}`);
        break;
      default:
        parts.push(`${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
    }
  }
  if (match.ignoreUriCase === true) parts.push('(uri case-insensitive)');
  return parts.length ? parts.join(', ') : 'any request';
}

/** Gateway API match type (`Exact`, `PathPrefix`, `RegularExpression`) after a label. */
function apiString(label: string, type: unknown, value: unknown, defaultType: string): string {
  const t = typeof type === 'string' ? type : defaultType;
  if (t === 'Exact') return `${label}=${String(value)}`;
  if (t === 'PathPrefix') return `${label} prefix ${String(value)}`;
  if (t === 'RegularExpression') return `${label} ~ ${String(value)}`;
  return `${label} ${t} ${String(value)}`;
}

function list(value: unknown): Plain[] {
  return Array.isArray(value) ? value.filter(isPlain) : [];
}

/** An HTTPRoute or GRPCRoute match, with the API's defaults (path prefix `/`, exact headers). */
export function summarizeGatewayApiMatch(match: Plain, kind: string): string {
  const parts: string[] = [];
  if (kind === 'GRPCRoute') {
    if (isPlain(match.method)) {
      const { service, method, type } = match.method;
      const text = `${service === undefined ? '*' : String(service)}/${method === undefined ? '*' : String(method)}`;
      parts.push(type === 'RegularExpression' ? `grpc ~ ${text}` : `grpc ${text}`);
    }
  } else {
    const path = isPlain(match.path) ? match.path : undefined;
    parts.push(path ? apiString('path', path.type, path.value ?? '/', 'PathPrefix') : 'path prefix /');
    if (match.method !== undefined) parts.push(`method=${String(match.method)}`);
  }
  for (const h of list(match.headers)) parts.push(apiString(`header ${String(h.name)}`, h.type, h.value, 'Exact'));
  for (const q of list(match.queryParams)) parts.push(apiString(`query ${String(q.name)}`, q.type, q.value, 'Exact'));
  return parts.length ? parts.join(', ') : 'any request';
}
