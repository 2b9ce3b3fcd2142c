import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Engine } from '../../server/src/engine/engine';
import type { OffsetRange } from '../../server/src/engine/finding';
import { LineIndex } from '../../server/src/engine/parse/line-index';
import { codeActions } from '../../server/src/features/code-actions';
import { codeLenses } from '../../server/src/features/code-lens';
import { doComplete } from '../../server/src/features/completion';
import { doDefinition } from '../../server/src/features/definition';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { doHover } from '../../server/src/features/hover';
import { doReferences } from '../../server/src/features/references';
import { doRename, prepareRename } from '../../server/src/features/rename';
import { documentSymbols } from '../../server/src/features/symbols';
import { workspaceSymbols } from '../../server/src/features/workspace-symbols';
import { applyTextEdits } from '../helpers/apply-edits';

/**
 * Runs every engine entry point an editor can reach on one text and checks what comes back:
 * nothing throws, every offset range lies inside its file, every LSP position exists in its file,
 * every edit set can be applied. Used by the fuzz suite and the hostile-input tests.
 */

export interface ExerciseResult {
  /** Broken invariants, in words; empty when everything held. */
  problems: string[];
  /** Wall time of the whole run, in ms. */
  elapsedMs: number;
  /** The slowest single step and its time. */
  slowest: { step: string; ms: number };
}

export interface ExerciseOptions {
  /** Offsets (clamped to the text) at which cursor features run, on top of 0, the middle and the end. */
  offsets?: readonly number[];
  /** Also apply each quick fix's edits and re-check the result (default true). */
  applyFixes?: boolean;
}

