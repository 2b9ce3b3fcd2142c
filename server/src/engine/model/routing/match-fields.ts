import { hasPlaceholder } from '../../text/templating';
import { defaultPort } from './parse-request';
import type { MatchContext, MatchVerdict, TraceRequest } from './request';

/** Small readers shared by the Istio match evaluators: fields under either spelling, verdict folding, sources. */

/** A match field written camelCase or snake_case (`sourceLabels` / `source_labels`), as the proto JSON reader accepts both. */
export function field(match: Record<string, unknown>, camel: string): unknown {
  const value = match[camel];
  if (value !== undefined && value !== null) return value;
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return snake === camel ? undefined : match[snake] ?? undefined;
}

/** The entries of a plain map field, undefined when absent; a string says the field is not a map. */
export function mapField(match: Record<string, unknown>, camel: string): Array<[string, unknown]> | undefined | string {
  const value = field(match, camel);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return `${camel} is not a map`;
  return Object.entries(value as Record<string, unknown>);
}

/** A port as the proto reader takes it (number or numeric string); 0 or absent is no condition. */
export function portField(match: Record<string, unknown>): number | undefined | string {
  const value = field(match, 'port');
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) return `port ${JSON.stringify(value)} is not a port number`;
  return n === 0 ? undefined : n;
}

/** Folds condition verdicts: any failure fails (the first one is reported), else any unknown is unknown. */
export class Verdicts {
  private unknown: MatchVerdict | undefined;
  private failed: MatchVerdict | undefined;

  add(verdict: MatchVerdict): void {
    if (verdict.matches === false) this.failed ??= verdict;
    else if (verdict.matches === 'unknown') this.unknown ??= verdict;
  }

  fail(reason: string): void {
    this.add({ matches: false, reason });
  }

  unknownBecause(reason: string): void {
    this.add({ matches: 'unknown', reason });
  }

  result(): MatchVerdict {
    return this.failed ?? this.unknown ?? { matches: true };
  }
}

/**
 * Resolves a match's `gateways` entry as Istio does: `mesh`; `ns/name` (`./name` in the route's namespace);
 * a legacy `name.ns.svc.cluster.local` → `ns/name`; a short name → a Gateway of the route's namespace.
 */
export function resolveMatchGateway(entry: string, routeNamespace: string): string {
  const name = entry.trim();
  if (name === 'mesh') return name;
  const slash = name.indexOf('/');
  if (slash >= 0) return name.slice(0, slash) === '.' ? `${routeNamespace}/${name.slice(slash + 1)}` : name;
  const dot = name.indexOf('.');
  if (dot < 0) return `${routeNamespace}/${name}`;
  const rest = name.slice(dot + 1);
  const nextDot = rest.indexOf('.');
  return `${nextDot < 0 ? rest : rest.slice(0, nextDot)}/${name.slice(0, dot)}`;
}

/** The `gateways` condition: passes when the request entered one of the listed gateways. */
export function checkGateways(entries: unknown, context: MatchContext, out: Verdicts): void {
  if (!Array.isArray(entries)) {
    out.unknownBecause('gateways is not a list');
    return;
  }
  const names = entries.filter((e): e is string => typeof e === 'string');
  if (names.length !== entries.length) out.unknownBecause('gateways holds a value that is not a name');
  const resolved = names.map((n) => resolveMatchGateway(n, context.routeNamespace));
  if (!resolved.includes(context.gateway)) {
    const entered = context.gateway === 'mesh' ? 'the mesh (a sidecar)' : `Gateway ${context.gateway}`;
    out.fail(`gateways [${names.join(', ')}] do not include ${entered}, where the request enters`);
  }
}

/** The `sourceLabels` and `sourceNamespace` conditions, judged when the client is known. */
export function checkSource(match: Record<string, unknown>, context: MatchContext, out: Verdicts): void {
  const labels = mapField(match, 'sourceLabels');
  if (typeof labels === 'string') out.unknownBecause(labels);
  else if (labels?.some(([k, v]) => typeof v !== 'string' || hasPlaceholder(v) || hasPlaceholder(k))) out.unknownBecause('sourceLabels hold a placeholder or a value that is not a string');
  else if (labels && labels.length) {
    const wanted = labels.map(([k, v]) => `${k}=${String(v)}`).join(', ');
    if (!context.sourceLabels) {
      out.unknownBecause(
        context.gateway === 'mesh'
          ? `sourceLabels {${wanted}} depend on the client's workload labels, which are not known`
          : `sourceLabels {${wanted}} depend on the labels of Gateway ${context.gateway}'s pods, which are not known`,
      );
    } else {
      const have = context.sourceLabels;
      const missing = labels.filter(([k, v]) => have[k] !== v);
      if (missing.length) out.fail(`sourceLabels {${wanted}} are not all on the client (it lacks ${missing.map(([k, v]) => `${k}=${String(v)}`).join(', ')})`);
    }
  }
  const namespace = field(match, 'sourceNamespace');
  if (namespace === undefined || namespace === '') return;
  if (typeof namespace !== 'string') out.unknownBecause('sourceNamespace is not a string');
  else if (context.sourceNamespace === undefined) out.unknownBecause(`sourceNamespace "${namespace}" depends on the client's namespace, which is not known`);
  else if (namespace !== context.sourceNamespace) out.fail(`sourceNamespace "${namespace}" is not the client's namespace "${context.sourceNamespace}"`);
}

/** The `port` condition against the request's port. */
export function checkPort(match: Record<string, unknown>, port: number, out: Verdicts): void {
  const wanted = portField(match);
  if (typeof wanted === 'string') out.unknownBecause(wanted);
  else if (wanted !== undefined && wanted !== port) out.fail(`port ${wanted} is not the request's port ${port}`);
}

/** The request's `:authority`: the host, with the port when it is not the scheme's default. */
export function authorityOf(request: TraceRequest): string {
  return request.port === defaultPort(request.scheme) ? request.host : `${request.host}:${request.port}`;
}

/** A request header by lower-case name, joined with commas when repeated; pseudo-headers and `host` are read from the request. */
export function headerValue(request: TraceRequest, name: string): string | undefined {
  switch (name) {
    case ':authority':
    case 'host':
      return authorityOf(request);
    case ':method':
      return request.method;
    case ':path':
      return request.query.length ? `${request.path}?${request.query.map(([k, v]) => (v ? `${k}=${v}` : k)).join('&')}` : request.path;
    case ':scheme':
      return request.scheme === 'https' || request.scheme === 'tls' ? 'https' : 'http';
  }
  // Envoy matches a repeated header against its values joined with commas.
  const values = request.headers.filter(([k]) => k === name).map(([, v]) => v);
  return values.length ? values.join(',') : undefined;
}
