import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Engine } from '../../server/src/engine/engine';
import { LineIndex } from '../../server/src/engine/parse/line-index';
import { codeActions } from '../../server/src/features/code-actions';
import { findingsIn, uriOf, type SeenFinding } from './engine';

/** Applies LSP text edits to a text the way an editor does (all positions refer to the original text). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const span of spans) {
    if (span.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, span.start) + span.newText + out.slice(span.end);
    limit = span.start;
  }
  return out;
}

/** Applies a WorkspaceEdit to the engine's files (as the editor would, then re-sends them); returns the new texts by URI. */
export function applyWorkspaceEdit(engine: Engine, edit: WorkspaceEdit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const state = engine.workspace.file(uri);
    if (!state) throw new Error(`edit for unknown file ${uri}`);
    out[uri] = applyTextEdits(state.parsed.text, edits);
  }
  for (const [uri, text] of Object.entries(out)) engine.setFile(uri, text);
  return out;
}

/** The quick fixes offered for one finding (by its whole range). */
export function fixesOf(engine: Engine, name: string, finding: SeenFinding): CodeAction[] {
  return codeActions(engine, uriOf(name), finding.finding.range);
}

/** A readable key of a finding that survives edits elsewhere in the file. */
export function findingKey(f: SeenFinding): string {
  return `${f.code} ${f.text} ${f.message}`;
}

/** Every finding of every named file, as keys. */
export function allFindings(engine: Engine, names: readonly string[]): string[] {
  return names.flatMap((n) => findingsIn(engine, n).map((f) => `${n}: ${findingKey(f)}`)).sort();
}
