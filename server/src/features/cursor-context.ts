import type { SchemaPathSegment } from '../engine/schema/schema-walk';

/**
 * Where the cursor is in the YAML structure, read from the text's indentation alone,
 * so it works on half-written documents that the parser cannot make sense of.
 */
export interface CursorContext {
  /** `key`: typing a field name; `value`: after `key: `. */
  position: 'key' | 'value';
  /** Path of the map the key belongs to (for `value`: including the key). */
  path: SchemaPathSegment[];
  /** The partial word typed so far, and where it starts on the line. */
  partial: string;
  partialStart: number;
  /** Column where keys of this map start (for indenting inserted blocks). */
  keyColumn: number;
  /** Keys already present in the same map (above and below the cursor). */
  siblings: Set<string>;
}

/** One line of YAML read on its own: its indentation, `- ` markers, key and scalar value. */
export interface LineShape {
  blank: boolean;
  /** Column of the `-` when the line starts a sequence item. */
  dashColumn?: number;
  /** Column where the key (or scalar item) starts. */
  keyColumn: number;
  /** `key:` with nothing after it (a parent of a nested block). */
  opensBlock: boolean;
  key?: string;
  /** The text after `key:`, comment removed (`[a, b]`, `|`, a scalar), when the line has a key. */
  after?: string;
  /** The plain or quoted scalar after `key: `, or of a `- ` item without a key (comments removed, quotes taken off). */
  value?: string;
}

