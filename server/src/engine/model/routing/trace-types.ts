import type { TraceRequest } from './request';

/** The result of tracing one request: what `istio-yaml route --format json` prints, key for key. */

export type TraceOutcome = 'route' | 'redirect' | 'direct-response' | 'no-match' | 'no-route' | 'no-gateway';

export type TraceEntry =
  /** `server`: index of the Istio Gateway's server, or of the Gateway API Gateway's listener. */
  | { kind: 'Gateway'; namespace: string; name: string; server: number }
  | { kind: 'mesh'; namespace: string };

export interface TraceRoute {
  kind: 'VirtualService' | 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute';
  namespace: string;
  name: string;
  /** Index in the VirtualService's http, tls or tcp list (the request's scheme says which) or in the route's `rules`. */
  rule: number;
  ruleName: string | null;
  /** Index of the match that accepted the request; null when the rule has no match (it takes everything). */
  match: number | null;
}

export interface TraceDestination {
  /** The FQDN the destination resolves to. */
  host: string;
  subset: string | null;
  port: number | null;
  /** Effective percent of the traffic (normalized as Istio does; 100 for a single destination). */
  weight: number;
  /** `ns/name` of the DestinationRule that applies, or null. */
  destinationRule: string | null;
  /** `Kind ns/name` of each workload that would receive the traffic. */
  workloads: string[];
}

/** What the matched rule does to the request besides choosing destinations (only the keys the rule sets). */
export interface TraceActions {
  rewrite?: unknown;
  redirect?: unknown;
  directResponse?: unknown;
  fault?: unknown;
  timeout?: unknown;
  retries?: unknown;
  mirrors?: Array<{ host: string; subset: string | null; port: number | null; percentage: number | null }>;
  headers?: unknown;
  corsPolicy?: unknown;
  /** Gateway API filters of the rule, as written. */
  filters?: unknown;
}

export interface TraceStep {
  message: string;
  /** File URI (the CLI prints it as a path); null when the step is not about a place in a file. */
  file: string | null;
  /** 1-based; null with `file`. */
  line: number | null;
}

export interface TraceResult {
  request: TraceRequest;
  entry: TraceEntry | null;
  route: TraceRoute | null;
  outcome: TraceOutcome;
  destinations: TraceDestination[];
  actions: TraceActions;
  steps: TraceStep[];
  warnings: string[];
}

/** Where the request starts: an ingress Gateway (any, or one named) or a sidecar in a namespace. */
export type TraceEntryOption =
  | { kind: 'ingress'; gateway?: { namespace: string; name: string } }
  | { kind: 'mesh'; namespace: string };
