import type { TraceRequest } from './request';

/**
 * The request to trace, read from what a user types: a URL (`https://example.com/api?x=1`, or
 * `example.com/api` for http), a method and `Name: value` headers. Errors are sentences shown as they are.
 */

const defaultPorts: Readonly<Record<string, number | undefined>> = { http: 80, https: 443, grpc: 80, tls: 443, tcp: undefined };

/** The default port of a scheme (80 for http and grpc, 443 for https and tls); undefined for tcp, which has none. */
export function defaultPort(scheme: string): number | undefined {
  return defaultPorts[scheme];
}

const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const urlShape = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/;

/** Reads a trace request from a URL, a method (GET when absent) and `Name: value` headers; an error says what is wrong. */
export function parseTraceRequest(input: { url: string; method?: string; headers?: readonly string[] }): TraceRequest | { error: string } {
  const url = input.url.trim();
  if (!url) return { error: 'the URL is empty; give one such as http://example.com/path' };
  if (/\s/.test(url)) return { error: `URL "${url}" contains white space; percent-encode it (%20)` };
  const shape = urlShape.exec(url);
  if (!shape) return { error: `"${url}" is not a URL; give one such as http://example.com/path` };
  const scheme = (shape[1] ?? 'http').toLowerCase();
  if (!(scheme in defaultPorts)) return { error: `URL "${url}" has scheme "${scheme}"; use http, https, grpc, tls or tcp` };
  const authority = parseAuthority(shape[2].replace(/^.*@/, ''), url);
  if ('error' in authority) return authority;
  const port = authority.port ?? defaultPort(scheme);
  if (port === undefined) return { error: `URL "${url}" needs a port: tcp has no default port (e.g. tcp://${authority.host}:5432)` };

  const method = (input.method ?? 'GET').trim().toUpperCase();
  if (!token.test(method)) return { error: `method "${input.method}" is not an HTTP method name (letters, digits and !#$%&'*+.^_\`|~-)` };

  const request: TraceRequest = {
    method,
    scheme,
    host: authority.host,
    port,
    path: shape[3] || '/',
    query: parseQuery(shape[4] ?? ''),
    headers: [],
  };
  for (const raw of input.headers ?? []) {
    const error = addHeader(request, raw);
    if (error) return { error };
  }
  return request;
}

/** `host[:port]` or `[v6][:port]`, host lower-cased. */
function parseAuthority(text: string, url: string): { host: string; port?: number } | { error: string } {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]*)(?::(.*))?$/.exec(text);
  if (!match || (!text.startsWith('[') && text.split(':').length > 2)) return { error: `URL "${url}" has a host that cannot be read ("${text}"); write IPv6 addresses in brackets: [::1]` };
  const host = match[1].toLowerCase();
  if (!host) return { error: `URL "${url}" has no host` };
  if (!host.startsWith('[') && !/^[a-z0-9._~%!$&'()*+,;=-]+$/.test(host)) return { error: `URL "${url}" has host "${host}", which is not a host name` };
  if (match[2] === undefined) return { host };
  const port = readPort(match[2]);
  if (port === undefined) return { error: `URL "${url}" has port "${match[2]}"; a port is a number from 1 to 65535` };
  return { host, port };
}

function readPort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** `a=1&b&c=%20` → [[a,1],[b,''],[c,' ']]: names and values percent-decoded (as Envoy decodes them), order kept. */
function parseQuery(query: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decode(name), decode(value)]);
  }
  return pairs;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` is taken literally, as a client would send it.
    return text;
  }
}

/** Adds one `Name: value` header; returns an error sentence when it cannot be read. */
function addHeader(request: TraceRequest, raw: string): string | undefined {
  const colon = raw.indexOf(':', raw.startsWith(':') ? 1 : 0);
  if (colon < 0) return `header "${raw}" has no colon; write it as "Name: value"`;
  const name = raw.slice(0, colon).trim().toLowerCase();
  const value = raw.slice(colon + 1).trim();
  const bare = name.startsWith(':') ? name.slice(1) : name;
  if (!token.test(bare)) return `header "${raw}" has name "${name}", which is not a header name (letters, digits and !#$%&'*+.^_\`|~-)`;
  if (name === 'host' || name === ':authority') return setHost(request, value, raw);
  if (name.startsWith(':')) return `header "${raw}" is a pseudo-header; give the method as the method, the scheme and path in the URL`;
  request.headers.push([name, value]);
  return undefined;
}

/** A `Host:` header names the host the routes see; a port in it must agree with the URL's, where the connection goes. */
function setHost(request: TraceRequest, value: string, raw: string): string | undefined {
  const authority = parseAuthority(value, value);
  if ('error' in authority) return `header "${raw}" does not name a host`;
  if (authority.port !== undefined && authority.port !== request.port) {
    return `header "${raw}" names port ${authority.port} but the URL's port is ${request.port}; put the port in the URL`;
  }
  request.host = authority.host;
  return undefined;
}
