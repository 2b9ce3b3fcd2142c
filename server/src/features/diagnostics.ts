import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { Finding, Severity } from '../engine/finding';
import { docsUrlFor } from '../engine/analyzers/codes';
import { toLspRange } from './lsp-convert';

export const diagnosticSource = 'istio-yaml';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnosis covers: every finding, or only those that depend on the file alone (while the workspace is read). */
export type DiagnosisScope = 'all' | 'file';

/** The engine's findings for a file as LSP diagnostics (positions, code links, related locations). */
export function diagnosticsFor(engine: Engine, uri: string, scope: DiagnosisScope = 'all'): Diagnostic[] {
  const state = engine.workspace.file(uri);
  if (!state) return [];
  const findings = scope === 'all' ? engine.diagnose(uri) : engine.diagnoseFileLocal(uri);
  return findings.map((f) => toDiagnostic(engine, state.parsed.lines, f));
}

function toDiagnostic(engine: Engine, lines: Parameters<typeof toLspRange>[0], finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(lines, finding.range),
    severity: severities[finding.severity],
    code: finding.code,
    source: diagnosticSource,
    message: finding.message,
  };
  const href = docsUrlFor(finding.code);
  if (href) diagnostic.codeDescription = { href };
  const related = (finding.related ?? []).flatMap((r) => {
    const other = engine.workspace.file(r.uri);
    const range = engine.currentRelatedRange(r);
    return other && range ? [{ location: { uri: r.uri, range: toLspRange(other.parsed.lines, range) }, message: r.message }] : [];
  });
  if (related.length) diagnostic.relatedInformation = related;
  return diagnostic;
}
