import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { EdgeLabel, GraphLabel, NodeLabel, Point } from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { SourceLocation, TrafficEdge, TrafficGraph, TrafficNode, TrafficNodeKind } from '../../../server/src/engine/model/routing/graph-types';

/**
 * The traffic graph as something to draw: boxes and paths with their places, texts, CSS classes, accessible names
 * and the keyboard order. No DOM here, so the layout can be tested under Node; the webview only turns it into SVG.
 */

export interface DrawnNode {
  /** `n:` + the graph node's id: unique among nodes and edges. */
  key: string;
  id: string;
  kind: TrafficNodeKind;
  /** Top-left corner and size, in canvas units. */
  x: number;
  y: number;
  width: number;
  height: number;
  tag: string;
  /** The label and detail lines as shown (shortened to the box). */
  label: string;
  details: string[];
  /** Every line in full, for the tooltip. */
  title: string;
  ariaLabel: string;
  classes: string[];
  location?: SourceLocation;
}

export interface DrawnEdgeLabel {
  text: string;
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawnEdge {
  /** `e:` + the edge's index in the graph. */
  key: string;
  from: string;
  to: string;
  /** SVG path data. */
  path: string;
  classes: string[];
  label?: DrawnEdgeLabel;
  broken: boolean;
  /** Only broken edges are focusable, so only they carry one. */
  ariaLabel?: string;
  title?: string;
  location?: SourceLocation;
}

export interface Drawing {
  width: number;
  height: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Keys of the focusable items (nodes, broken edges) by layout: column, then top to bottom. */
  tabOrder: string[];
  /** Key of the node the picture is centred on. */
  focus?: string;
  /** Shown instead of a picture when there is nothing to draw. */
  message?: string;
}

export type DagreApi = typeof Dagre;

/** What the user asked for, to say what was not found. */
export interface DrawingRequest {
  /** e.g. `gateway.yaml line 12`, when the picture was asked for around a place. */
  focusDescription?: string;
}

export const kindTags: Readonly<Record<TrafficNodeKind, string>> = {
  gateway: 'Gateway',
  route: 'Route',
  rule: 'Rule',
  destination: 'Destination',
  subset: 'Subset',
  service: 'Service',
  workload: 'Workload',
  missing: 'Missing',
  external: 'Not in the files',
};

/** Text metrics of the view's stylesheet (monospace, so a character count gives the width). */
const metrics = {
  charWidth: 7.25,
  smallCharWidth: 6.65,
  padding: 10,
  tagHeight: 14,
  labelHeight: 18,
  detailHeight: 16,
  maxChars: 46,
  minWidth: 120,
  edgeLabelHeight: 18,
  maxDetailLines: 3,
  margin: 24,
} as const;

/** The text to show when the graph is empty: the workspace has nothing, or nothing was found where the user asked. */
export function emptyMessage(request: DrawingRequest = {}): string {
  return request.focusDescription
    ? `No Gateway, route or service at ${request.focusDescription}, nor any linked to it. Put the cursor on a resource, or show the whole workspace.`
    : 'No Gateways, routes or services in the workspace';
}

/** The text to show for a picture the server left out as too large to lay out. */
export function tooLargeMessage(omitted: NonNullable<TrafficGraph['omitted']>, request: DrawingRequest = {}): string {
  const what = request.focusDescription ? `The picture around ${request.focusDescription}` : 'The workspace picture';
  return `${what} has ${omitted.nodes} nodes and ${omitted.edges} links, too many to draw here. Put the cursor on a Gateway, route or service and run Istio: Show Traffic to see its part, or print it all with istio-yaml graph.`;
}

/** Lays the graph out left to right by rank with dagre and returns everything the view draws; an empty graph gives a message. */
export function buildDrawing(graph: TrafficGraph, dagre: DagreApi, request: DrawingRequest = {}): Drawing {
  if (graph.omitted) return { width: 0, height: 0, nodes: [], edges: [], tabOrder: [], message: tooLargeMessage(graph.omitted, request) };
  if (graph.nodes.length === 0) return { width: 0, height: 0, nodes: [], edges: [], tabOrder: [], message: emptyMessage(request) };

  const byId = new Map<string, TrafficNode>();
  for (const node of graph.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  // An edge to a node the graph does not hold would make dagre invent a sizeless node; drop it.
  const edges = graph.edges.map((edge, index) => ({ edge, index })).filter(({ edge }) => byId.has(edge.from) && byId.has(edge.to));
  const brokenCodes = brokenCodesByNode(edges.map(({ edge }) => edge));

  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 56, edgesep: 12, marginx: metrics.margin, marginy: metrics.margin });
  const boxes = new Map<string, NodeBox>();
  for (const node of byId.values()) {
    const box = nodeBox(node);
    boxes.set(node.id, box);
    g.setNode(node.id, { width: box.width, height: box.height });
  }
  const labelTexts = new Map<number, string>();
  for (const { edge, index } of edges) {
    const text = edgeLabelText(edge);
    const label: EdgeLabel = { minlen: 1 };
    if (text) {
      labelTexts.set(index, text);
      label.width = Math.min(text.length, metrics.maxChars) * metrics.smallCharWidth + 12;
      label.height = metrics.edgeLabelHeight;
      label.labelpos = 'c';
    }
    g.setEdge(edge.from, edge.to, label, String(index));
  }
  dagre.layout(g);

