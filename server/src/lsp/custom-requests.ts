import type { TraceEntryOption, TraceResult } from '../engine/model/routing/trace-types';

/**
 * The requests our extension sends besides LSP's own: their methods and types, shared by the server and the client
 * (each makes its request type from its own copy of the protocol library). Positions are LSP's (0-based).
 */

export interface TraceParams {
  url: string;
  /** Default GET. */
  method?: string;
  /** `Name: value` each. */
  headers?: string[];
  entry?: TraceEntryOption;
}

/** A trace, or the reason the request could not be read (a URL that does not parse, a header without a colon). */
export type TraceResponse = { result: TraceResult } | { error: string };

export const traceRequestMethod = 'istio/traceRequest';

export interface TrafficGraphParams {
  /** Centre on the resource at this place. */
  focus?: { uri: string; position: { line: number; character: number } };
  /** A larger picture is answered by its size alone (`omitted`): laying out tens of thousands of nodes would freeze the view. */
  maxNodes?: number;
}

export const trafficGraphRequestMethod = 'istio/trafficGraph';
