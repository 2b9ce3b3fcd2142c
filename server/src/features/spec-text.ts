import { isReleaseNamespace } from '../engine/text/template-neutralize';
import { metadataValue } from './document-lines';

/**
 * Values of the cursor's document read from its text, not its tree: completion runs on half-written documents
 * (and on editor text the engine has not read yet), where only the lines are sure.
 */

interface Line {
  column: number;
  /** Content after the indentation and any `- ` markers, without a trailing comment. */
  content: string;
  dashed: boolean;
}

function lineAt(text: string): Line | undefined {
  const match = /^(\s*)((?:-\s+)*)(.*)$/.exec(text);
  if (!match) return undefined;
  const content = match[3].replace(/(^|\s)#.*$/, '').trimEnd();
  if (!content && !match[2]) return undefined;
  return { column: match[1].length + match[2].length, content, dashed: match[2].length > 0 };
}

function unquote(value: string): string {
  const v = value.trim();
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/** The children of `spec:` at its first indentation: each key's line index and the text after its colon. */
function specChildren(docLines: readonly string[]): { key: string; line: number; column: number; rest: string }[] {
  const start = docLines.findIndex((l) => /^spec:\s*(#.*)?$/.test(l));
  if (start < 0) return [];
  const out: { key: string; line: number; column: number; rest: string }[] = [];
  let indent: number | undefined;
  for (let i = start + 1; i < docLines.length; i++) {
    const line = lineAt(docLines[i]);
    if (!line) continue;
    if (line.column === 0 && !line.dashed) break;
    indent ??= line.column;
    if (line.column !== indent || line.dashed) continue;
    const match = /^((?:"[^"]*")|(?:'[^']*')|[^\s:#'"][^:#]*?):(?:\s+(.*))?$/.exec(line.content);
    if (match) out.push({ key: unquote(match[1]), line: i, column: line.column, rest: (match[2] ?? '').trim() });
  }
  return out;
}

/** A scalar `spec.<key>` of the document (`spec.host` of a DestinationRule). */
export function specScalar(docLines: readonly string[], key: string): string | undefined {
  const child = specChildren(docLines).find((c) => c.key === key);
  if (!child || !child.rest || /^[[{|>&*!]/.test(child.rest)) return undefined;
  return unquote(child.rest);
}

/** The scalar items of a `spec.<key>` list, written as a block (`- a`) or in flow style (`[a, "b"]`). */
export function specList(docLines: readonly string[], key: string): string[] {
  const child = specChildren(docLines).find((c) => c.key === key);
  if (!child) return [];
  if (child.rest.startsWith('[')) {
    const inner = child.rest.slice(1, child.rest.lastIndexOf(']') < 0 ? undefined : child.rest.lastIndexOf(']'));
    return inner.split(',').map(unquote).filter(Boolean);
  }
  if (child.rest) return [];
  const items: string[] = [];
  let dashColumn: number | undefined;
  for (let i = child.line + 1; i < docLines.length; i++) {
    const raw = /^(\s*)-\s+(.*)$/.exec(docLines[i]);
    const line = lineAt(docLines[i]);
    if (!line) continue;
    if (!raw || raw[1].length < child.column) break;
    dashColumn ??= raw[1].length;
    if (raw[1].length !== dashColumn) continue;
    const value = unquote(line.content);
    if (value && !/^[[{|>&*!]/.test(value) && !/:(\s|$)/.test(value)) items.push(value);
  }
  return items;
}

/** The key that owns the map whose keys start at `keyColumn` on `line` (the `port:` above a `number:`), with its line and column. */
export function enclosingKey(docLines: readonly string[], line: number, keyColumn: number): { key: string; line: number; column: number } | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const shape = lineAt(docLines[i]);
    if (!shape || shape.column >= keyColumn) continue;
    const match = /^((?:"[^"]*")|(?:'[^']*')|[^\s:#'"][^:#]*?):\s*$/.exec(shape.content);
    return match ? { key: unquote(match[1]), line: i, column: shape.column } : undefined;
  }
  return undefined;
}

/** A `metadata.<key>` of the document, written as a block or in flow style (`metadata: { name: a, namespace: b }`). */
export function metadataField(docLines: readonly string[], key: 'name' | 'namespace'): string | undefined {
  const block = metadataValue(docLines, key);
  if (block !== undefined) return block;
  for (const line of docLines) {
    const flow = /^metadata:\s*\{(.*)\}\s*(#.*)?$/.exec(line);
    const match = flow && new RegExp(`(?:^|,)\\s*${key}:\\s*["']?([^"',\\s}]+)`).exec(flow[1]);
    if (match) return match[1];
  }
  return undefined;
}

/** The document's namespace read from text: `metadata.namespace`, else `fallback` (also for a chart's `{{ .Release.Namespace }}`). */
export function documentNamespace(docLines: readonly string[], fallback: string): string {
  const declared = metadataField(docLines, 'namespace');
  return declared === undefined || isReleaseNamespace(declared) ? fallback : declared;
}
