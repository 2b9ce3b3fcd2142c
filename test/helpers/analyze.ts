import type { Analyzer } from '../../server/src/engine/analyzers/analyzer';
import { meshSettings } from '../../server/src/engine/model/mesh-config';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import { uriOf, type SeenFinding } from './engine';

/**
 * Runs one analyzer directly (no engine) on every resource of its group/kind in `files[main]`,
 * with the index over all files. For checks of kinds the engine does not analyze yet.
 */
export function runAnalyzer(analyzer: Analyzer, files: Record<string, string>, main = Object.keys(files)[0]): SeenFinding[] {
  const workspace = new Workspace('default');
  for (const [name, text] of Object.entries(files)) workspace.setFile(uriOf(name), text);
  const state = workspace.file(uriOf(main));
  if (!state) throw new Error(`no file ${main}`);
  return state.resources
    .filter((r) => r.group === analyzer.group && r.kind === analyzer.kind)
    .flatMap((r) => analyzer.analyze(r, { index: workspace.index, mesh: () => meshSettings(workspace.index, undefined) }))
    .map((finding) => ({
      code: finding.code,
      severity: finding.severity,
      line: state.parsed.lines.positionAt(finding.range.start).line + 1,
      text: state.parsed.text.slice(finding.range.start, finding.range.end),
      message: finding.message,
      finding,
    }));
}
