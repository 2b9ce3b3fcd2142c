import { resolveServiceHost } from '../../hosts';
import { hasPlaceholder } from '../../text/templating';
import { evaluateHttpRouteMatch } from './gateway-api-match';
import { httpRoutePath } from './gateway-api-paths';
import { evaluateHttpMatch } from './istio-match';
import { field, mapField, portField } from './match-fields';
import { parseTraceRequest } from './parse-request';
import { readStringMatch } from './string-match';
import { sampleForRegex } from './regex-sample';

/**
 * A request a route match accepts, for the editor's `Trace…` lens: built from the match's values, then
 * checked with the evaluator, so an example is only offered when it really matches.
 */

export interface ExampleRequest {
  url: string;
  method: string;
  headers: string[];
}

/** Where the request comes from is decided by the entry the tracer picks, not by the URL: left out of the check. */
const sourceFields = ['gateways', 'sourceLabels', 'source_labels', 'sourceNamespace', 'source_namespace'];

/** A request an Istio HTTPMatchRequest (undefined: no match) of a VirtualService with `hosts` accepts, or undefined when none can be built. */
export function exampleRequest(match: Record<string, unknown> | undefined, hosts: readonly string[], routeNamespace: string): ExampleRequest | undefined {
  const m = match ?? {};
  const scheme = exampleOf(field(m, 'scheme'))?.toLowerCase() ?? 'http';
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const port = portField(m);
  if (typeof port === 'string') return undefined;
  const authority = exampleOf(field(m, 'authority'));
  const host = authority ?? exampleHost(hosts.map((h) => resolveServiceHost(h, routeNamespace)));
  const path = exampleOf(field(m, 'uri')) ?? '/';
  const method = exampleOf(field(m, 'method')) ?? 'GET';
  const headers = exampleEntries(mapField(m, 'headers'));
  const query = exampleEntries(mapField(m, 'queryParams'));
  if (!headers || !query || headers.some(([name]) => name === 'host' || name.startsWith(':'))) return undefined;

  const example = {
    url: `${scheme}://${host}${port !== undefined ? `:${port}` : ''}${path}${queryString(query)}`,
    method,
    headers: headers.map(([name, value]) => `${name}: ${value}`),
  };
  const request = parseTraceRequest(example);
  if ('error' in request) return undefined;
  const checked = Object.fromEntries(Object.entries(m).filter(([key]) => !sourceFields.includes(key)));
  const verdict = evaluateHttpMatch(checked, request, { gateway: 'mesh', routeNamespace });
  return verdict.matches === true ? example : undefined;
}

/** A request a Gateway API HTTPRouteMatch (undefined: the default) of a route with `hostnames` accepts, or undefined. */
export function exampleHttpRouteRequest(match: Record<string, unknown> | undefined, hostnames: readonly string[]): ExampleRequest | undefined {
  const path = httpRoutePath(match);
  if (typeof path === 'string') return undefined;
  const pathValue = path.type === 'RegularExpression' ? sampleForRegex(path.value) : path.value;
  if (pathValue === undefined) return undefined;
  const method = typeof match?.method === 'string' ? match.method : 'GET';
  const headers = listExamples(match?.headers);
  const query = listExamples(match?.queryParams);
  if (!headers || !query || headers.some(([name]) => /^(host|:.*)$/i.test(name))) return undefined;
  const example = {
    url: `http://${exampleHost(hostnames)}${pathValue}${queryString(query)}`,
    method,
    headers: headers.map(([name, value]) => `${name}: ${value}`),
  };
  const request = parseTraceRequest(example);
  if ('error' in request) return undefined;
  return evaluateHttpRouteMatch(match, request).matches === true ? example : undefined;
}

/** The first exact host; else a name under the first wildcard (`*.example.com` → `www.example.com`, `*` → `example.com`). */
function exampleHost(hosts: readonly string[]): string {
  const names = hosts.map((h) => h.trim().toLowerCase()).filter((h) => h && !hasPlaceholder(h));
  const exact = names.find((h) => !h.includes('*'));
  if (exact) return exact;
  const wildcard = names.find((h) => h.startsWith('*.'));
  return wildcard ? `www${wildcard.slice(1)}` : 'example.com';
}

/** A value an Istio StringMatch accepts: exact or prefix as written, `{}` → "1", a regex only when it spells one string. */
function exampleOf(written: unknown): string | undefined {
  if (written === undefined) return undefined;
  const spec = readStringMatch(written);
  if (typeof spec === 'string') return undefined;
  if (!spec.kind || (spec.kind === 'regex' && spec.pattern === '*')) return '1';
  return spec.kind === 'regex' ? sampleForRegex(spec.pattern) : spec.pattern;
}

function exampleEntries(entries: Array<[string, unknown]> | undefined | string): Array<[string, string]> | undefined {
  if (typeof entries === 'string') return undefined;
  const out: Array<[string, string]> = [];
  for (const [name, written] of entries ?? []) {
    const value = exampleOf(written);
    if (value === undefined) return undefined;
    out.push([name, value]);
  }
  return out;
}

/** Examples for a Gateway API `headers`/`queryParams` list (Exact or RegularExpression entries). */
function listExamples(list: unknown): Array<[string, string]> | undefined {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return undefined;
  const out: Array<[string, string]> = [];
  for (const item of list as unknown[]) {
    const { name, value, type = 'Exact' } = (item ?? {}) as { name?: unknown; value?: unknown; type?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string') return undefined;
    const example = type === 'RegularExpression' ? sampleForRegex(value) : value;
    if (example === undefined) return undefined;
    out.push([name, example]);
  }
  return out;
}

function queryString(pairs: ReadonlyArray<[string, string]>): string {
  if (!pairs.length) return '';
  return `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}
