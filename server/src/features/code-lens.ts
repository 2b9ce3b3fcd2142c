import { isMap, type Node } from 'yaml';
import type { CodeLens, Location, Position } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { gatewayReferences, isNetworking } from '../engine/model/references';
import type { Resource } from '../engine/model/resource';
import { asMap, asSeq, getEntry, getValue, rangeOf, scalarText } from '../engine/parse/yaml-nodes';
import { toLspRange } from './lsp-convert';

/** VS Code's command that opens the references peek; its arguments need client-side conversion (see codeLenses). */
export const showReferencesCommand = 'editor.action.showReferences';

/**
 * Lenses of a file: on each Gateway, how many VirtualServices (in all files) bind it, opening them
 * on click; on each weighted route, the share of traffic each destination gets.
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
      for (const route of weightedRoutes(resource)) {
        lenses.push({ range: toLspRange(lines, route.key), command: { title: route.title, command: '' } });
      }
    }
  }
  return lenses;
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
  /** The `route` key. */
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
