import type { Location } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { gatewayDeclarations, gatewayReferences, siteAt, subsetSymbol, type GatewayKey } from '../engine/model/references';
import { toLspRange } from './lsp-convert';

/** A located occurrence of a symbol, in engine offsets. */
export interface Occurrence {
  uri: string;
  range: OffsetRange;
  /** The definition (a Gateway's metadata.name, a subset's name) rather than a use. */
  declaration: boolean;
  /** The value as written, and the part of it that is the name (for `ns/name` references). */
  value: string;
}

export type SymbolOccurrenceKind = 'gateway' | 'subset';

/** The symbol under the cursor (a Gateway or a subset) and every occurrence of it across files, declarations first. */
export function symbolOccurrences(engine: Engine, uri: string, offset: number): { kind: SymbolOccurrenceKind; name: string; occurrences: Occurrence[] } | undefined {
  const site = siteAt(engine.workspace, uri, offset);
  const index = engine.workspace.index;
  if (site?.kind === 'gateway-name' || site?.kind === 'gateway-ref') {
    const key: GatewayKey = site.kind === 'gateway-name' ? { namespace: site.resource.namespace, name: site.resource.name } : site.target;
    const declarations = [...gatewayDeclarations(index, key)];
    // A Gateway in a file outside the index (a Kustomize patch) still is the declaration under the cursor.
    if (site.kind === 'gateway-name' && !declarations.includes(site.resource)) declarations.unshift(site.resource);
    return {
      kind: 'gateway',
      name: key.name,
      occurrences: [
        ...declarations.map((r) => ({ uri: r.uri, range: r.anchor, declaration: true, value: r.name })),
        ...gatewayReferences(index, key).map(({ resource, entry }) => ({ uri: resource.uri, range: entry.range, declaration: false, value: entry.value })),
      ],
    };
  }
  if (site?.kind === 'subset-name' || site?.kind === 'subset-use') {
    const symbol = subsetSymbol(index, site);
    return {
      kind: 'subset',
      name: symbol.name,
      occurrences: [
        ...symbol.declarations.map(({ rule, subset }) => ({ uri: rule.uri, range: subset.name.range, declaration: true, value: subset.name.value })),
        ...symbol.uses.map(({ resource, destination }) => ({ uri: resource.uri, range: destination.subset.range, declaration: false, value: destination.subset.value })),
      ],
    };
  }
  return undefined;
}

/** Find references: the VirtualService entries bound to a Gateway, the route destinations using a subset. */
export function doReferences(engine: Engine, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const found = symbolOccurrences(engine, uri, offset);
  if (!found) return [];
  const out: Location[] = [];
  for (const occurrence of found.occurrences) {
    if (occurrence.declaration && !includeDeclaration) continue;
    const lines = engine.workspace.file(occurrence.uri)?.parsed.lines;
    if (lines) out.push({ uri: occurrence.uri, range: toLspRange(lines, occurrence.range) });
  }
  return out;
}