  const nodes: DrawnNode[] = [];
  for (const node of byId.values()) {
    const placed = g.node(node.id);
    const box = boxes.get(node.id) as NodeBox;
    const codes = brokenCodes.get(node.id) ?? [];
    const classes = ['node', `kind-${node.kind}`];
    if (node.kind === 'missing') classes.push('broken');
    if (node.id === graph.focus) classes.push('focus');
    nodes.push({
      key: nodeKey(node.id),
      id: node.id,
      kind: node.kind,
      x: (placed.x ?? 0) - box.width / 2,
      y: (placed.y ?? 0) - box.height / 2,
      width: box.width,
      height: box.height,
      tag: kindTags[node.kind],
      label: box.label,
      details: box.details,
      title: [node.label, ...node.details].join('\n'),
      ariaLabel: nodeAriaLabel(node, codes),
      classes,
      ...(node.location ? { location: node.location } : {}),
    });
  }

  const drawnEdges: DrawnEdge[] = [];
  for (const { edge, index } of edges) {
    const placed = g.edge(edge.from, edge.to, String(index));
    const broken = edge.broken !== undefined || byId.get(edge.to)?.kind === 'missing';
    const text = labelTexts.get(index);
    const drawn: DrawnEdge = {
      key: edgeKey(index),
      from: nodeKey(edge.from),
      to: nodeKey(edge.to),
      path: pathData(placed.points ?? []),
      classes: broken ? ['edge', 'broken'] : ['edge'],
      broken,
      ...(edge.location ? { location: edge.location } : {}),
    };
    if (text !== undefined && placed.x !== undefined && placed.y !== undefined) {
      drawn.label = { text: shorten(text, metrics.maxChars), x: placed.x, y: placed.y, width: placed.width ?? 0, height: placed.height ?? 0 };
    }
    if (broken) {
      drawn.ariaLabel = edgeAriaLabel(edge, byId);
      drawn.title = [text, edge.broken?.message].filter((line): line is string => !!line).join('\n');
    }
    drawnEdges.push(drawn);
  }

  const size = g.graph();
  const drawing: Drawing = {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes,
    edges: drawnEdges,
    tabOrder: layoutOrder(nodes, drawnEdges),
  };
  if (graph.focus !== undefined && byId.has(graph.focus)) drawing.focus = nodeKey(graph.focus);
  return drawing;
}

/** The key a node gets in a drawing. */
export function nodeKey(id: string): string {
  return `n:${id}`;
}

/** The key the edge at this index of the graph gets in a drawing. */
export function edgeKey(index: number): string {
  return `e:${index}`;
}

/** The centre of a focusable item: a node's box, a broken edge's label (or the middle of its path). */
export function itemCentre(drawing: Drawing, key: string): { x: number; y: number } | undefined {
  const node = drawing.nodes.find((n) => n.key === key);
  if (node) return { x: node.x + node.width / 2, y: node.y + node.height / 2 };
  const edge = drawing.edges.find((e) => e.key === key);
  if (!edge) return undefined;
  if (edge.label) return { x: edge.label.x, y: edge.label.y };
  const from = drawing.nodes.find((n) => n.key === edge.from);
  const to = drawing.nodes.find((n) => n.key === edge.to);
  if (!from || !to) return undefined;
  return { x: (from.x + from.width / 2 + to.x + to.width / 2) / 2, y: (from.y + from.height / 2 + to.y + to.height / 2) / 2 };
}

