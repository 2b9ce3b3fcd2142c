import { createEngine, type Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { testCatalog } from './catalog';

/** An engine holding the given files (name → YAML text); names become `file:///name`. */
export function engineWith(files: Record<string, string>, defaultNamespace?: string): Engine {
  const engine = createEngine({ catalog: testCatalog(), defaultNamespace });
  for (const [name, text] of Object.entries(files)) engine.setFile(uriOf(name), text);
  return engine;
}

export function uriOf(name: string): string {
  return `file:///${name}`;
}

export interface SeenFinding {
  code: string;
  severity: string;
  /** 1-based line of the range start. */
  line: number;
  /** The text the range covers. */
  text: string;
  message: string;
  finding: Finding;
}

/** The findings of one file, with the line and text they point at, for readable assertions. */
export function findingsIn(engine: Engine, name: string): SeenFinding[] {
  const uri = uriOf(name);
  const state = engine.workspace.file(uri);
  if (!state) throw new Error(`no file ${name}`);
  return engine.diagnose(uri).map((finding) => ({
    code: finding.code,
    severity: finding.severity,
    line: state.parsed.lines.positionAt(finding.range.start).line + 1,
    text: state.parsed.text.slice(finding.range.start, finding.range.end),
    message: finding.message,
    finding,
  }));
}

/** Findings of a single in-memory file. */
export function check(text: string, defaultNamespace?: string): SeenFinding[] {
  return findingsIn(engineWith({ 'test.yaml': text }, defaultNamespace), 'test.yaml');
}

/** Removes the `|` cursor marker; returns the text and the cursor offset. */
export function withCursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor in text');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Joins YAML documents with `---`. */
export function docs(...documents: string[]): string {
  return documents.map((d) => d.replace(/^\n/, '')).join('---\n');
}
