import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { isListenerOwner } from '../engine/model/gateway-api/navigation';
import { isGatewayApiRoute, listenerOwnerView, routeView, type RouteRuleView } from '../engine/model/gateway-api/views';
import { describeResource, refOf, type Resource } from '../engine/model/resource';
import type { LineIndex } from '../engine/parse/line-index';
import { asMap, asSeq, getValue, scalarText } from '../engine/parse/yaml-nodes';
import { toLspRange } from './lsp-convert';

/** The outline: one symbol per resource, named `Kind namespace/name`; Gateway API listeners and route rules beneath theirs. */
export function documentSymbols(engine: Engine, uri: string): DocumentSymbol[] {
  const state = engine.workspace.file(uri);
  if (!state) return [];
  const lines = state.parsed.lines;
  return state.resources.map((resource) => {
    const range = toLspRange(lines, resource.range);
    const selection = toLspRange(lines, resource.anchor);
    const symbol: DocumentSymbol = {
      name: describeResource(refOf(resource)),
      detail: resource.apiVersion,
      kind: SymbolKind.Class,
      range,
      // LSP requires the selection inside the range.
      selectionRange: resource.anchor.start >= resource.range.start ? selection : range,
    };
    const children = childrenOf(resource, lines);
    if (children.length) symbol.children = children;
    return symbol;
  });
}

function childrenOf(resource: Resource, lines: LineIndex): DocumentSymbol[] {
  if (isListenerOwner(resource)) {
    return listenerOwnerView(resource).listeners.map((listener, i) => {
      const detail = [listener.port?.value, listener.protocol?.value, listener.hostname?.value].filter((p) => p !== undefined).join(' ');
      return child(lines, listener.name?.value ?? `listener ${i + 1}`, detail, SymbolKind.Interface, listener.range, listener.name?.range);
    });
  }
  if (isGatewayApiRoute(resource)) {
    return routeView(resource).rules.map((rule, i) => child(lines, rule.name?.value ?? `rule ${i + 1}`, ruleDetail(resource, rule), SymbolKind.Method, rule.range, rule.name?.range));
  }
  return [];
}

function child(lines: LineIndex, name: string, detail: string, kind: SymbolKind, range: OffsetRange, selection: OffsetRange | undefined): DocumentSymbol {
  const inside = selection && range.start <= selection.start && selection.end <= range.end ? selection : { start: range.start, end: range.start };
  return { name, detail, kind, range: toLspRange(lines, range), selectionRange: toLspRange(lines, inside) };
}

/** "PathPrefix /api → reviews, ratings": the rule's first match and its backends. */
function ruleDetail(route: Resource, rule: RouteRuleView): string {
  const rules = asSeq(getValue(asMap(getValue(route.root, 'spec')), 'rules'))?.items ?? [];
  const map = rules.map(asMap).find((m) => m?.range?.[0] === rule.range.start);
  const match = firstMatch(asMap(asSeq(getValue(map, 'matches'))?.items[0]));
  const backends = rule.backendRefs.map((b) => b.name?.value ?? '?').join(', ');
  return [match, backends && `→ ${backends}`].filter(Boolean).join(' ');
}

function firstMatch(match: ReturnType<typeof asMap>): string {
  if (!match) return '';
  const path = asMap(getValue(match, 'path'));
  if (path) return `${scalarText(getValue(path, 'type')) ?? 'PathPrefix'} ${scalarText(getValue(path, 'value')) ?? '/'}`;
  const method = getValue(match, 'method');
  const grpc = asMap(method);
  if (grpc) return [scalarText(getValue(grpc, 'service')), scalarText(getValue(grpc, 'method'))].filter(Boolean).join('/');
  if (scalarText(method)) return String(scalarText(method));
  const headers = (asSeq(getValue(match, 'headers'))?.items ?? []).map((h) => scalarText(getValue(asMap(h), 'name'))).filter(Boolean);
  return headers.length ? `headers ${headers.join(', ')}` : '';
}
