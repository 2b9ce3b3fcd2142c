import { createRequire } from 'node:module';
import type { TrafficEdge, TrafficGraph, TrafficNode, TrafficNodeKind } from '../../server/src/engine/model/routing/graph-types';
import type { DagreApi } from '../../client/webview/model/traffic-drawing';

/** dagre as the webview bundles it; it is an ES module package, which our CommonJS tests load through its `require` export. */
export const dagre = createRequire(__filename)('@dagrejs/dagre') as DagreApi;

/** A node at a made-up place of `bookinfo.yaml`. */
export function trafficNode(id: string, kind: TrafficNodeKind, label: string, details: string[] = [], line = 0): TrafficNode {
  return { id, kind, label, details, location: { uri: 'file:///w/bookinfo.yaml', line, character: 0 }, resource: label };
}

/** An edge; with `brokenCodes`, a broken one written at a made-up place. */
export function trafficEdge(from: string, to: string, label?: string, brokenCodes?: string[]): TrafficEdge {
  const edge: TrafficEdge = { from, to };
  if (label !== undefined) edge.label = label;
  if (brokenCodes) {
    edge.broken = { codes: brokenCodes, message: `${to} not found` };
    edge.location = { uri: 'file:///w/bookinfo.yaml', line: 40, character: 8 };
  }
  return edge;
}

/**
 * Bookinfo seen from its Gateway: one route with two rules; the first splits 80/20 between two subsets of reviews,
 * the second names a subset no DestinationRule defines (a broken edge to a missing node).
 */
export function bookinfoGraph(): TrafficGraph {
  return {
    focus: 'vs',
    nodes: [
      trafficNode('gw', 'gateway', 'Gateway istio-system/public :80', ['hosts: *.example.com'], 1),
      trafficNode('vs', 'route', 'VirtualService default/bookinfo', ['hosts: bookinfo.example.com'], 10),
      trafficNode('r0', 'rule', 'http[0] /reviews', ['match: prefix /reviews'], 14),
      trafficNode('r1', 'rule', 'http[1] /ratings', [], 22),
      trafficNode('d-v1', 'destination', 'reviews subset v1', [], 16),
      trafficNode('d-v2', 'destination', 'reviews subset v2', [], 18),
      trafficNode('d-v9', 'destination', 'ratings subset v9', [], 24),
      trafficNode('s-v1', 'subset', 'DestinationRule reviews v1', ['version=v1'], 30),
      trafficNode('s-v2', 'subset', 'DestinationRule reviews v2', ['version=v2'], 33),
      trafficNode('missing-v9', 'missing', 'subset v9 of ratings', ['no DestinationRule defines it'], 25),
      trafficNode('svc', 'service', 'Service default/reviews', ['ports: 9080'], 50),
      trafficNode('w1', 'workload', 'Deployment default/reviews-v1', ['app=reviews, version=v1'], 60),
    ],
    edges: [
      trafficEdge('gw', 'vs', 'binds'),
      trafficEdge('vs', 'r0'),
      trafficEdge('vs', 'r1'),
      trafficEdge('r0', 'd-v1', '80%'),
      trafficEdge('r0', 'd-v2', '20%'),
      trafficEdge('r1', 'd-v9', '100%'),
      trafficEdge('d-v1', 's-v1', 'subset v1'),
      trafficEdge('d-v2', 's-v2', 'subset v2'),
      trafficEdge('d-v9', 'missing-v9', 'subset v9', ['IST0101']),
      trafficEdge('s-v1', 'svc'),
      trafficEdge('s-v2', 'svc'),
      trafficEdge('s-v1', 'w1', 'selects'),
    ],
  };
}
