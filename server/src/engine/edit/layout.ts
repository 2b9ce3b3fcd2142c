import { isMap, isPair, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/** Column of an offset (characters since the line start). */
export function columnAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return offset - i;
}

/** Offset of the end of the line holding `offset` (before its line break). */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/**
 * The end of the last line a node's content occupies. Block nodes' ranges run on over the
 * following line break and blank lines; insertions go after the content, before those.
 */
export function contentLineEnd(text: string, start: number, end: number): number {
  let i = Math.min(end, text.length);
  while (i > start && /\s/.test(text[i - 1])) i--;
  return lineEndAt(text, Math.max(start, i - 1));
}

/** How a document indents: spaces per nesting level, and how far a block sequence's `-` sits right of its key. */
export interface IndentStyle {
  step: number;
  sequenceIndent: number;
}

const defaultStyle: IndentStyle = { step: 2, sequenceIndent: 0 };

/** Reads the indentation a document already uses (the first nested map and the first keyed block sequence decide). */
export function indentStyleOf(text: string, root: Node | null | undefined): IndentStyle {
  let step: number | undefined;
  let sequenceIndent: number | undefined;
  const visit = (node: unknown): void => {
    if (step !== undefined && sequenceIndent !== undefined) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        const value = pair.value;
        if (isScalar(key) && key.range && !node.flow) {
          const keyColumn = columnAt(text, key.range[0]);
          const first = firstBlockKey(value);
          if (step === undefined && first !== undefined && columnAt(text, first) > keyColumn) step = columnAt(text, first) - keyColumn;
          if (sequenceIndent === undefined && isSeq(value) && !value.flow && value.range) sequenceIndent = columnAt(text, value.range[0]) - keyColumn;
        }
        visit(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(root);
  return { step: step ?? defaultStyle.step, sequenceIndent: Math.max(0, sequenceIndent ?? defaultStyle.sequenceIndent) };
}

function firstBlockKey(node: unknown): number | undefined {
  if (!isMap(node) || node.flow) return undefined;
  const key = node.items[0]?.key;
  return isScalar(key) && key.range ? key.range[0] : undefined;
}

/** Column and spacing of a block sequence item: where its `-` is and how many spaces follow it. */
export function itemLayout(text: string, itemStart: number): { dashColumn: number; contentColumn: number } | undefined {
  let i = itemStart;
  while (i > 0 && text[i - 1] === ' ') i--;
  if (text[i - 1] !== '-') return undefined;
  const contentColumn = columnAt(text, itemStart);
  return { dashColumn: columnAt(text, i - 1), contentColumn };
}

/** Lines relative to column 0, shifted right by `column`; the first line is left as is (it follows a prefix). */
function indentLines(lines: readonly string[], column: number, eol: string): string {
  const pad = ' '.repeat(column);
  return lines.map((line, i) => (i === 0 ? line : `${eol}${line ? pad + line : ''}`)).join('');
}

/**
 * Appends an item to a sequence: a block item laid out like the last one (same dash column and
 * spacing), or a flow item after the last one. `lines` are relative to the item's content column.
 */
export function appendToSequence(
  text: string,
  seq: YAMLSeq,
  block: readonly string[],
  flow: string,
  eol: string,
): { start: number; end: number; newText: string } | undefined {
  if (!seq.range) return undefined;
  if (seq.flow) {
    const last = [...seq.items].reverse().find((item) => (item as Node | null)?.range) as Node | undefined;
    if (last?.range) return { start: last.range[1], end: last.range[1], newText: `, ${flow}` };
    const open = text.indexOf('[', seq.range[0]);
    return open < 0 || open >= seq.range[1] ? undefined : { start: open + 1, end: open + 1, newText: flow };
  }
  const items = seq.items.filter((item) => (item as Node | null)?.range) as Node[];
  const last = items[items.length - 1];
  if (!last?.range) return undefined;
  const layout = itemLayout(text, last.range[0]);
  if (!layout) return undefined;
  const at = contentLineEnd(text, last.range[0], last.range[1]);
  const gap = ' '.repeat(Math.max(1, layout.contentColumn - layout.dashColumn - 1));
  return { start: at, end: at, newText: `${eol}${' '.repeat(layout.dashColumn)}-${gap}${indentLines(block, layout.contentColumn, eol)}` };
}

/**
 * Adds `key: …` lines at the end of a map, at the column of its keys. `lines` are relative to
 * that column; a flow map gets `flow` (a single `key: value`) instead.
 */
export function appendToMap(text: string, map: YAMLMap, lines: readonly string[], flow: string, eol: string): { start: number; end: number; newText: string } | undefined {
  const pairs = map.items.filter((p) => isPair(p) && isScalar(p.key) && p.key.range);
  const first = pairs[0];
  const last = pairs[pairs.length - 1];
  if (!first || !last || !isScalar(first.key) || !isScalar(last.key) || !first.key.range || !last.key.range) return undefined;
  const lastValue = last.value as Node | null;
  const lastEnd = lastValue?.range ? lastValue.range[1] : last.key.range[1];
  if (map.flow) return { start: lastEnd, end: lastEnd, newText: `, ${flow}` };
  const keyColumn = columnAt(text, first.key.range[0]);
  const at = contentLineEnd(text, last.key.range[0], lastEnd);
  return { start: at, end: at, newText: `${eol}${' '.repeat(keyColumn)}${indentLines(lines, keyColumn, eol)}` };
}

/** The lines of a block sequence under a key, relative to the key's column, in the document's style. */
export function keyedSequence(key: string, items: ReadonlyArray<readonly string[]>, style: IndentStyle): string[] {
  const dash = ' '.repeat(style.sequenceIndent);
  const content = ' '.repeat(style.sequenceIndent + 2);
  const out = [`${key}:`];
  for (const item of items) item.forEach((line, i) => out.push(i === 0 ? `${dash}- ${line}` : `${content}${line}`));
  return out;
}
