import { RequestType } from 'vscode-languageserver-protocol';
import type { TrafficGraph } from '../engine/model/routing/graph-types';
import type { TraceEntryOption, TraceResult } from '../engine/model/routing/trace-types';

/**
 * The requests our extension sends besides LSP's own: one typed definition shared by the server and the client.
 * Positions are LSP's (0-based line and character).
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

export const traceRequestType = new RequestType<TraceParams, TraceResponse, void>('istio/traceRequest');

export interface TrafficGraphParams {
  /** Centre on the resource at this place. */
  focus?: { uri: string; position: { line: number; character: number } };
}

export const trafficGraphRequestType = new RequestType<TrafficGraphParams, TrafficGraph, void>('istio/trafficGraph');
