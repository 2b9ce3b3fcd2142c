import { isMap, type Node } from 'yaml';
import type { CodeLens, Location, Position } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { effectiveSplit } from '../engine/analyzers/gateway-api/route-weights';
import { attachmentOf, parentKey } from '../engine/model/gateway-api/attachment';
import { totalWeight } from '../engine/model/gateway-api/backends';
import { isListenerOwner, keyOf, sameKey, type NameReference } from '../engine/model/gateway-api/navigation';
import { isGatewayApiRoute, listenerOwnerView, routeView, type ListenerView } from '../engine/model/gateway-api/views';
import { gatewayReferences, isNetworking } from '../engine/model/references';
import type { Resource } from '../engine/model/resource';
import { asMap, asSeq, getEntry, getValue, rangeOf, scalarText } from '../engine/parse/yaml-nodes';
import { toLspRange } from './lsp-convert';
import { traceLenses } from './trace-lens';

/** VS Code's command that opens the references peek; its arguments need client-side conversion (see codeLenses). */
export const showReferencesCommand = 'editor.action.showReferences';

/**
 * Lenses of a file: on each Gateway, how many VirtualServices (in all files) bind it, opening them
 * on click; on each weighted route, the share of traffic each destination gets; on each Gateway API listener, how
 * many routes it accepts, opening their parentRefs; on each Gateway API route rule splitting traffic, the split; on
 * each VirtualService http rule, `Trace…` with a request it accepts.
 * The showReferences arguments are plain LSP data `[uri: string, position: Position, locations: Location[]]`;
 * the client must turn them into vscode.Uri/Position/Location before VS Code runs the command.
 */
export function codeLenses(engine: Engine, uri: string): CodeLens[] {
  const state = engine.workspace.file(uri);
  if (!state) return [];
  const lines = state.parsed.lines;
  const lenses: CodeLens[] = [];
  for (const resource of state.resources) {
    if (isNetworking(resource, 'Gateway') && resource.name) lenses.push(gatewayLens(engine, resource));
    if (isNetworking(resource, 'VirtualService')) {
      lenses.push(...traceLenses(resource));
      for (const route of weightedRoutes(resource)) {
        lenses.push({ range: toLspRange(lines, route.key), command: { title: route.title, command: '' } });
      }
    }
    if (isListenerOwner(resource) && resource.name) lenses.push(...listenerLenses(engine, resource));
    if (isGatewayApiRoute(resource)) {
      for (const split of ruleSplits(resource)) lenses.push({ range: toLspRange(lines, split.key), command: { title: split.title, command: '' } });
    }
  }
  return lenses;
}

/**
 * The parentRefs each listener of a Gateway or ListenerSet accepts, judged once per parentRef rather than once per
 * listener and parentRef.
 */
export function acceptedByListener(engine: Engine, owner: Resource): Map<ListenerView, NameReference[]> {
  const index = engine.workspace.index;
  const key = keyOf(owner);
  const out = new Map<ListenerView, NameReference[]>(listenerOwnerView(owner).listeners.map((l) => [l, []]));
  for (const route of index.routesWithParent(owner.kind, owner.namespace, owner.name)) {
    for (const ref of routeView(route).parentRefs) {
      if (!ref.name || !sameKey(parentKey(ref, route.namespace), key)) continue;
      const attachment = attachmentOf(route, ref, index);
      if (attachment.status !== 'accepted' || attachment.parent !== owner) continue;
      for (const listener of attachment.listeners) out.get(listener)?.push({ resource: route, entry: ref.name });
    }
  }
  return out;
}

