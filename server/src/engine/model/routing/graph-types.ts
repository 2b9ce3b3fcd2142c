/**
 * The traffic picture as plain data: what `istio-yaml graph --format json` prints and what the editor's traffic view
 * draws. Nodes are resources or parts of them; edges say which sends traffic (or refers) to which.
 */

export type TrafficNodeKind =
  | 'gateway' /** an Istio Gateway server or a Gateway API listener */
  | 'route' /** a VirtualService, HTTPRoute, GRPCRoute, TLSRoute, TCPRoute */
  | 'rule' /** one rule of a route (http[i], tls[i], tcp[i], rules[i]) */
  | 'destination' /** a destination host (+ subset, port) a rule sends to */
  | 'subset' /** a DestinationRule subset */
  | 'service' /** a Service or ServiceEntry */
  | 'workload' /** a Deployment, Pod, StatefulSet, ... */
  | 'missing' /** the target of a broken link: what was named but does not exist */
  | 'external' /** what was named but the files do not declare and cannot be judged: an external host, a service defined elsewhere, a placeholder */;

export interface SourceLocation {
  /** file URI */
  uri: string;
  /** 0-based, like LSP positions */
  line: number;
  character: number;
}

export interface TrafficNode {
  /** Unique in the graph, stable across edits of unrelated resources. */
  id: string;
  kind: TrafficNodeKind;
  /** One line, e.g. `Gateway istio-system/public :443 *.example.com`. */
  label: string;
  /** Further lines shown under the label (hosts, match summary, weights). */
  details: string[];
  /** Where the node is defined (a missing node: where it is named). */
  location?: SourceLocation;
  /** The resource it belongs to, `Kind ns/name`. */
  resource?: string;
}

export interface TrafficEdge {
  from: string;
  to: string;
  /** e.g. `80%`, `binds`, `subset v1`. */
  label?: string;
  /** Set when the link is broken: the finding codes reported at the reference (e.g. IST0101), possibly empty. */
  broken?: { codes: string[]; message: string };
  /** Where the reference is written. */
  location?: SourceLocation;
}

export interface TrafficGraph {
  nodes: TrafficNode[];
  edges: TrafficEdge[];
  /** The node the picture is centred on, when asked for one. */
  focus?: string;
  /** Set when the picture was larger than the asker can draw: its size (nodes and edges are then left out). */
  omitted?: { nodes: number; edges: number };
}
