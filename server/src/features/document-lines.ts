import type { LineIndex } from '../engine/parse/line-index';

/** The lines of the YAML document (between `---` markers) around `line`, and where it starts. */
export function documentLines(lines: LineIndex, line: number): { lines: string[]; firstLine: number } {
  const isMarker = (i: number) => /^(---|\.\.\.)(\s|$)/.test(lines.lineText(i));
  let first = line;
  while (first > 0 && !isMarker(first - 1)) first--;
  let last = line;
  while (last + 1 < lines.lineCount && !isMarker(last + 1)) last++;
  const out: string[] = [];
  for (let i = first; i <= last; i++) out.push(lines.lineText(i));
  return { lines: out, firstLine: first };
}

/** A top-level `key: value` of the document, read from text (works while the document does not parse). */
export function topLevelValue(docLines: readonly string[], key: string): string | undefined {
  const pattern = new RegExp(`^${key}:\\s*["']?([^"'\\s#]+)`);
  for (const line of docLines) {
    const match = pattern.exec(line);
    if (match) return match[1];
  }
  return undefined;
}
