import type { OffsetRange } from '../finding';
import { findTemplateActions, type TemplateAction } from './template-actions';

/** A chart template made readable as YAML, with every offset and line break where it was. */
export interface NeutralizedTemplate {
  /** The same length as the template: actions blanked or replaced by `$…` placeholders that the checks treat as unknown. */
  text: string;
  /**
   * The branches of each `if`/`with`/`range` block: a key written twice is a duplicate only when no block puts one
   * of them where the other is not (two branches of an `if`/`else` are alternatives; two separate `if`s may exclude each other).
   */
  alternatives: (readonly OffsetRange[])[];
  /** 0-based lines that held an action (or a `define` body): a syntax error on one, or just below one, comes from the templating. */
  actionLines: ReadonlySet<number>;
}

/**
 * Neutralizes the Go template actions of `text`:
 * - a line holding only actions that output nothing (`if`, `else`, `end`, `range`, `with`, comments, `$x := …`) is blanked;
 * - a line holding only an action that outputs text (`include`, `toYaml`, `.Values.x`) gets one placeholder where
 *   that text goes (`nindent N`: column N), shaped as what surrounds it: a key (the mapping is open), a list item or a value;
 * - an action among other content becomes a placeholder of the same length (the value or key is unknown).
 * Placeholders are `$` and the action's letters and digits (other characters become `_`), so the same action
 * gives the same placeholder.
 */
export function neutralizeTemplate(text: string): NeutralizedTemplate {
  const { actions, definitions } = withoutDefinitions(findTemplateActions(text));
  const chars = text.split('');
  // `{{ define }}` bodies are written elsewhere (where they are included), never where they stand.
  for (const d of definitions) blank(chars, d.start, d.end);
  const lines = lineSpans(text);
  const lineOf = lineFinder(lines);
  const actionAt = new Map(actions.map((a) => [a.start, a]));
  const content = new Map<number, { first: number; last: number } | null>();
  const contentOf = (line: number) => {
    if (!content.has(line)) content.set(line, contentExtent(text, lines[line], actionAt));
    return content.get(line) ?? null;
  };
  const producers: { action: TemplateAction; line: number }[] = [];
  const producerLines = new Set<number>();
  const ledLines = new Map<number, TemplateAction>();
  for (const action of actions) {
    const line = lineOf(action.start);
    const { end } = lines[line];
    const extent = contentOf(line);
    const before = extent !== null && extent.first < action.start;
    const after = extent !== null && extent.last >= action.end;
    if (!before && !after) {
      if (action.role === 'output' && !producerLines.has(line)) {
        producers.push({ action, line });
        producerLines.add(line);
      }
      blank(chars, action.start, action.end);
    } else if (action.role === 'output' || (before && after)) {
      for (let at = action.start; at < Math.min(action.end, end); at++) chars[at] = placeholderChar(text, at, action.start);
      blank(chars, end, action.end);
    } else if (!before) {
      // `{{ if .x }}- item{{ end }}`: Helm writes the item where the action stands; we cannot move it there.
      if (!ledLines.has(line)) ledLines.set(line, action);
      blank(chars, action.start, action.end);
    } else blank(chars, action.start, action.end);
  }
  for (const [line, action] of ledLines) replaceLedLine(chars, lines[line], action.start);
  // Line shapes are read around every placeholder: read once, and again only for a line a placeholder was put on.
  const shapes = new Map<number, ContentShape | undefined>();
  const shapeOf: ShapeOf = (n) => {
    if (!shapes.has(n)) shapes.set(n, contentShape(chars.slice(lines[n].start, lines[n].end).join('')));
    return shapes.get(n);
  };
  for (const { action, line } of producers) {
    placeProducedText(chars, lines, line, action, shapeOf);
    shapes.delete(line);
  }
  const actionLines = new Set<number>();
  for (const span of [...actions, ...definitions]) for (let line = lineOf(span.start); line <= lineOf(span.end - 1); line++) actionLines.add(line);
  return { text: chars.join(''), alternatives: alternativesOf(actions), actionLines };
}

/** Blanks `[from, to)`, keeping line breaks. */
function blank(chars: string[], from: number, to: number): void {
  for (let at = from; at < to; at++) if (chars[at] !== '\n' && chars[at] !== '\r') chars[at] = ' ';
}

