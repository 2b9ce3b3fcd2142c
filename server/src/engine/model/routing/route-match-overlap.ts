/**
 * istioctl's overlap test between HTTP matches with a URI prefix: an earlier match "covers" a later one
 * when the later prefix starts with the earlier one and the other conditions it compares agree. Only
 * port, method, authority, headers, queryParams and withoutHeaders take part; scheme, sourceLabels,
 * gateways, sourceNamespace and ignoreUriCase do not. Each StringMatch is reduced to `exact:v` or
 * `prefix:v` (a regex reads as no condition), and a match without method counts as `exact:GET`.
 */

export interface PrefixShape {
  prefix: string;
  /** 0 when absent. */
  port: number;
  method: string;
  authority: string;
  headers: ReadonlyMap<string, string>;
  queryParams: ReadonlyMap<string, string>;
  withoutHeaders: ReadonlyMap<string, string>;
}

/** The shape istioctl compares, for a match whose `uri` is a non-empty prefix; undefined for any other match. */
export function prefixShape(match: Record<string, unknown>): PrefixShape | undefined {
  const uri = objectOf(match.uri);
  const prefix = uri?.prefix;
  if (typeof prefix !== 'string' || prefix === '' || uri?.exact !== undefined || uri?.regex !== undefined) return undefined;
  const port = match.port;
  const portNumber = typeof port === 'number' ? port : typeof port === 'string' && /^\d+$/.test(port) ? Number(port) : port == null ? 0 : NaN;
  if (!Number.isInteger(portNumber)) return undefined;
  const headers = conditionMap(match.headers);
  const queryParams = conditionMap(match.queryParams ?? match.query_params);
  const withoutHeaders = conditionMap(match.withoutHeaders ?? match.without_headers);
  if (!headers || !queryParams || !withoutHeaders) return undefined;
  return {
    prefix,
    port: portNumber,
    method: condition(match.method) || 'exact:GET',
    authority: condition(match.authority),
    headers,
    queryParams,
    withoutHeaders,
  };
}

/** Whether istioctl judges the earlier match `a` to cover the later match `b` (the order matters). */
export function covers(a: PrefixShape, b: PrefixShape): boolean {
  if (!b.prefix.startsWith(a.prefix)) return false;
  if (a.port !== b.port) return false;
  // As istioctl compares them: the earlier value must start with the later one.
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  return sameConditions(a.headers, b.headers) && sameConditions(a.queryParams, b.queryParams) && sameConditions(a.withoutHeaders, b.withoutHeaders);
}

function sameConditions(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) {
    const other = b.get(key);
    if (other === undefined) return false;
    if (value !== other && !value.startsWith(other)) return false;
  }
  return true;
}

/** A StringMatch as istioctl reduces it: `exact:v`, else `prefix:v`, else '' (regex, empty or absent). */
function condition(value: unknown): string {
  const map = objectOf(value);
  if (typeof map?.exact === 'string' && map.exact !== '') return `exact:${map.exact}`;
  if (typeof map?.prefix === 'string' && map.prefix !== '') return `prefix:${map.prefix}`;
  return '';
}

function conditionMap(value: unknown): Map<string, string> | undefined {
  if (value == null) return new Map();
  const map = objectOf(value);
  if (!map) return undefined;
  return new Map(Object.entries(map).map(([k, v]) => [k, condition(v)]));
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Whether every request the later match `b` accepts is also accepted by the earlier match `a`, as far as
 * the conditions show (the URI prefixes are compared by `covers`). Stricter than istioctl's test, which
 * compares method, authority and header values the other way round, reads a regex as no condition and
 * leaves scheme, sourceLabels, gateways, sourceNamespace and ignoreUriCase out.
 */
export function reallyCovers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (field(b, 'ignoreUriCase') === true && field(a, 'ignoreUriCase') !== true) return false;
  for (const name of ['method', 'authority', 'scheme']) if (!implies(field(a, name), field(b, name))) return false;
  for (const name of ['headers', 'queryParams']) {
    const earlier = objectOf(field(a, name)) ?? {};
    const later = objectOf(field(b, name)) ?? {};
    if (Object.entries(earlier).some(([key, value]) => !(key in later) || !implies(value, later[key]))) return false;
  }
  const earlierWithout = objectOf(field(a, 'withoutHeaders')) ?? {};
  const laterWithout = objectOf(field(b, 'withoutHeaders')) ?? {};
  if (Object.entries(earlierWithout).some(([key, value]) => !sameCondition(value, laterWithout[key]))) return false;
  const earlierLabels = objectOf(field(a, 'sourceLabels')) ?? {};
  const laterLabels = objectOf(field(b, 'sourceLabels')) ?? {};
  if (Object.entries(earlierLabels).some(([key, value]) => laterLabels[key] !== value)) return false;
  const earlierGateways = stringList(field(a, 'gateways'));
  const laterGateways = stringList(field(b, 'gateways'));
  if (earlierGateways.length && (!laterGateways.length || laterGateways.some((g) => !earlierGateways.includes(g)))) return false;
  const earlierNamespace = field(a, 'sourceNamespace');
  return !earlierNamespace || earlierNamespace === field(b, 'sourceNamespace');
}

/** Whether a request meeting StringMatch `later` always meets `earlier` (no condition is met by all). */
function implies(earlier: unknown, later: unknown): boolean {
  const a = objectOf(earlier);
  if (!a || !Object.keys(a).length) return true;
  const b = objectOf(later);
  if (!b) return false;
  if (typeof a.exact === 'string') return b.exact === a.exact;
  if (typeof a.prefix === 'string') {
    const value = typeof b.exact === 'string' ? b.exact : b.prefix;
    return typeof value === 'string' && value.startsWith(a.prefix);
  }
  return typeof a.regex === 'string' && b.regex === a.regex;
}

function sameCondition(a: unknown, b: unknown): boolean {
  const x = objectOf(a);
  const y = objectOf(b);
  if (!x || !y) return false;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

/** A field written camelCase or snake_case. */
function field(match: Record<string, unknown>, name: string): unknown {
  return match[name] ?? match[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