interface NodeBox {
  width: number;
  height: number;
  label: string;
  details: string[];
}

function nodeBox(node: TrafficNode): NodeBox {
  const label = shorten(node.label, metrics.maxChars);
  const details = detailLines(node.details).map((line) => shorten(line, metrics.maxChars));
  const tag = kindTags[node.kind];
  const longest = Math.max(label.length, tag.length, ...details.map((line) => line.length));
  return {
    width: Math.max(metrics.minWidth, Math.ceil(longest * metrics.charWidth + 2 * metrics.padding + 6)),
    height: metrics.padding + metrics.tagHeight + metrics.labelHeight + details.length * metrics.detailHeight + metrics.padding,
    label,
    details,
  };
}

/** At most three lines: when there are more, the third says how many are left out (all are in the tooltip). */
function detailLines(details: readonly string[]): string[] {
  if (details.length <= metrics.maxDetailLines) return [...details];
  const kept = details.slice(0, metrics.maxDetailLines - 1);
  return [...kept, `+${details.length - kept.length} more`];
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function edgeLabelText(edge: TrafficEdge): string | undefined {
  if (!edge.broken) return edge.label;
  const codes = edge.broken.codes.length > 0 ? edge.broken.codes.join(', ') : 'broken';
  return edge.label ? `${edge.label} ✕ ${codes}` : `✕ ${codes}`;
}

function brokenCodesByNode(edges: readonly TrafficEdge[]): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  for (const edge of edges) {
    if (!edge.broken) continue;
    for (const id of [edge.from, edge.to]) {
      const list = codes.get(id) ?? [];
      for (const code of edge.broken.codes) if (!list.includes(code)) list.push(code);
      codes.set(id, list);
    }
  }
  return codes;
}

function nodeAriaLabel(node: TrafficNode, brokenCodes: readonly string[]): string {
  const parts = [`${kindTags[node.kind]}: ${node.label}`, ...node.details];
  if (node.kind === 'missing') parts.push('not found');
  if (brokenCodes.length > 0) parts.push(`broken links: ${brokenCodes.join(', ')}`);
  return parts.join('. ');
}

function edgeAriaLabel(edge: TrafficEdge, byId: ReadonlyMap<string, TrafficNode>): string {
  const from = byId.get(edge.from)?.label ?? edge.from;
  const to = byId.get(edge.to)?.label ?? edge.to;
  const parts = [`Broken link from ${from} to ${to}`];
  if (edge.label) parts.push(edge.label);
  if (edge.broken && edge.broken.codes.length > 0) parts.push(edge.broken.codes.join(', '));
  if (edge.broken?.message) parts.push(edge.broken.message);
  return parts.join('. ');
}

/** A smooth path through dagre's points: straight ends, quadratic bends through the midpoints between. */
function pathData(points: readonly Point[]): string {
  if (points.length === 0) return '';
  const fmt = (p: Point) => `${round(p.x)},${round(p.y)}`;
  const first = points[0] as Point;
  let d = `M${fmt(first)}`;
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i] as Point;
    const next = points[i + 1] as Point;
    d += ` Q${fmt(p)} ${fmt({ x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 })}`;
  }
  if (points.length > 1) d += ` L${fmt(points[points.length - 1] as Point)}`;
  return d;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Columns from left to right (dagre centres a rank's boxes and edge labels on one x), top to bottom within one. */
function layoutOrder(nodes: readonly DrawnNode[], edges: readonly DrawnEdge[]): string[] {
  const items: Array<{ key: string; x: number; y: number }> = nodes.map((n) => ({ key: n.key, x: n.x + n.width / 2, y: n.y + n.height / 2 }));
  const partial: Drawing = { width: 0, height: 0, nodes: [...nodes], edges: [...edges], tabOrder: [] };
  for (const edge of edges) {
    if (!edge.broken) continue;
    const centre = itemCentre(partial, edge.key);
    if (centre) items.push({ key: edge.key, ...centre });
  }
  items.sort((a, b) => Math.round(a.x) - Math.round(b.x) || a.y - b.y);
  return items.map((item) => item.key);
}
