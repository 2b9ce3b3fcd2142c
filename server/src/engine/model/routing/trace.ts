import type { Engine } from '../../engine';
import type { TraceRequest } from './request';
import type { TraceEntryOption, TraceResult } from './trace-types';

/** Which Gateway, route and rule the request takes through the files the engine holds, and where it lands. */
export function traceRequest(engine: Engine, request: TraceRequest, entry: TraceEntryOption): TraceResult {
  void engine;
  void entry;
  return { request, entry: null, route: null, outcome: 'no-gateway', destinations: [], actions: {}, steps: [], warnings: [] };
}