/** The actions outside `{{ define }}…{{ end }}` blocks, and those blocks' spans. */
function withoutDefinitions(all: readonly TemplateAction[]): { actions: TemplateAction[]; definitions: OffsetRange[] } {
  const actions: TemplateAction[] = [];
  const definitions: OffsetRange[] = [];
  const open: { definition: boolean; start: number }[] = [];
  // How many of the open blocks are definitions (counted, not searched: deep nesting stays linear).
  let openDefinitions = 0;
  for (const action of all) {
    if (action.role === 'open') {
      const definition = /^define\b/.test(action.body);
      open.push({ definition, start: action.start });
      if (definition) openDefinitions++;
      if (openDefinitions === 0) actions.push(action);
      continue;
    }
    if (action.role === 'end') {
      const closed = open.pop();
      if (closed?.definition) openDefinitions--;
      if (closed?.definition && openDefinitions === 0) {
        definitions.push({ start: closed.start, end: action.end });
        continue;
      }
    }
    if (openDefinitions === 0) actions.push(action);
  }
  const outermost = open.find((o) => o.definition);
  // An unclosed `define` is left as it is: its actions are neutralized like the others'.
  if (outermost) {
    const kept = new Set(actions);
    for (const a of all) if (a.start >= outermost.start && !kept.has(a)) actions.push(a);
    actions.sort((a, b) => a.start - b.start);
  }
  return { actions, definitions };
}

interface LineSpan {
  start: number;
  /** Offset of the line's end (before `\r\n` or `\n`). */
  end: number;
}

function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const stop = newline < 0 ? text.length : newline;
    spans.push({ start, end: stop > start && text[stop - 1] === '\r' ? stop - 1 : stop });
    if (newline < 0) return spans;
    start = newline + 1;
  }
}

function lineFinder(lines: readonly LineSpan[]): (offset: number) => number {
  return (offset) => {
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lines[mid].start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
}

/**
 * Where YAML stands on a line, outside actions: the offsets of its first and last characters (null: none). A
 * ` # comment` is not YAML. One pass per line, however many actions it holds.
 */
function contentExtent(text: string, line: LineSpan, actionAt: ReadonlyMap<number, TemplateAction>): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  for (let at = line.start; at < line.end; at++) {
    const action = actionAt.get(at);
    if (action) at = action.end - 1;
    else if (text[at] === '#' && (at === 0 || /\s/.test(text[at - 1]))) break;
    else if (text[at] !== ' ' && text[at] !== '\t') {
      if (first < 0) first = at;
      last = at;
    }
  }
  return first < 0 ? null : { first, last };
}

function placeholderChar(text: string, at: number, start: number): string {
  if (at === start) return '$';
  return /[A-Za-z0-9]/.test(text[at]) ? text[at] : '_';
}

/**
 * Rewrites a line that a block action leads (`{{ if .x }}- item{{ end }}`) from the action on: the YAML after it
 * would land at the action's column once rendered, so it is read as one unknown item, key or value there.
 */
function replaceLedLine(chars: string[], line: LineSpan, from: number): void {
  const rest = chars.slice(from, line.end).join('');
  const shape = contentShape(rest.trimStart());
  const kind = shape?.itemContent !== undefined ? 'item' : shape?.key ? 'key' : 'value';
  const width = line.end - from;
  if (width < 5) return;
  const name = ['$', ...rest.trim().replace(/[^A-Za-z0-9]/g, '_')].join('').padEnd(width, '_');
  const text = shaped(kind, name, width);
  for (let i = 0; i < width; i++) chars[from + i] = text[i] ?? ' ';
}

function shaped(kind: 'key' | 'item' | 'value', name: string, width: number): string {
  // A key gets a value: a key with none is an absent field, and the mapping would not be known to be open.
  return kind === 'item' ? `- ${name.slice(0, width - 2)}` : kind === 'key' ? `${name.slice(0, width - 3)}: $` : name.slice(0, width);
}

/** Puts one placeholder where an action alone on its line writes its text, shaped as the YAML around it expects. */
type ShapeOf = (line: number) => ContentShape | undefined;

function placeProducedText(chars: string[], lines: readonly LineSpan[], line: number, action: TemplateAction, shapeOf: ShapeOf): void {
  const { start, end } = lines[line];
  const actionColumn = action.start - start;
  let column = action.indent ? (action.indent.newline ? action.indent.width : actionColumn + action.indent.width) : actionColumn;
  // The placeholder must fit on the line (it cannot move text); at least `- $x` or `$x: $`.
  if (start + column + 5 > end) column = actionColumn;
  const width = Math.min(end - (start + column), action.end - action.start);
  if (width < 5) return;
  const shape = shapeAt(lines.length, line, column, shapeOf);
  const name = ['$', ...action.body.replace(/[^A-Za-z0-9]/g, '_')].join('').padEnd(width, '_');
  // Lines indented under the action continue what it writes (`{{ include "webhook" . }}` then `  selector:`).
  const next = nextShape(lines.length, line, shapeOf);
  const continued = next !== undefined && next.indent > column && next.key;
  let text = shaped(shape, name, width);
  if (continued && shape === 'key') text = `${name.slice(0, width - 1)}:`;
  else if (continued && shape === 'item' && next.indent === column + 2) text = `- ${shaped('key', name, width - 2)}`;
  for (let i = 0; i < text.length; i++) chars[start + column + i] = text[i];
}