function listenerLenses(engine: Engine, owner: Resource): CodeLens[] {
  const lines = owner.file.lines;
  const lenses: CodeLens[] = [];
  for (const [listener, refs] of acceptedByListener(engine, owner)) {
    const count = new Set(refs.map((r) => r.resource)).size;
    const title = `${count} route${count === 1 ? '' : 's'} attached`;
    const range = toLspRange(lines, { start: listener.range.start, end: listener.range.start });
    if (!count) {
      lenses.push({ range, command: { title, command: '' } });
      continue;
    }
    const locations: Location[] = [];
    for (const { resource, entry } of refs) {
      const other = engine.workspace.file(resource.uri);
      if (other) locations.push({ uri: resource.uri, range: toLspRange(other.parsed.lines, entry.range) });
    }
    const position: Position = lines.positionAt((listener.name ?? listener).range.start);
    lenses.push({ range, command: { title, command: showReferencesCommand, arguments: [owner.uri, position, locations] } });
  }
  return lenses;
}

/** Rules of a Gateway API route with two or more backendRefs and at least one weight, with their effective split. */
export function ruleSplits(route: Resource): WeightedRoute[] {
  const out: WeightedRoute[] = [];
  for (const rule of routeView(route).rules) {
    const backends = rule.backendRefs.filter((b) => b.name);
    if (backends.length < 2 || !backends.some((b) => b.weight)) continue;
    const total = totalWeight(backends);
    const title = total > 0 ? `split: ${effectiveSplit(backends, total)}` : 'no traffic: weights sum to 0';
    out.push({ key: { start: rule.range.start, end: rule.range.start }, title });
  }
  return out;
}

function gatewayLens(engine: Engine, gateway: Resource): CodeLens {
  const lines = gateway.file.lines;
  const references = gatewayReferences(engine.workspace.index, { namespace: gateway.namespace, name: gateway.name });
  const count = new Set(references.map((r) => r.resource)).size;
  const title = `bound by ${count} VirtualService${count === 1 ? '' : 's'}`;
  const range = toLspRange(lines, lensAnchor(gateway));
  if (!count) return { range, command: { title, command: '' } };
  const locations: Location[] = [];
  for (const { resource, entry } of references) {
    const other = engine.workspace.file(resource.uri);
    if (other) locations.push({ uri: resource.uri, range: toLspRange(other.parsed.lines, entry.range) });
  }
  const position: Position = lines.positionAt(gateway.anchor.start);
  return { range, command: { title, command: showReferencesCommand, arguments: [gateway.uri, position, locations] } };
}

/** Lenses sit above the resource's first line (`apiVersion:`), where the outline starts. */
function lensAnchor(resource: Resource): OffsetRange {
  const start = resource.root.range ? resource.root.range[0] : resource.anchor.start;
  return { start, end: start };
}

export interface WeightedRoute {
  /** Where the lens sits: a VirtualService's `route` key, a Gateway API rule's start. */
  key: OffsetRange;
  title: string;
}

/** Routes of http/tcp/tls rules with two or more destinations and at least one weight, with their traffic split. */
export function weightedRoutes(virtualService: Resource): WeightedRoute[] {
  const spec = asMap(getValue(virtualService.root, 'spec'));
  const out: WeightedRoute[] = [];
  for (const protocol of ['http', 'tcp', 'tls']) {
    for (const rule of asSeq(getValue(spec, protocol))?.items ?? []) {
      const entry = getEntry(asMap(rule), 'route');
      const items = asSeq(entry?.value)?.items.map(asMap) ?? [];
      if (!entry || items.length < 2 || !items.some((item) => getEntry(item, 'weight'))) continue;
      const parts = items.map((item) => ({ label: destinationLabel(item ? getValue(item, 'destination') : undefined), weight: weightOf(item ? getValue(item, 'weight') : undefined) }));
      const total = parts.reduce((sum, p) => sum + p.weight, 0);
      const title = total > 0 ? parts.map((p) => `${p.label} ${percent((p.weight * 100) / total)}`).join(' · ') : 'no traffic: weights sum to 0';
      out.push({ key: rangeOf(entry.key), title });
    }
  }
  return out;
}

function weightOf(node: Node | undefined): number {
  const n = Number(scalarText(node));
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function destinationLabel(node: Node | undefined): string {
  const map = isMap(node) ? node : undefined;
  const subset = scalarText(getValue(map, 'subset'));
  const host = scalarText(getValue(map, 'host'));
  return subset || host || '?';
}

function percent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}
