import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import type { FileEdits } from '../engine/edit/text-edit';
import { fixesFor } from '../engine/fixes/registry';
import { resourceAt } from '../engine/model/references';
import { diagnosticsFor } from './diagnostics';
import { toLspRange } from './lsp-convert';

/**
 * Quick fixes for the findings of a file that overlap `range` (offsets into the engine's current
 * text of the file), each attached to the diagnostic it fixes. Computed from the engine's own
 * findings, never from the client's (possibly stale) diagnostics.
 */
export function codeActions(engine: Engine, uri: string, range: OffsetRange, onError?: (message: string) => void): CodeAction[] {
  if (!engine.workspace.file(uri)) return [];
  const findings = engine.diagnose(uri);
  // Same order as the findings: diagnosticsFor maps engine.diagnose one to one.
  const diagnostics = diagnosticsFor(engine, uri);
  const actions: CodeAction[] = [];
  findings.forEach((finding, i) => {
    const diagnostic = diagnostics[i];
    if (!diagnostic || finding.range.start > range.end || range.start > finding.range.end) return;
    const resource = resourceAt(engine.workspace, uri, finding.range.start);
    const fixes = fixesFor(finding, { engine, uri, resource }, (provider, error) =>
      onError?.(`fix ${provider.id} failed on ${finding.code}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    );
    for (const fix of fixes) {
      const edit = toWorkspaceEdit(engine, fix.changes);
      if (!edit) continue;
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
      if (fix.isPreferred) action.isPreferred = true;
      actions.push(action);
    }
  });
  return actions;
}

/** Whether the engine's text of a file is `text`: the server's check that a request is not about another version. */
export function isCurrentText(engine: Engine, uri: string, text: string): boolean {
  return engine.workspace.file(uri)?.parsed.text === text;
}

/** Offsets become LSP positions against each file's current text; undefined when a file is unknown. */
export function toWorkspaceEdit(engine: Engine, changes: FileEdits): WorkspaceEdit | undefined {
  const out: Record<string, TextEdit[]> = {};
  for (const [uri, edits] of Object.entries(changes)) {
    const lines = engine.workspace.file(uri)?.parsed.lines;
    if (!lines) return undefined;
    out[uri] = edits.map((e) => ({ range: toLspRange(lines, e), newText: e.newText }));
  }
  return { changes: out };
}
