import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { describeResource } from '../engine/model/resource';
import { toLspRange } from './lsp-convert';

/** The outline: one symbol per resource, named `Kind namespace/name`. */
export function documentSymbols(engine: Engine, uri: string): DocumentSymbol[] {
  const state = engine.workspace.file(uri);
  if (!state) return [];
  const lines = state.parsed.lines;
  return state.resources.map((resource) => {
    const range = toLspRange(lines, resource.range);
    const selection = toLspRange(lines, resource.anchor);
    return {
      name: describeResource(resource),
      detail: resource.apiVersion,
      kind: SymbolKind.Class,
      range,
      // LSP requires the selection inside the range.
      selectionRange: resource.anchor.start >= resource.range.start ? selection : range,
    };
  });
}
