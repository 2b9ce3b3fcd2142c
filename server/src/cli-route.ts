import type { CliIo } from './cli';
import { displayPath, loadFiles, oneOf, required, usageError, walkArgs, type LoadedFiles } from './cli-workspace';
import { parseTraceRequest } from './engine/model/routing/parse-request';
import { traceRequest } from './engine/model/routing/trace';
import type { TraceEntryOption, TraceResult } from './engine/model/routing/trace-types';
import type { SchemaCatalog } from './engine/schema/catalog';

export const routeUsage = `Usage: istio-yaml route --url URL [options] PATH...

Traces a request through the Gateways, VirtualServices, HTTPRoutes and DestinationRules of the files (directories
are searched for *.yaml / *.yml; - reads standard input): which Gateway takes it, which rule matches, where it lands.

Options:
  --url URL               the request, e.g. http://bookinfo.example.com/productpage?u=1; schemes http, https,
                          grpc, tls (SNI = host), tcp; default port 80 (https, tls: 443)
  -X, --request METHOD    the method (default: GET)
  -H, --header "N: v"     a request header (repeatable); "Host: h" overrides the URL's host
  --gateway NS/NAME       enter through this Gateway (Istio or Gateway API) only
  --mesh NS               the request comes from a sidecar in namespace NS (short host names resolve there)
                          instead of entering through an ingress Gateway
  --namespace NS          namespace of resources without metadata.namespace (default: default)
  --format text|json      output format (default: text); json keys: request, entry, route, outcome,
                          destinations, actions, steps, warnings
  -h, --help              show this help

Outcomes: route, redirect, direct-response, no-match (a route table applies but no rule matches: 404),
no-route (the Gateway serves the host but no route covers it: 404), no-gateway (nothing accepts port and host).
Exit status: 0 a trace was made (whatever its outcome), 2 bad usage.
`;

interface RouteOptions {
  url?: string;
  method?: string;
  headers: string[];
  entry: TraceEntryOption;
  namespace: string;
  format: 'text' | 'json';
  paths: string[];
}

function parseRouteArgs(args: readonly string[]): RouteOptions | string {
  const options: RouteOptions = { headers: [], entry: { kind: 'ingress' }, namespace: 'default', format: 'text', paths: [] };
  let gateway: string | undefined;
  let mesh: string | undefined;
  const error = walkArgs(
    args,
    (flag, value) => {
      if (flag === '--url') options.url = value();
      else if (flag === '-X' || flag === '--request') options.method = value();
      else if (flag === '-H' || flag === '--header') {
        const header = value();
        if (header === undefined) usageError(`${flag} needs a "Name: value"`);
        options.headers.push(header);
      } else if (flag === '--gateway') gateway = value();
      else if (flag === '--mesh') mesh = value();
      else if (flag === '--namespace') options.namespace = required(value(), '--namespace needs a value');
      else if (flag === '--format') options.format = oneOf(flag, value(), ['text', 'json']);
      else usageError(`unknown option ${flag}`);
    },
    options.paths,
  );
  if (error) return error;
  if (!options.url) return '--url is required';
  if (gateway !== undefined && mesh !== undefined) return '--gateway and --mesh exclude each other: a request enters through a Gateway or comes from a sidecar';
  if (gateway !== undefined) {
    const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/.exec(gateway.trim());
    if (!m) return `--gateway takes NAMESPACE/NAME, not ${gateway || 'nothing'}`;
    options.entry = { kind: 'ingress', gateway: { namespace: m[1], name: m[3] } };
  }
  if (mesh !== undefined) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(mesh.trim())) return `--mesh takes a namespace name, not ${mesh || 'nothing'}`;
    options.entry = { kind: 'mesh', namespace: mesh.trim() };
  }
  return options.paths.length ? options : 'no PATH given';
}

/** `istio-yaml route`: which rule a request takes through the files' Gateways and routes. */
export function runRoute(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo): number {
  if (args[0] === '-h' || args[0] === '--help') {
    io.stdout(routeUsage);
    return 0;
  }
  const options = parseRouteArgs(args);
  if (typeof options === 'string') {
    io.stderr(`istio-yaml route: ${options}\n\n${routeUsage}`);
    return 2;
  }
  const request = parseTraceRequest({ url: options.url ?? '', ...(options.method ? { method: options.method } : {}), headers: options.headers });
  if ('error' in request) {
    io.stderr(`istio-yaml route: ${request.error}\n`);
    return 2;
  }
  const loaded = loadFiles(options.paths, options.namespace, catalog(), io);
  if (typeof loaded === 'number') return loaded;
  const result = traceRequest(loaded.engine, request, options.entry);
  io.stdout(options.format === 'json' ? `${JSON.stringify(withPaths(result, loaded), null, 2)}\n` : formatTrace(result, loaded));
  return 0;
}

/** The result with each step's file written as the path the user named. */
function withPaths(result: TraceResult, loaded: LoadedFiles): TraceResult {
  return { ...result, steps: result.steps.map((s) => ({ ...s, file: s.file === null ? null : displayPath(s.file, loaded) })) };
}

/** The trace as text: the request, entry, route, outcome and destinations, then one step a line with file:line. */
export function formatTrace(result: TraceResult, loaded: LoadedFiles): string {
  const { request, entry, route } = result;
  const lines: string[] = [];
  const query = request.query.length ? `?${request.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  lines.push(`request:  ${request.method} ${request.scheme}://${request.host}:${request.port}${request.path}${query}`);
  for (const [name, value] of request.headers) lines.push(`          ${name}: ${value}`);
  lines.push(`entry:    ${entry ? (entry.kind === 'mesh' ? `sidecar in namespace ${entry.namespace}` : `Gateway ${entry.namespace}/${entry.name} (server/listener ${entry.server})`) : 'none'}`);
  if (route) {
    const where = route.kind === 'VirtualService' ? `rule ${route.rule}` : `rules[${route.rule}]`;
    lines.push(`route:    ${route.kind} ${route.namespace}/${route.name} ${where}${route.ruleName ? ` "${route.ruleName}"` : ''}${route.match === null ? '' : ` match ${route.match}`}`);
  }
  lines.push(`outcome:  ${result.outcome}`);
  for (const d of result.destinations) {
    const target = `${d.host}${d.port !== null ? `:${d.port}` : ''}${d.subset ? ` subset ${d.subset}` : ''}`;
    const rule = d.destinationRule ? `  DestinationRule ${d.destinationRule}` : '';
    lines.push(`  ${String(d.weight).padStart(3)}%  ${target}${rule}`);
    lines.push(`        workloads: ${d.workloads.length ? d.workloads.join(', ') : 'none in the files'}`);
  }
  for (const [name, value] of Object.entries(result.actions)) lines.push(`  ${name}: ${JSON.stringify(value)}`);
  lines.push('steps:');
  for (const step of result.steps) lines.push(`  ${step.file === null ? '-' : `${displayPath(step.file, loaded)}:${step.line}`}  ${step.message}`);
  if (result.warnings.length) {
    lines.push('warnings:');
    for (const warning of result.warnings) lines.push(`  ${warning}`);
  }
  return `${lines.join('\n')}\n`;
}
