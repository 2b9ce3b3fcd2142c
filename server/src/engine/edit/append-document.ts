import { eolOf, type OffsetEdit } from './text-edit';

/**
 * The edit appending a YAML document (its lines, without `---`) at the very end of a file: after a `---`
 * separator unless the file already ends with one, touching nothing before it. The file keeps its final line
 * break, or its lack of one, and its line-break style.
 */
export function appendDocument(text: string, lines: readonly string[]): OffsetEdit {
  const eol = eolOf(text);
  const endsWithBreak = /\n$/.test(text);
  const body = /(^|\n)---[ \t]*\r?\n\s*$/.test(text) ? lines : ['---', ...lines];
  const newText = (endsWithBreak ? '' : eol) + body.join(eol) + (endsWithBreak ? eol : '');
  return { start: text.length, end: text.length, newText };
}
