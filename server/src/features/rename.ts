import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { isPlainSafe, literalValueSpan, quoteStyleAt, replaceScalar } from '../engine/edit/scalars';
import type { OffsetEdit } from '../engine/edit/text-edit';
import { siteAt } from '../engine/model/references';
import { destinationRuleView } from '../engine/model/istio-views';
import { networkingGroup } from '../engine/workspace/resource-index';
import { toLspRange } from './lsp-convert';
import { symbolOccurrences, type Occurrence } from './references';

export type PrepareRenameOutcome = { range: Range; placeholder: string } | { error: string };
export type RenameOutcome = { edit: WorkspaceEdit } | { error: string };

const notRenamable =
  'Only Gateways and DestinationRule subsets can be renamed: place the cursor on a Gateway name, a VirtualService gateways entry, a subset name or a route subset.';

/** Gateway and subset names must be DNS-1123 labels; a dot would also turn a `gateways` entry into the legacy `name.namespace` form. */
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether the name under the cursor can be renamed, and the span of it (only the name in `ns/name`). */
export function prepareRename(engine: Engine, uri: string, offset: number): PrepareRenameOutcome {
  const state = engine.workspace.file(uri);
  const site = siteAt(engine.workspace, uri, offset);
  if (!state || !site) return { error: notRenamable };
  if (site.kind === 'mesh') return { error: '"mesh" is reserved (the sidecars of the mesh), not a Gateway name.' };
  if (site.kind === 'destination-host') return { error: 'Hosts are not renamed here. ' + notRenamable };
  const found = symbolOccurrences(engine, uri, offset);
  if (!found) return { error: notRenamable };
  if (!found.occurrences.some((o) => o.declaration)) {
    return found.kind === 'gateway'
      ? { error: `Gateway "${found.name}" is not defined in the workspace: there is nothing to rename.` }
      : { error: `Subset "${found.name}" is not defined by a DestinationRule for this host: there is nothing to rename.` };
  }
  const here = found.occurrences.find((o) => o.uri === uri && o.range.start <= offset && offset <= o.range.end);
  if (!here) return { error: notRenamable };
  const text = state.parsed.text;
  const span = namePart(text, here, found.kind === 'gateway' && !here.declaration) ?? here.range;
  return { range: toLspRange(state.parsed.lines, span), placeholder: found.name };
}

/** Renames a Gateway or a subset: its definitions and every reference across files, each reference keeping its form. */
export function doRename(engine: Engine, uri: string, offset: number, newName: string): RenameOutcome {
  const prepared = prepareRename(engine, uri, offset);
  if ('error' in prepared) return prepared;
  const found = symbolOccurrences(engine, uri, offset);
  if (!found) return { error: notRenamable };
  const name = newName.trim();
  if (!dnsLabel.test(name)) {
    return { error: `"${newName}" is not a valid ${found.kind === 'gateway' ? 'Gateway' : 'subset'} name: use lowercase letters, digits and "-" (a DNS-1123 label).` };
  }
  if (name === found.name) return { edit: { changes: {} } };
  const conflict = conflictOf(engine, uri, offset, found.kind, name);
  if (conflict) return { error: conflict };

  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of found.occurrences) {
    const state = engine.workspace.file(occurrence.uri);
    if (!state) continue;
    const edit = renameEdit(state.parsed.text, occurrence, found.kind === 'gateway' && !occurrence.declaration, name);
    (changes[occurrence.uri] ??= []).push({ range: toLspRange(state.parsed.lines, edit), newText: edit.newText });
  }
  return { edit: { changes } };
}

/** A Gateway reference's name part: `name`, `ns/name` or the legacy `name.ns`. */
function nameOfReference(value: string): { start: number; end: number } {
  const trimmedStart = value.length - value.trimStart().length;
  const trimmed = value.trim();
  const slash = trimmed.indexOf('/');
  if (slash >= 0) return { start: trimmedStart + slash + 1, end: trimmedStart + trimmed.length };
  const dot = trimmed.indexOf('.');
  return { start: trimmedStart, end: trimmedStart + (dot >= 0 ? dot : trimmed.length) };
}

/** The text span of the name inside a scalar, when the scalar spells its value literally. */
function namePart(text: string, occurrence: Occurrence, isReference: boolean): OffsetRange | undefined {
  const span = literalValueSpan(text, occurrence.range, occurrence.value);
  if (!span) return undefined;
  if (!isReference) return span;
  const part = nameOfReference(occurrence.value);
  return { start: span.start + part.start, end: span.start + part.end };
}

function renameEdit(text: string, occurrence: Occurrence, isReference: boolean, name: string): OffsetEdit {
  const part = namePart(text, occurrence, isReference);
  const value = isReference ? spliceName(occurrence.value, name) : name;
  // A literal name part is replaced alone, which keeps quotes, the `ns/` prefix and any legacy suffix as written;
  // a plain scalar that would stop being a string (`123`, `true`) gets quotes instead.
  if (part && (quoteStyleAt(text, occurrence.range) !== '' || isPlainSafe(value))) return { ...part, newText: name };
  return replaceScalar(text, occurrence.range, value);
}

function spliceName(value: string, name: string): string {
  const part = nameOfReference(value);
  return value.slice(0, part.start) + name + value.slice(part.end);
}

function conflictOf(engine: Engine, uri: string, offset: number, kind: 'gateway' | 'subset', name: string): string | undefined {
  const site = siteAt(engine.workspace, uri, offset);
  const index = engine.workspace.index;
  if (kind === 'gateway') {
    const namespace = site?.kind === 'gateway-name' ? site.resource.namespace : site?.kind === 'gateway-ref' ? site.target.namespace : undefined;
    if (namespace !== undefined && index.find(networkingGroup, 'Gateway', namespace, name).length) return `A Gateway ${namespace}/${name} already exists.`;
    return undefined;
  }
  const found = symbolOccurrences(engine, uri, offset);
  const rules = new Set(
    (found?.occurrences ?? [])
      .filter((o) => o.declaration)
      .map((o) => engine.workspace.file(o.uri)?.resources.find((r) => r.range.start <= o.range.start && o.range.end <= r.range.end))
      .filter((r) => r !== undefined),
  );
  for (const rule of rules) {
    if (destinationRuleView(rule).subsets.some((s) => s.name.value === name)) return `DestinationRule ${rule.namespace}/${rule.name} already has a subset "${name}".`;
  }
  return undefined;
}
