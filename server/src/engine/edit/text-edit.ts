import type { OffsetRange } from '../finding';

/** A replacement of `[start, end)` of a file's text; offsets are into the text the edit was computed for. */
export interface OffsetEdit extends OffsetRange {
  newText: string;
}

/** Edits per file URI, all computed against the engine's current texts. */
export type FileEdits = Record<string, OffsetEdit[]>;

/** Applies non-overlapping edits to a text (in any order), the way an editor applies a WorkspaceEdit. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error(`overlapping edits at ${edit.start}-${edit.end}`);
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** Adds edits for a file to a FileEdits record. */
export function addEdits(changes: FileEdits, uri: string, ...edits: OffsetEdit[]): FileEdits {
  (changes[uri] ??= []).push(...edits);
  return changes;
}

/** The line break the text already uses. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