const keyPattern = /^((?:"[^"]*")|(?:'[^']*')|(?:[^\s:#'"][^:#]*?)):(?:\s|$)/;

/** A key or scalar without its quotes. */
export function unquote(key: string): string {
  return /^["'].*["']$/.test(key) ? key.slice(1, -1) : key.trim();
}

/**
 * The line without a ` # comment`; the same as `line.replace(/\s+#.*$/, '')`, in linear time
 * (that regex backtracks quadratically over long runs of blanks, e.g. deeply indented lines).
 */
function stripComment(line: string): string {
  for (let i = line.indexOf('#'); i > 0; i = line.indexOf('#', i + 1)) {
    if (/\s/.test(line[i - 1])) return line.slice(0, i).trimEnd();
  }
  return line;
}

/** `text` without the word at its end (`text.replace(/\S+$/, '')` without its quadratic backtracking on long words). */
function withoutLastWord(text: string): string {
  let end = text.length;
  while (end > 0 && !/\s/.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/** The shape of one line (blank for an empty or comment line), read in linear time. */
export function shapeOf(line: string): LineShape {
  const content = stripComment(line);
  const indent = content.search(/\S/);
  if (indent < 0 || content.trimStart().startsWith('#')) return { blank: true, keyColumn: 0, opensBlock: false };
  let column = indent;
  let dashColumn: number | undefined;
  while (content[column] === '-' && (content[column + 1] === ' ' || column + 1 === content.length)) {
    dashColumn = column;
    column++;
    while (content[column] === ' ') column++;
  }
  const rest = content.slice(column);
  const match = keyPattern.exec(rest);
  const key = match ? unquote(match[1]) : undefined;
  const after = match ? rest.slice(match[0].length).trim() : '';
  const opensBlock = match !== null && after === '';
  const shape: LineShape = { blank: false, dashColumn, keyColumn: column, opensBlock, key };
  if (match) shape.after = after;
  // The scalar of `key: value`, or of a `- value` item.
  const scalar = match ? after : dashColumn !== undefined ? rest.trim() : '';
  if (scalar && !/^[[{|>&*!]/.test(scalar)) shape.value = unquote(scalar);
  return shape;
}

/** Lines of the current document above `line` (stops at `---`), nearest first. */
function* linesAbove(lines: readonly string[], line: number): Iterable<LineShape> {
  for (let i = line - 1; i >= 0; i--) {
    if (/^(---|\.\.\.)(\s|$)/.test(lines[i])) return;
    const shape = shapeOf(lines[i]);
    if (!shape.blank) yield shape;
  }
}

function* linesBelow(lines: readonly string[], line: number): Iterable<LineShape> {
  for (let i = line + 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)(\s|$)/.test(lines[i])) return;
    const shape = shapeOf(lines[i]);
    if (!shape.blank) yield shape;
  }
}

/** Computes the cursor context, or undefined where no completion makes sense (comments, flow style, block scalars). */
export function cursorContext(lines: readonly string[], line: number, character: number): CursorContext | undefined {
  const before = (lines[line] ?? '').slice(0, character);
  if (before.includes('#') || /[{}[\]|>]$/.test(withoutLastWord(before).trimEnd())) return undefined;
  // The key may not start with `- `: otherwise a long `- - - …` line makes the regex retry every split of the dashes.
  const valueMatch = /^(\s*)((?:-\s+)*)(?!-\s)((?:"[^"]*")|(?:'[^']*')|[^\s:#'"][^:#]*?):\s+(\S*)$/.exec(before);
  if (valueMatch) {
    const keyColumn = valueMatch[1].length + valueMatch[2].length;
    const parent = parentPath(lines, line, keyColumn, valueMatch[2].length > 0 ? valueMatch[1].length : undefined);
    if (!parent) return undefined;
    const partial = valueMatch[4];
    return {
      position: 'value',
      path: [...parent.path, unquote(valueMatch[3])],
      partial,
      partialStart: character - partial.length,
      keyColumn,
      siblings: new Set(),
    };
  }
  const keyMatch = /^(\s*)((?:-\s+)*)([\w.\-/]*)$/.exec(before);
  if (!keyMatch) return undefined;
  const dashed = keyMatch[2].length > 0;
  const keyColumn = keyMatch[1].length + keyMatch[2].length;
  const parent = parentPath(lines, line, keyColumn, dashed ? keyMatch[1].length : undefined);
  if (!parent) return undefined;
  const siblings = dashed ? new Set<string>() : parent.siblings;
  if (!dashed) for (const key of siblingsBelow(lines, line, keyColumn)) siblings.add(key);
  const partial = keyMatch[3];
  return { position: 'key', path: parent.path, partial, partialStart: character - partial.length, keyColumn, siblings };
}

/**
 * Walks up from the cursor to find the keys enclosing a map whose keys start at `keyColumn`.
 * `dashColumn` is set when the cursor line itself starts a new sequence item.
 */
function parentPath(lines: readonly string[], line: number, keyColumn: number, dashColumn: number | undefined): { path: SchemaPathSegment[]; siblings: Set<string> } | undefined {
  const reversed: SchemaPathSegment[] = [];
  const siblings = new Set<string>();
  // Looking for the start of a map at `column`, or (seqDash set) for the key owning a sequence with dashes at `seqDash`.
  let column = keyColumn;
  let seqDash = dashColumn;
  if (seqDash !== undefined) reversed.push('[]');
  let collectSiblings = true;
  for (const shape of linesAbove(lines, line)) {
    if (seqDash !== undefined) {
      if (shape.dashColumn === seqDash) continue; // an earlier item of the same sequence
      if (shape.keyColumn > seqDash || (shape.dashColumn !== undefined && shape.dashColumn > seqDash)) continue;
      if (!shape.key || !shape.opensBlock) return undefined;
      reversed.push(shape.key);
      column = shape.keyColumn;
      seqDash = shape.dashColumn;
      if (seqDash !== undefined) reversed.push('[]');
      continue;
    }
    if (shape.keyColumn > column) continue; // deeper content of a sibling
    if (shape.keyColumn === column) {
      if (shape.key && collectSiblings) siblings.add(shape.key);
      if (shape.dashColumn !== undefined) {
        // The first key of the sequence item our map belongs to.
        reversed.push('[]');
        seqDash = shape.dashColumn;
        collectSiblings = false;
      }
      continue;
    }
    if (shape.dashColumn !== undefined && shape.dashColumn >= column) continue;
    if (!shape.key || !shape.opensBlock) return undefined;
    reversed.push(shape.key);
    collectSiblings = false;
    column = shape.keyColumn;
    if (shape.dashColumn !== undefined) {
      reversed.push('[]');
      seqDash = shape.dashColumn;
    }
  }
  // Reaching the top still inside an indented block or a sequence: not a map we understand.
  if (seqDash !== undefined || column !== 0) return undefined;
  return { path: reversed.reverse(), siblings };
}

function siblingsBelow(lines: readonly string[], line: number, keyColumn: number): string[] {
  const keys: string[] = [];
  for (const shape of linesBelow(lines, line)) {
    if (shape.dashColumn !== undefined && shape.dashColumn < keyColumn) break;
    if (shape.dashColumn !== undefined) continue;
    if (shape.keyColumn < keyColumn) break;
    if (shape.keyColumn === keyColumn && shape.key) keys.push(shape.key);
  }
  return keys;
}

/**
 * The scalar values of the other keys of the map the key on `line` (at `keyColumn`) belongs to, read from the text
 * (the same map of a sequence item: from its `- ` line to the next item), so value completion can see what a
 * half-written item already says (a parentRef's `name` when completing its `sectionName`).
 */
export function siblingValues(lines: readonly string[], line: number, keyColumn: number): Record<string, string> {
  const out: Record<string, string> = {};
  const take = (shape: LineShape) => {
    if (shape.key !== undefined && shape.value !== undefined && !(shape.key in out)) out[shape.key] = shape.value;
  };
  const here = shapeOf(lines[line] ?? '');
  // The cursor's line opens a sequence item: what is above belongs to earlier items.
  if (here.dashColumn === undefined || here.keyColumn !== keyColumn) {
    for (const shape of linesAbove(lines, line)) {
      if (shape.keyColumn > keyColumn) continue;
      if (shape.keyColumn < keyColumn) break;
      take(shape);
      if (shape.dashColumn !== undefined) break;
    }
  }
  for (const shape of linesBelow(lines, line)) {
    if (shape.keyColumn < keyColumn || (shape.dashColumn !== undefined && shape.keyColumn <= keyColumn)) break;
    if (shape.keyColumn === keyColumn) take(shape);
  }
  return out;
}