/** Sets `text` as `uri` in `engine` and runs every feature over it; never throws (a thrown error is a problem). */
export function exercise(engine: Engine, uri: string, text: string, options: ExerciseOptions = {}): ExerciseResult {
  const problems: string[] = [];
  const started = performance.now();
  let slowest = { step: '', ms: 0 };
  const step = <T>(name: string, run: () => T): T | undefined => {
    const t0 = performance.now();
    try {
      return run();
    } catch (error) {
      problems.push(`${name} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { step: name, ms };
    }
  };
  const texts = (other: string): string | undefined => (other === uri ? text : engine.workspace.file(other)?.parsed.text);
  const checker = new RangeChecker(texts, problems);

  step('setFile', () => engine.setFile(uri, text));
  const findings = step('diagnose', () => engine.diagnose(uri)) ?? [];
  for (const f of findings) {
    // Related ranges of cached findings may describe an older version of the other file: the LSP conversion (checked below) maps them to the current one.
    checker.offsets(`finding ${f.code}`, uri, f.range);
    if (typeof f.message !== 'string' || !f.message) problems.push(`finding ${f.code} has no message`);
  }
  const diagnostics = step('diagnostics', () => diagnosticsFor(engine, uri)) ?? [];
  for (const d of diagnostics) {
    checker.range(`diagnostic ${String(d.code)}`, uri, d.range);
    for (const r of d.relatedInformation ?? []) checker.range(`related of ${String(d.code)}`, r.location.uri, r.location.range);
  }

  const mid = text.length >> 1;
  const offsets = [...new Set([0, mid, text.length, ...(options.offsets ?? [])].map((o) => Math.max(0, Math.min(text.length, o))))];
  for (const offset of offsets) {
    const at = `@${offset}`;
    const completion = step(`completion${at}`, () => doComplete(engine, uri, offset));
    for (const item of completion?.items ?? []) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) checker.range(`completion ${item.label}${at}`, uri, edit.range);
    }
    const hover = step(`hover${at}`, () => doHover(engine, uri, offset));
    if (hover?.range) checker.range(`hover${at}`, uri, hover.range);
    for (const location of step(`definition${at}`, () => doDefinition(engine, uri, offset, false)) ?? []) {
      if ('range' in location) checker.range(`definition${at}`, location.uri, location.range);
    }
    for (const link of step(`definition-links${at}`, () => doDefinition(engine, uri, offset, true)) ?? []) {
      if (!('targetUri' in link)) continue;
      if (link.originSelectionRange) checker.range(`definition origin${at}`, uri, link.originSelectionRange);
      checker.range(`definition target${at}`, link.targetUri, link.targetRange);
      checker.range(`definition selection${at}`, link.targetUri, link.targetSelectionRange);
      if (!contains(link.targetRange, link.targetSelectionRange)) problems.push(`definition${at}: selection outside target range`);
    }
    for (const location of step(`references${at}`, () => doReferences(engine, uri, offset, true)) ?? []) {
      checker.range(`references${at}`, location.uri, location.range);
    }
    const prepared = step(`prepareRename${at}`, () => prepareRename(engine, uri, offset));
    if (prepared && 'range' in prepared) {
      checker.range(`prepareRename${at}`, uri, prepared.range);
      const renamed = step(`rename${at}`, () => doRename(engine, uri, offset, 'fuzz-renamed'));
      if (renamed && 'edit' in renamed) checker.workspaceEdit(`rename${at}`, renamed.edit);
    }
  }

  for (const symbol of step('documentSymbols', () => documentSymbols(engine, uri)) ?? []) {
    checker.range(`symbol ${symbol.name}`, uri, symbol.range);
    checker.range(`symbol selection ${symbol.name}`, uri, symbol.selectionRange);
    if (!contains(symbol.range, symbol.selectionRange)) problems.push(`symbol ${symbol.name}: selectionRange outside range`);
  }
  for (const lens of step('codeLenses', () => codeLenses(engine, uri)) ?? []) checker.range('code lens', uri, lens.range);
  step('workspaceSymbols', () => workspaceSymbols(engine, 'v'));

  const actions = step('codeActions', () => codeActions(engine, uri, { start: 0, end: text.length }, (message) => problems.push(`code action provider failed: ${message}`))) ?? [];
  for (const action of actions) {
    if (!action.edit) continue;
    const ok = checker.workspaceEdit(`code action "${action.title}"`, action.edit);
    if (!ok || options.applyFixes === false) continue;
    const fixed = action.edit.changes?.[uri];
    if (!fixed) continue;
    // The fixed text must itself be readable without trouble (a fix that produces a crash is a bug too).
    const next = step(`apply "${action.title}"`, () => applyTextEdits(text, fixed));
    if (next === undefined) continue;
    step(`setFile after "${action.title}"`, () => engine.setFile(uri, next));
    const after = step(`diagnose after "${action.title}"`, () => engine.diagnose(uri)) ?? [];
    for (const f of after) new RangeChecker((u) => (u === uri ? next : texts(u)), problems).offsets(`finding ${f.code} after "${action.title}"`, uri, f.range);
    step('restore', () => engine.setFile(uri, text));
  }
  return { problems, elapsedMs: performance.now() - started, slowest };
}

class RangeChecker {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(
    private readonly textOf: (uri: string) => string | undefined,
    private readonly problems: string[],
  ) {}

  offsets(what: string, uri: string, range: OffsetRange): void {
    const text = this.textOf(uri);
    if (text === undefined) return void this.problems.push(`${what}: unknown file ${uri}`);
    const { start, end } = range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length) {
      this.problems.push(`${what}: offsets ${start}-${end} outside 0..${text.length} of ${uri}`);
    }
  }

  range(what: string, uri: string, range: Range): boolean {
    const text = this.textOf(uri);
    if (text === undefined) {
      this.problems.push(`${what}: unknown file ${uri}`);
      return false;
    }
    let lines = this.indexes.get(uri);
    if (!lines) this.indexes.set(uri, (lines = new LineIndex(text)));
    const bad = [range.start, range.end].find((p) => !validPosition(lines, p));
    if (bad) {
      this.problems.push(`${what}: position ${JSON.stringify(bad)} does not exist in ${uri} (${lines.lineCount} lines)`);
      return false;
    }
    if (compare(range.start, range.end) > 0) {
      this.problems.push(`${what}: range ends before it starts ${JSON.stringify(range)}`);
      return false;
    }
    return true;
  }

  workspaceEdit(what: string, edit: WorkspaceEdit): boolean {
    let ok = true;
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      for (const e of edits) ok = this.range(what, uri, e.range) && ok;
      const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start));
      for (let i = 1; i < sorted.length; i++) {
        if (compare(sorted[i - 1].range.end, sorted[i].range.start) > 0) {
          this.problems.push(`${what}: overlapping edits in ${uri}`);
          ok = false;
        }
      }
    }
    return ok;
  }
}

function validPosition(lines: LineIndex, p: Position): boolean {
  if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
  if (p.line >= lines.lineCount) return false;
  return p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function contains(outer: Range, inner: Range): boolean {
  return compare(outer.start, inner.start) <= 0 && compare(inner.end, outer.end) <= 0;
}
