import type { IndexLookups } from '../../workspace/resource-index';
import type { BackendRefView } from '../gateway-api/views';
import type { Resource } from '../resource';
import { effectiveBackendWeights, effectiveWeights, resolveBackend, resolveIstioDestination, type ResolvedDestination } from './destinations';
import type { TraceLog } from './trace-log';
import type { TraceDestination } from './trace-types';

/** A VirtualService route entry as written. */
export interface WrittenDestination {
  host?: string;
  subset?: string;
  port?: number;
  /** Undefined when absent or not a plain integer. */
  weight?: number;
  /** Where the entry is, for the step that names it (none for the implicit route to a Service). */
  at?: number;
}

/** The destinations of an Istio route entry list, resolved and weighted, each a step of the log. */
export function traceDestinations(
  index: IndexLookups,
  written: readonly WrittenDestination[],
  route: { namespace: string; resource?: Resource },
  clientNamespace: string,
  log: TraceLog,
): TraceDestination[] {
  const weights = effectiveWeights(written.map((w) => w.weight));
  const out: TraceDestination[] = [];
  written.forEach((entry, i) => {
    if (!entry.host) {
      log.warn(`a destination${route.resource ? ` of VirtualService ${route.namespace}/${route.resource.name}` : ''} has no host`);
      return;
    }
    const resolved = resolveIstioDestination(index, { host: entry.host, subset: entry.subset, port: entry.port }, route.namespace, clientNamespace);
    out.push(record(resolved, weights[i] ?? 0, route.resource, entry.at, log));
  });
  return out;
}

/** The backendRefs of a Gateway API rule, resolved and weighted, each a step of the log. */
export function traceBackends(index: IndexLookups, backends: readonly BackendRefView[], route: Resource, clientNamespace: string, log: TraceLog): TraceDestination[] {
  const weights = effectiveBackendWeights(backends.map((b) => b.weight?.value));
  return backends.map((backend, i) => record(resolveBackend(index, backend, route.namespace, clientNamespace), weights[i] ?? 0, route, backend.range.start, log));
}

function record(resolved: ResolvedDestination, weight: number, route: Resource | undefined, at: number | undefined, log: TraceLog): TraceDestination {
  const destination: TraceDestination = {
    host: resolved.host,
    subset: resolved.subset,
    port: resolved.port,
    weight,
    destinationRule: resolved.destinationRule ? `${resolved.destinationRule.namespace}/${resolved.destinationRule.name}` : null,
    workloads: resolved.workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`),
  };
  const to = `${destination.host}${destination.port !== null ? `:${destination.port}` : ''}${destination.subset ? ` subset ${destination.subset}` : ''}`;
  const via = destination.destinationRule ? ` (DestinationRule ${destination.destinationRule})` : '';
  const pods = destination.workloads.length ? `; workloads: ${destination.workloads.join(', ')}` : '';
  log.step(`${weight}% to ${to}${via}${pods}`, route, at);
  for (const warning of resolved.warnings) log.warn(warning);
  return destination;
}
