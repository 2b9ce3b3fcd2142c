import { hasPlaceholder } from '../../text/templating';
import type { MatchVerdict, TraceRequest } from './request';
import { headerValue, Verdicts } from './match-fields';
import { runRe2 } from './string-match';
import { grpcMethodPath, httpRoutePath, type PathCondition } from './gateway-api-paths';

/**
 * Gateway API HTTPRouteMatch and GRPCRouteMatch judged against a request, the way Istio translates them
 * (pilot/pkg/config/kube/gateway/conversion.go): PathPrefix element-wise, regexes RE2 full matches.
 */

export { compareGatewayApiCandidates, type GatewayApiCandidate } from './gateway-api-precedence';
export { grpcMethodPath, httpRoutePath, type PathCondition } from './gateway-api-paths';

/** Judges an HTTPRouteMatch (undefined: the default `PathPrefix /`, which takes everything). */
export function evaluateHttpRouteMatch(match: Record<string, unknown> | undefined, request: TraceRequest): MatchVerdict {
  const out = new Verdicts();
  if (!match) return out.result();
  const path = httpRoutePath(match);
  if (typeof path === 'string') out.unknownBecause(path);
  else checkPath(path, request.path, out);
  const method = match.method;
  if (method !== undefined && method !== null) {
    if (typeof method !== 'string' || hasPlaceholder(method)) out.unknownBecause(`method ${JSON.stringify(method)} cannot be read`);
    else if (method !== request.method) out.fail(`method ${method} is not the request's method ${request.method}`);
  }
  checkHeaders(match.headers, request, out);
  checkQueryParams(match.queryParams, request, out);
  return out.result();
}

/** Judges a GRPCRouteMatch against the request path `/service/method` and its headers (undefined takes everything). */
export function evaluateGrpcRouteMatch(match: Record<string, unknown> | undefined, request: TraceRequest): MatchVerdict {
  const out = new Verdicts();
  if (!match) return out.result();
  const path = grpcMethodPath(match.method);
  if (typeof path === 'string') out.unknownBecause(path);
  else if (path) checkPath(path, request.path, out);
  checkHeaders(match.headers, request, out);
  return out.result();
}

function checkPath(path: PathCondition, actual: string, out: Verdicts): void {
  let matches: boolean;
  if (path.type === 'Exact') matches = actual === path.value;
  else if (path.type === 'PathPrefix') {
    // A gRPC service prefix `/s/` is a plain prefix; an HTTPRoute prefix matches whole path elements.
    matches = path.value.endsWith('/') ? actual.startsWith(path.value) : actual === path.value || actual.startsWith(`${path.value}/`);
  } else {
    const ran = runRe2(path.value, actual);
    if (typeof ran === 'string') return out.unknownBecause(path.label ? `${path.label}: ${ran}` : `path: ${ran}`);
    matches = ran;
  }
  if (!matches) out.fail(`${path.label ?? `path ${path.type} "${path.value}"`} does not match path "${actual}"`);
}

/** Entries of a Gateway API match list (`headers`, `queryParams`) by name, the first of equivalent names only. */
function listEntries(list: unknown, what: string, foldCase: boolean, out: Verdicts): Array<{ name: string; type: string; value: string }> {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    out.unknownBecause(`${what} is not a list`);
    return [];
  }
  const seen = new Set<string>();
  const entries: Array<{ name: string; type: string; value: string }> = [];
  for (const item of list as unknown[]) {
    const { name, value, type = 'Exact' } = (item ?? {}) as { name?: unknown; value?: unknown; type?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string' || typeof type !== 'string' || hasPlaceholder(name) || hasPlaceholder(value)) {
      out.unknownBecause(`${what} entry ${JSON.stringify(item)} cannot be read`);
      continue;
    }
    const key = foldCase ? name.toLowerCase() : name;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ name: key, type, value });
  }
  return entries;
}

function checkValue(what: string, entry: { name: string; type: string; value: string }, actual: string | undefined, out: Verdicts): void {
  const shown = `${what} "${entry.name}" ${entry.type} "${entry.value}"`;
  if (entry.type !== 'Exact' && entry.type !== 'RegularExpression') return out.unknownBecause(`${shown}: the type is not Exact or RegularExpression`);
  if (actual === undefined) return out.fail(`${shown} is not met: the ${what} is absent`);
  if (entry.type === 'Exact') {
    if (actual !== entry.value) out.fail(`${shown} does not match "${actual}"`);
    return;
  }
  const ran = runRe2(entry.value, actual);
  if (typeof ran === 'string') out.unknownBecause(`${what} "${entry.name}": ${ran}`);
  else if (!ran) out.fail(`${shown} does not match "${actual}"`);
}

function checkHeaders(list: unknown, request: TraceRequest, out: Verdicts): void {
  for (const entry of listEntries(list, 'header', true, out)) {
    checkValue('header', entry, headerValue(request, entry.name), out);
  }
}

function checkQueryParams(list: unknown, request: TraceRequest, out: Verdicts): void {
  for (const entry of listEntries(list, 'query parameter', false, out)) {
    checkValue('query parameter', entry, request.query.find(([k]) => k === entry.name)?.[1], out);
  }
}
