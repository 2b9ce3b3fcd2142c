/** A request as the routing model traces it: what a client sends, read from a URL, a method and headers. */
export interface TraceRequest {
  /** Upper case, e.g. GET. */
  method: string;
  /** `http`, `https`, `grpc` (plain text HTTP/2), `tls` or `tcp`. */
  scheme: string;
  /** Lower case, without port. */
  host: string;
  /** The URL's port, else the scheme's default (80 for http/grpc, 443 for https/tls). */
  port: number;
  /** The path without the query, `/` at least; percent-encoding kept as written. */
  path: string;
  /** Query parameters in order of appearance; a name may repeat (Istio and the Gateway API match the first). */
  query: Array<[string, string]>;
  /** Header names lower case; a name may repeat. `:authority`/host is not among them (it is `host`). */
  headers: Array<[string, string]>;
}

/** How a condition of a route's match judged a request. */
export type MatchVerdict =
  | { matches: true }
  /** `reason` says which condition failed and why, e.g. `uri prefix "/api" does not match path "/v1"`. */
  | { matches: false; reason: string }
  /** The match cannot be judged (a placeholder, a regex we cannot run): `reason` says why; the tracer warns. */
  | { matches: 'unknown'; reason: string };

/** What a match may ask about where the request comes from, besides the request itself. */
export interface MatchContext {
  /** The Gateway the request entered, `ns/name`, or `mesh` for a sidecar. */
  gateway: string;
  /** The client's namespace (mesh: the `--mesh` namespace; ingress: the Gateway's). */
  sourceNamespace?: string;
  /** The client's workload labels, when known (mesh only). */
  sourceLabels?: Readonly<Record<string, string>>;
  /** The VirtualService's namespace: a short `gateways` entry in a match is a Gateway of this namespace. */
  routeNamespace: string;
}
