import { hasPlaceholder } from '../../text/templating';
import type { RouteProtocol } from '../virtualservice-routes';

/**
 * When two route matches are "the same" the way istioctl decides it: it compares the serialized proto
 * message, so a field at its zero value (`port: 0`, `ignoreUriCase: false`, `gateways: []`) is the same as
 * an absent one, map keys are unordered, list order counts, and an HTTP match's `name` is left out
 * (`statPrefix` is not). Field names may be written camelCase or snake_case, as the proto JSON reader accepts.
 */

type FieldType = 'stringMatch' | 'stringMatchMap' | 'uint32' | 'stringMap' | 'stringList' | 'bool' | 'string' | 'ignored';

const httpFields: Record<string, FieldType> = {
  name: 'ignored',
  uri: 'stringMatch',
  scheme: 'stringMatch',
  method: 'stringMatch',
  authority: 'stringMatch',
  headers: 'stringMatchMap',
  port: 'uint32',
  sourceLabels: 'stringMap',
  gateways: 'stringList',
  queryParams: 'stringMatchMap',
  ignoreUriCase: 'bool',
  withoutHeaders: 'stringMatchMap',
  sourceNamespace: 'string',
  statPrefix: 'string',
};

const tcpFields: Record<string, FieldType> = {
  destinationSubnets: 'stringList',
  port: 'uint32',
  sourceSubnet: 'string',
  sourceLabels: 'stringMap',
  gateways: 'stringList',
  sourceNamespace: 'string',
};

const tlsFields: Record<string, FieldType> = {
  sniHosts: 'stringList',
  destinationSubnets: 'stringList',
  port: 'uint32',
  sourceLabels: 'stringMap',
  gateways: 'stringList',
  sourceNamespace: 'string',
};

const fieldsOf: Record<RouteProtocol, Record<string, FieldType>> = { http: httpFields, tcp: tcpFields, tls: tlsFields };

/** A value we cannot judge (wrong type, placeholder): the whole match is then left alone. */
const unjudged = Symbol('unjudged');
/** A zero value, which serializes as if absent. */
const absent = Symbol('absent');
type Normalized = unknown;

/**
 * The match's identity as istioctl compares matches of one protocol, or undefined when the match
 * cannot be judged (a value of the wrong type or with a placeholder).
 */
export function matchIdentity(protocol: RouteProtocol, match: Record<string, unknown>): string | undefined {
  const fields = fieldsOf[protocol];
  const out: Record<string, Normalized> = {};
  for (const [written, value] of Object.entries(match)) {
    const key = camelCase(written);
    const type = fields[key];
    // An unknown field is kept as written: it makes the match distinct, never the same as another.
    const normalized = type ? normalize(type, value) : rawValue(value);
    if (normalized === unjudged) return undefined;
    if (normalized === absent || type === 'ignored') continue;
    out[type ? key : `?${written}`] = normalized;
  }
  return canonical(out);
}

/** `source_labels` → `sourceLabels`; camelCase stays as it is. */
function camelCase(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function normalize(type: FieldType, value: unknown): Normalized {
  if (value === null || value === undefined) return absent;
  switch (type) {
    case 'ignored':
      return absent;
    case 'string':
      if (typeof value !== 'string' || hasPlaceholder(value)) return unjudged;
      return value === '' ? absent : value;
    case 'bool':
      if (typeof value !== 'boolean') return unjudged;
      return value ? true : absent;
    case 'uint32':
      return uint32(value);
    case 'stringList': {
      if (!Array.isArray(value)) return unjudged;
      if (value.some((v) => typeof v !== 'string' || hasPlaceholder(v))) return unjudged;
      return value.length ? value : absent;
    }
    case 'stringMap': {
      const entries = mapEntries(value);
      if (!entries || entries.some(([, v]) => typeof v !== 'string' || hasPlaceholder(v))) return unjudged;
      return entries.length ? Object.fromEntries(entries) : absent;
    }
    case 'stringMatch': {
      const normalized = stringMatch(value);
      return normalized ?? unjudged;
    }
    case 'stringMatchMap': {
      const entries = mapEntries(value);
      if (!entries) return unjudged;
      const out: Record<string, Normalized> = {};
      for (const [k, v] of entries) {
        const normalized = stringMatch(v);
        if (!normalized || hasPlaceholder(k)) return unjudged;
        out[k] = normalized;
      }
      return entries.length ? out : absent;
    }
  }
}

/**
 * A StringMatch: one of exact, prefix, regex. The chosen one counts even when empty (`exact: ""` is not
 * the same as no condition), and `{}` is a StringMatch with none chosen.
 */
function stringMatch(value: unknown): Record<string, string> | undefined {
  const entries = mapEntries(value);
  if (!entries || entries.length > 1) return undefined;
  const [entry] = entries;
  if (!entry) return {};
  const [kind, pattern] = entry;
  if (!['exact', 'prefix', 'regex'].includes(kind) || typeof pattern !== 'string' || hasPlaceholder(pattern)) return undefined;
  return { [kind]: pattern };
}

/** The entries of a plain map; undefined when the value is not one. */
function mapEntries(value: unknown): Array<[string, unknown]> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.entries(value as Record<string, unknown>);
}

/** A port number as the proto JSON reader takes it: a number or a numeric string. */
function uint32(value: unknown): Normalized {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return unjudged;
  return n === 0 ? absent : n;
}

function rawValue(value: unknown): Normalized {
  if (typeof value === 'string' && hasPlaceholder(value)) return unjudged;
  return value ?? null;
}

/** JSON with object keys sorted, so equal matches written in different key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
