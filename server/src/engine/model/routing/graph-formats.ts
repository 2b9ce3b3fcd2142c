import type { TrafficEdge, TrafficGraph, TrafficNode, TrafficNodeKind } from './graph-types';

/** The traffic graph as Mermaid and Graphviz text: nodes and edges in the graph's order, so equal graphs print equally. */

/** Mermaid shapes per kind: `open` + quoted label + `close`. */
const mermaidShapes: Record<TrafficNodeKind, [string, string]> = {
  gateway: ['{{', '}}'],
  route: ['[', ']'],
  rule: ['(', ')'],
  destination: ['([', '])'],
  subset: ['[[', ']]'],
  service: ['[(', ')]'],
  workload: ['[', ']'],
  missing: ['>', ']'],
  external: ['[/', '/]'],
};

/**
 * Text for a quoted Mermaid string: entity codes for what would end the string or be read as markup (`"`, `<`, `>`),
 * and for `#`, which starts an entity code itself.
 */
function mermaidText(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/[\r\n]+/g, ' ');
}

function mermaidLabel(node: TrafficNode): string {
  return [node.label, ...node.details].map(mermaidText).join('<br/>');
}

/** A broken edge's label: its own label and the finding codes, e.g. `subset · IST0101`. */
function brokenLabel(edge: TrafficEdge): string | undefined {
  if (!edge.broken) return edge.label;
  const parts = [edge.label, edge.broken.codes.join(' ')].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : 'broken';
}

/** Mermaid `flowchart LR`: one line per node (shape by kind), one per edge; broken edges dotted and red (`linkStyle`). */
export function graphToMermaid(graph: TrafficGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const [open, close] = mermaidShapes[node.kind];
    lines.push(`  ${ids.get(node.id)}${open}"${mermaidLabel(node)}"${close}`);
  }
  const red: number[] = [];
  let count = 0;
  for (const edge of graph.edges) {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (!from || !to) continue;
    const label = brokenLabel(edge);
    const arrow = edge.broken ? '-.->' : '-->';
    lines.push(`  ${from} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${to}`);
    if (edge.broken) red.push(count);
    count++;
  }
  const missing = graph.nodes.filter((n) => n.kind === 'missing').map((n) => ids.get(n.id));
  if (missing.length) {
    lines.push('  classDef missing stroke:red,stroke-dasharray:4 2,color:red');
    lines.push(`  class ${missing.join(',')} missing`);
  }
  if (graph.focus && ids.has(graph.focus)) {
    lines.push('  classDef focus stroke-width:3px');
    lines.push(`  class ${ids.get(graph.focus)} focus`);
  }
  if (red.length) lines.push(`  linkStyle ${red.join(',')} stroke:red,stroke-dasharray:5 5,color:red`);
  return lines.join('\n') + '\n';
}

const dotShapes: Record<TrafficNodeKind, string> = {
  gateway: 'hexagon',
  route: 'box',
  rule: 'box',
  destination: 'ellipse',
  subset: 'box3d',
  service: 'cylinder',
  workload: 'component',
  missing: 'octagon',
  external: 'note',
};

/** A DOT double-quoted string: backslashes and quotes escaped, each line ended by `\l`-free `\n`. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Graphviz `digraph`: nodes by their ids, shape by kind; broken edges `color=red style=dashed`. */
export function graphToDot(graph: TrafficGraph): string {
  const lines = ['digraph traffic {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  const known = new Set(graph.nodes.map((n) => n.id));
  for (const node of graph.nodes) {
    const attrs = [`label=${dotString([node.label, ...node.details].join('\n'))}`, `shape=${dotShapes[node.kind]}`];
    if (node.kind === 'missing') attrs.push('color=red', 'fontcolor=red', 'style=dashed');
    if (node.kind === 'rule') attrs.push('style=rounded');
    if (graph.focus === node.id) attrs.push('penwidth=3');
    lines.push(`  ${dotString(node.id)} [${attrs.join(', ')}];`);
  }
  for (const edge of graph.edges) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    const attrs: string[] = [];
    const label = brokenLabel(edge);
    if (label) attrs.push(`label=${dotString(label)}`);
    if (edge.broken) attrs.push('color=red', 'fontcolor=red', 'style=dashed', `tooltip=${dotString(edge.broken.message)}`);
    lines.push(`  ${dotString(edge.from)} -> ${dotString(edge.to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
