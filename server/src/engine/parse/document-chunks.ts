import { isCollection, isNode, isPair, type Document } from 'yaml';

/** A span of a file that starts at a `---` line (or at the file's start) and runs to the next one. */
export interface ChunkSpan {
  start: number;
  end: number;
}

/**
 * Where the file's documents start, the way kubectl splits a stream: at every line that begins with `---`
 * followed by a blank or the line's end. Text before the first marker that holds only comments, blank
 * lines and directives belongs to the first document (as when the whole file is parsed).
 *
 * Each span is parsed on its own, so an edit re-parses only the spans whose text changed. A quoted string
 * or flow collection that runs over a `---` line is cut there, as kubectl would cut it.
 */
export function chunkSpans(text: string): ChunkSpan[] {
  const starts: number[] = isMarkerAt(text, 0) ? [0] : [];
  for (let newline = text.indexOf('\n---'); newline !== -1; newline = text.indexOf('\n---', newline + 1)) {
    if (isMarkerAt(text, newline + 1)) starts.push(newline + 1);
  }
  if (!starts.length || starts[0] !== 0) {
    if (starts.length && isPreamble(text.slice(0, starts[0]))) starts[0] = 0;
    else starts.unshift(0);
  }
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : text.length }));
}

/** `---` followed by a space, a tab, a line break or the end of the text. */
function isMarkerAt(text: string, at: number): boolean {
  if (!text.startsWith('---', at)) return false;
  const after = text.charCodeAt(at + 3);
  return Number.isNaN(after) || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d;
}

/** Only comments, blank lines and `%` directives: no content of its own. */
function isPreamble(text: string): boolean {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed && !trimmed.startsWith('#') && !line.startsWith('%')) return false;
  }
  return true;
}

/**
 * Moves every position in a parsed document by `delta`, in place, without recursion (documents can nest
 * thousands deep). Used when an unchanged document moved because text before it changed.
 */
export function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (!delta) return;
  doc.range = [doc.range[0] + delta, doc.range[1] + delta, doc.range[2] + delta];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const item = stack.pop();
    if (isPair(item)) {
      stack.push(item.key, item.value);
    } else if (isNode(item)) {
      // In place: no garbage per node (each node has its own range array).
      const r = item.range;
      if (r) {
        r[0] += delta;
        r[1] += delta;
        r[2] += delta;
      }
      if (isCollection(item)) for (const child of item.items) stack.push(child);
    }
  }
}
