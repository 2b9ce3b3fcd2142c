import type { Drawing, DrawnEdge, DrawnNode } from './model/traffic-drawing';

/** Turns a drawing into SVG elements. Styling is the stylesheet's job: elements only get classes. */

const svgNs = 'http://www.w3.org/2000/svg';

export interface RenderedGraph {
  svg: SVGSVGElement;
  /** The group pan and zoom transform. */
  viewport: SVGGElement;
  /** Focusable elements by item key. */
  items: Map<string, SVGGElement>;
}

/** An SVG of the drawing: edges under nodes; nodes and broken edges focusable buttons in the drawing's tab order. */
export function renderDrawing(drawing: Drawing): RenderedGraph {
  const svg = svgElement('svg', { class: 'graph', role: 'group', 'aria-label': 'Traffic graph' });
  svg.append(markers());
  const viewport = svgElement('g', { class: 'viewport' });
  const edgeLayer = svgElement('g', { class: 'edges' });
  const itemLayer = svgElement('g', { class: 'items' });
  viewport.append(edgeLayer, itemLayer);
  svg.append(viewport);

  const items = new Map<string, SVGGElement>();
  for (const edge of drawing.edges) {
    edgeLayer.append(svgElement('path', { class: edge.classes.join(' '), d: edge.path, 'marker-end': `url(#${edge.broken ? 'arrow-broken' : 'arrow'})` }));
    if (edge.label && !edge.broken) edgeLayer.append(edgeLabel(edge));
  }
  const nodes = new Map(drawing.nodes.map((n) => [n.key, n]));
  const edges = new Map(drawing.edges.map((e) => [e.key, e]));
  for (const key of drawing.tabOrder) {
    const node = nodes.get(key);
    const edge = edges.get(key);
    const element = node ? nodeGroup(node) : edge ? edgeLabel(edge) : undefined;
    if (!element) continue;
    itemLayer.append(element);
    items.set(key, element);
  }
  return { svg, viewport, items };
}

function nodeGroup(node: DrawnNode): SVGGElement {
  const group = svgElement('g', {
    class: node.classes.join(' ') + ' item',
    transform: `translate(${node.x},${node.y})`,
    tabindex: '0',
    role: 'button',
    'aria-label': node.ariaLabel,
    'data-key': node.key,
  });
  const title = svgElement('title', {});
  title.textContent = node.title;
  group.append(title, svgElement('rect', { class: 'box', width: String(node.width), height: String(node.height), rx: '6', ry: '6' }));
  group.append(svgElement('rect', { class: 'band', x: '0', y: '0', width: '4', height: String(node.height), rx: '2', ry: '2' }));
  let y = 10 + 10;
  group.append(text('tag', 12, y, node.tag.toUpperCase()));
  y += 17;
  group.append(text('label', 12, y, node.label));
  for (const line of node.details) {
    y += 16;
    group.append(text('detail', 12, y, line));
  }
  return group;
}

function edgeLabel(edge: DrawnEdge): SVGGElement {
  const label = edge.label;
  const focusable = edge.broken;
  const attributes: Record<string, string> = { class: `edge-label${edge.broken ? ' broken item' : ''}`, 'data-key': edge.key };
  const width = label?.width ?? 24;
  const height = label?.height ?? 18;
  const centre = label ?? { x: 0, y: 0 };
  attributes.transform = `translate(${centre.x - width / 2},${centre.y - height / 2})`;
  if (focusable) Object.assign(attributes, { tabindex: '0', role: 'button', 'aria-label': edge.ariaLabel ?? 'Broken link' });
  const group = svgElement('g', attributes);
  if (edge.title) {
    const title = svgElement('title', {});
    title.textContent = edge.title;
    group.append(title);
  }
  group.append(svgElement('rect', { class: 'label-box', width: String(width), height: String(height), rx: '3', ry: '3' }));
  group.append(text('edge-text', width / 2, height / 2 + 4, label?.text ?? '✕', 'middle'));
  return group;
}

function markers(): SVGDefsElement {
  const defs = svgElement('defs', {});
  for (const [id, cls] of [
    ['arrow', 'arrowhead'],
    ['arrow-broken', 'arrowhead broken'],
  ] as const) {
    const marker = svgElement('marker', { id, viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
    marker.append(svgElement('path', { class: cls, d: 'M0,0 L10,5 L0,10 z' }));
    defs.append(marker);
  }
  return defs;
}

function text(cls: string, x: number, y: number, content: string, anchor?: 'middle'): SVGTextElement {
  const element = svgElement('text', { class: cls, x: String(x), y: String(y), ...(anchor ? { 'text-anchor': anchor } : {}) });
  element.textContent = content;
  return element;
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, name);
  for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
  return element;
}
