import * as dagre from '@dagrejs/dagre';
import { installKeyboard } from './keyboard';
import { buildDrawing, kindTags, type Drawing } from './model/traffic-drawing';
import type { FromTrafficView, ToTrafficView } from './model/view-messages';
import { PanZoom, type ViewTransform } from './pan-zoom';
import { renderDrawing, type RenderedGraph } from './render';
import type { TrafficNodeKind } from '../../server/src/engine/model/routing/graph-types';

/**
 * The `Istio: Show Traffic` webview: receives the traffic graph from the panel, draws it, and asks the panel to open
 * what the user picks. It never fetches anything; its state (zoom, pan, the focused item) survives the panel being
 * hidden through the webview state.
 */

interface VsCodeApi {
  postMessage(message: FromTrafficView): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  /** Which picture the transform belongs to: the focus description, '' for the whole workspace. */
  scope: string;
  transform?: ViewTransform;
  active?: string;
}

const vscode = acquireVsCodeApi();
/** Below this the 12px labels are too small to read; a larger picture is panned instead. */
const readableScale = 0.75;
let state: ViewState | undefined = readState(vscode.getState());
let drawing: Drawing | undefined;
let rendered: RenderedGraph | undefined;
/** The scope of the picture on screen; a new scope is fitted (or restored), an update of the same one keeps the view. */
let shownScope: string | undefined;
/** The graph message on screen, to skip laying out an unchanged graph again. */
let shownSignature: string | undefined;

const app = document.getElementById('app') ?? document.body;
const toolbar = element('header', 'toolbar');
const scopeText = element('span', 'scope');
const status = element('span', 'status');
status.setAttribute('role', 'status');
const actions = element('div', 'actions');
const wholeButton = button('Whole workspace', 'Show the whole workspace', () => vscode.postMessage({ type: 'wholeWorkspace' }));
const fitButton = button('Fit', 'Fit the graph to the view (F)', () => fit());
const zoomOutButton = button('−', 'Zoom out (-)', () => panZoom.zoomBy(1 / 1.2));
const zoomInButton = button('+', 'Zoom in (+)', () => panZoom.zoomBy(1.2));
const refreshButton = button('Refresh', 'Ask for the graph again', () => vscode.postMessage({ type: 'refresh' }));
actions.append(wholeButton, refreshButton, fitButton, zoomOutButton, zoomInButton);
toolbar.append(scopeText, status, actions);
const legend = buildLegend();
const canvas = element('main', 'canvas');
const message = element('div', 'message');
message.setAttribute('role', 'status');
message.hidden = true;
canvas.append(message);
app.append(toolbar, legend, canvas);
wholeButton.hidden = true;

const panZoom = new PanZoom(canvas, (transform) => saveState({ transform }));

canvas.addEventListener('click', (event) => {
  const key = event.target instanceof Element ? event.target.closest('.item')?.getAttribute('data-key') : undefined;
  if (key) open(key);
});
canvas.addEventListener('focusin', (event) => {
  const key = event.target instanceof Element ? event.target.closest('.item')?.getAttribute('data-key') : undefined;
  if (!key) return;
  const box = itemBox(key);
  if (box) panZoom.reveal(box);
  saveState({ active: key });
});
installKeyboard(document.body, {
  drawing: () => drawing,
  focusedItem,
  focusItem: (key) => rendered?.items.get(key)?.focus(),
  open,
  zoomBy: (factor) => panZoom.zoomBy(factor),
  fit,
});

window.addEventListener('message', (event: MessageEvent<ToTrafficView>) => {
  const data = event.data;
  switch (data.type) {
    case 'loading':
      status.textContent = 'Updating…';
      break;
    case 'graph': {
      show(data.focusDescription);
      // Most edits leave the picture as it was; laying out a large one again takes a second.
      const signature = JSON.stringify([data.focusDescription ?? '', data.graph]);
      if (signature === shownSignature && drawing) {
        status.textContent = summary(drawing);
        break;
      }
      shownSignature = signature;
      draw(buildDrawing(data.graph, dagre, data.focusDescription ? { focusDescription: data.focusDescription } : {}), data.focusDescription ?? '');
      break;
    }
    case 'error':
      shownSignature = undefined;
      show(data.focusDescription);
      showError(data.message);
      break;
  }
});
status.textContent = 'Loading…';
vscode.postMessage({ type: 'ready' });

function show(focusDescription: string | undefined): void {
  scopeText.textContent = focusDescription ? `Around ${focusDescription}` : 'Whole workspace';
  wholeButton.hidden = !focusDescription;
}