/** How far (in lines) the shape of what surrounds a placeholder is looked for: siblings stand close; this keeps the pass linear. */
const neighbourLines = 60;

function nextShape(lineCount: number, line: number, shapeOf: ShapeOf): ContentShape | undefined {
  for (let n = line + 1; n < Math.min(lineCount, line + neighbourLines); n++) {
    const shape = shapeOf(n);
    if (shape) return shape;
  }
  return undefined;
}

interface ContentShape {
  indent: number;
  /** The column of a `- ` item's content (its key column when the item is a mapping). */
  itemContent?: number;
  /** The content (after any `- `) is `key:`… */
  key: boolean;
  /** `key:` with nothing after it: its value is the block below. */
  opensBlock: boolean;
}

function contentShape(line: string): ContentShape | undefined {
  const indent = line.search(/\S/);
  if (indent < 0 || line[indent] === '#') return undefined;
  // A document marker ends every block: nothing before it is a sibling of anything after it.
  if (/^(?:---|\.\.\.)(?:\s|$)/.test(line)) return { indent: -1, key: false, opensBlock: false };
  // Past every `- ` that opens an item (`- - a`, `- key: v`).
  let content = indent;
  while (line[content] === '-' && (content + 1 === line.length || line[content + 1] === ' ')) {
    content++;
    while (line[content] === ' ') content++;
  }
  const rest = line.slice(content);
  const key = /^(?:"[^"]*"|'[^']*'|[^\s#'"{[\]},][^#]*?):(?:\s|$)/.test(rest);
  return { indent, itemContent: content > indent ? content : undefined, key, opensBlock: key && /^[^#]*?:\s*(?:#.*)?$/.test(rest) };
}

/**
 * What text written at `column` of `line` must be for the YAML around it to hold: a list item right under a key
 * at the same column (`hosts:` then `- a` at its column), else a key or item like its siblings at that column,
 * else the value of the key above.
 */
function shapeAt(lineCount: number, line: number, column: number, shapeOfLine: ShapeOf): 'key' | 'item' | 'value' {
  const nearest = Math.max(0, line - neighbourLines);
  let previous: ContentShape | undefined;
  for (let n = line - 1; n >= nearest && !previous; n--) previous = shapeOfLine(n);
  if (previous?.opensBlock && previous.indent === column && previous.itemContent === undefined) return 'item';
  for (let n = line + 1; n < Math.min(lineCount, line + neighbourLines); n++) {
    const next = shapeOfLine(n);
    if (!next) continue;
    if (next.indent === column) return next.itemContent !== undefined ? 'item' : next.key ? 'key' : 'value';
    if (next.indent < column) break;
  }
  for (let n = line - 1; n >= nearest; n--) {
    const before = shapeOfLine(n);
    if (!before) continue;
    if (before.indent === column) return before.itemContent !== undefined ? 'item' : before.key ? 'key' : 'value';
    if (before.itemContent === column && before.key) return 'key';
    if (before.indent < column) break;
  }
  return 'value';
}

/** The branch spans of every block (`if … else … end`: two; `range … end`: one). */
function alternativesOf(actions: readonly TemplateAction[]): (readonly OffsetRange[])[] {
  const open: { branches: OffsetRange[]; branchStart: number }[] = [];
  const chains: (readonly OffsetRange[])[] = [];
  for (const action of actions) {
    const block = open[open.length - 1];
    if (action.role === 'open') open.push({ branches: [], branchStart: action.end });
    else if (action.role === 'else' && block) {
      block.branches.push({ start: block.branchStart, end: action.start });
      block.branchStart = action.end;
    } else if (action.role === 'end' && block) {
      open.pop();
      block.branches.push({ start: block.branchStart, end: action.start });
      chains.push(block.branches);
    }
  }
  return chains;
}

/** Whether a neutralized value is `{{ .Release.Namespace }}` (optionally quoted): the namespace Helm installs into. */
export function isReleaseNamespace(value: string): boolean {
  return /^\$_+Release_Namespace_*(?:quote_*)?$/.test(value);
}

/** Whether a block puts offset `a` or `b` in a branch the other is not in, so the template may never write both. */
export function areAlternatives(alternatives: readonly (readonly OffsetRange[])[], a: number, b: number): boolean {
  return alternatives.some((branches) => {
    const branchOf = (offset: number) => branches.findIndex((r) => r.start <= offset && offset < r.end);
    return branchOf(a) !== branchOf(b);
  });
}
