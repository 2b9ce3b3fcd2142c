import type { Range } from 'vscode-languageserver-types';
import type { OffsetRange } from '../engine/finding';
import type { LineIndex } from '../engine/parse/line-index';

/** Offsets inside the engine, LSP positions at the edge: this is the one place they meet. */
export function toLspRange(lines: LineIndex, range: OffsetRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(Math.max(range.start, range.end)) };
}