function draw(next: Drawing, scope: string): void {
  const hadFocus = focusedItem();
  const hadPicture = rendered !== undefined;
  rendered?.svg.remove();
  rendered = undefined;
  drawing = next;
  message.classList.remove('error');
  if (next.message) {
    showMessage(next.message);
    shownScope = scope;
    return;
  }
  message.hidden = true;
  showPictureControls(true);
  rendered = renderDrawing(next);
  canvas.append(rendered.svg);
  panZoom.attach(rendered.viewport);
  status.textContent = summary(next);
  // A new scope, or a first picture after a message: restore the saved view or make a new one; else keep the user's.
  if (scope !== shownScope || !hadPicture) {
    const restored = state?.scope === scope ? state : undefined;
    shownScope = scope;
    if (restored?.transform) {
      panZoom.set(restored.transform);
      if (restored.active) rendered.items.get(restored.active)?.focus({ preventScroll: true });
    } else {
      state = { scope };
      vscode.setState(state);
      initialView();
    }
  } else if (hadFocus) {
    rendered.items.get(hadFocus)?.focus({ preventScroll: true });
  }
}

function summary(shown: Drawing): string {
  if (shown.message) return '';
  const broken = shown.edges.filter((e) => e.broken).length;
  return `${shown.nodes.length} ${shown.nodes.length === 1 ? 'node' : 'nodes'}${broken ? `, ${broken} broken ${broken === 1 ? 'link' : 'links'}` : ''}`;
}

function showError(text: string): void {
  rendered?.svg.remove();
  rendered = undefined;
  drawing = undefined;
  showMessage(`The traffic graph could not be made: ${text}`);
  message.classList.add('error');
}

function showMessage(text: string): void {
  message.textContent = text;
  message.hidden = false;
  status.textContent = '';
  showPictureControls(false);
}

/** Zoom buttons and the legend only make sense with a picture. */
function showPictureControls(visible: boolean): void {
  for (const control of [fitButton, zoomOutButton, zoomInButton, legend]) control.hidden = !visible;
}

function fit(): void {
  if (drawing && !drawing.message) panZoom.fit(drawing.width, drawing.height);
}

/** A new picture: fitted, but not so small that its text cannot be read; then the node it centres on brought into view. */
function initialView(): void {
  if (!drawing || drawing.message) return;
  panZoom.fit(drawing.width, drawing.height, readableScale);
  const box = drawing.focus ? itemBox(drawing.focus) : undefined;
  if (box) panZoom.reveal(box);
}

function open(key: string): void {
  const node = (nodeKey: string | undefined) => drawing?.nodes.find((n) => n.key === nodeKey);
  const edge = drawing?.edges.find((e) => e.key === key);
  // An edge whose reference has no place of its own opens the resource that makes it.
  const location = edge ? (edge.location ?? node(edge.from)?.location) : node(key)?.location;
  if (location) vscode.postMessage({ type: 'open', location });
}

function focusedItem(): string | undefined {
  const active = document.activeElement;
  return active instanceof Element ? (active.closest('.item')?.getAttribute('data-key') ?? undefined) : undefined;
}

function itemBox(key: string): { x: number; y: number; width: number; height: number } | undefined {
  const node = drawing?.nodes.find((n) => n.key === key);
  if (node) return node;
  const label = drawing?.edges.find((e) => e.key === key)?.label;
  return label ? { x: label.x - label.width / 2, y: label.y - label.height / 2, width: label.width, height: label.height } : undefined;
}

function saveState(change: Partial<ViewState>): void {
  if (shownScope === undefined) return;
  state = { ...(state ?? {}), ...change, scope: shownScope };
  vscode.setState(state);
}

function readState(value: unknown): ViewState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = value as Partial<ViewState>;
  return typeof candidate.scope === 'string' ? (candidate as ViewState) : undefined;
}

function buildLegend(): HTMLElement {
  const list = element('ul', 'legend');
  list.setAttribute('aria-label', 'Legend');
  const kinds = Object.keys(kindTags) as TrafficNodeKind[];
  for (const kind of kinds) {
    const item = element('li', `legend-item kind-${kind}`);
    item.append(element('span', 'swatch'), document.createTextNode(kindTags[kind]));
    list.append(item);
  }
  const broken = element('li', 'legend-item broken-link');
  broken.append(element('span', 'swatch'), document.createTextNode('Broken link'));
  list.append(broken);
  return list;
}

function button(label: string, title: string, action: () => void): HTMLButtonElement {
  const b = element('button', 'action');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.setAttribute('aria-label', title.replace(/ \(.*\)$/, ''));
  b.addEventListener('click', action);
  return b;
}

function element<K extends keyof HTMLElementTagNameMap>(name: K, className: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(name);
  e.className = className;
  return e;
}
