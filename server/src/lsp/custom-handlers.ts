import { RequestType, type Connection } from 'vscode-languageserver';
import type { Engine } from '../engine/engine';
import { parseTraceRequest } from '../engine/model/routing/parse-request';
import { traceRequest } from '../engine/model/routing/trace';
import { buildTrafficGraph } from '../engine/model/routing/traffic-graph';
import type { Guarded } from './guarded';
import { traceRequestMethod, trafficGraphRequestMethod, type TraceParams, type TraceResponse, type TrafficGraphParams } from './custom-requests';
import type { TrafficGraph } from '../engine/model/routing/graph-types';

export const traceRequestType = new RequestType<TraceParams, TraceResponse, void>(traceRequestMethod);
export const trafficGraphRequestType = new RequestType<TrafficGraphParams, TrafficGraph, void>(trafficGraphRequestMethod);

export interface CustomHandlerDeps {
  engine: Engine;
  documents: { get(uri: string): { offsetAt(position: { line: number; character: number }): number } | undefined };
  guarded: Guarded;
  sync: { syncEdits(): void; scanned(): Promise<void> };
}

/** The trace and traffic-graph requests of our extension. Both wait for the workspace scan: a partial index would give a wrong answer. */
export function registerCustomHandlers(connection: Connection, deps: CustomHandlerDeps): void {
  connection.onRequest(traceRequestType, async (params, token) => {
    await deps.sync.scanned();
    return deps.guarded(() => traceFor(deps.engine, params), { error: 'the trace failed; see the Istio YAML output' }, 'trace', token);
  });
  connection.onRequest(trafficGraphRequestType, async (params, token) => {
    await deps.sync.scanned();
    return deps.guarded(() => graphFor(deps, params), { nodes: [], edges: [] }, 'traffic graph', token);
  });
}

function traceFor(engine: Engine, params: TraceParams): TraceResponse {
  const request = parseTraceRequest({ url: params.url, ...(params.method ? { method: params.method } : {}), headers: params.headers ?? [] });
  if ('error' in request) return { error: request.error };
  return { result: traceRequest(engine, request, params.entry ?? { kind: 'ingress' }) };
}

function graphFor(deps: CustomHandlerDeps, params: TrafficGraphParams): TrafficGraph {
  const focus = params.focus;
  const offset = focus ? deps.documents.get(focus.uri)?.offsetAt(focus.position) : undefined;
  const graph = buildTrafficGraph(deps.engine, focus && offset !== undefined ? { focus: { uri: focus.uri, offset } } : {});
  if (params.maxNodes === undefined || graph.nodes.length <= params.maxNodes) return graph;
  return { nodes: [], edges: [], omitted: { nodes: graph.nodes.length, edges: graph.edges.length }, ...(graph.focus ? { focus: graph.focus } : {}) };
}
