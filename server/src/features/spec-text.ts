import { isReleaseNamespace } from '../engine/text/template-neutralize';
import { shapeOf, unquote, type LineShape } from './cursor-context';

/**
 * Values of the cursor's document read from its text, not its tree: completion runs on half-written documents
 * (and on editor text the engine has not read yet), where only the lines are sure. Lines are read by the cursor
 * context's line reader.
 */

type KeyLine = { line: number; shape: LineShape & { key: string } };

/** The keys of the block under a top-level `parent:` at its first indentation, with their lines. */
function childrenOf(docLines: readonly string[], parent: 'spec' | 'metadata'): KeyLine[] {
  const opener = new RegExp(`^${parent}:\\s*(#.*)?$`);
  const start = docLines.findIndex((l) => opener.test(l));
  if (start < 0) return [];
  const out: KeyLine[] = [];
  let indent: number | undefined;
  for (let i = start + 1; i < docLines.length; i++) {
    const shape = shapeOf(docLines[i]);
    if (shape.blank) continue;
    if (shape.keyColumn === 0 && shape.dashColumn === undefined) break;
    indent ??= shape.keyColumn;
    if (shape.keyColumn === indent && shape.dashColumn === undefined && shape.key !== undefined) out.push({ line: i, shape: { ...shape, key: shape.key } });
  }
  return out;
}

function childOf(docLines: readonly string[], parent: 'spec' | 'metadata', key: string): KeyLine | undefined {
  return childrenOf(docLines, parent).find((c) => c.shape.key === key);
}

/** A scalar `spec.<key>` of the document (`spec.host` of a DestinationRule). */
export function specScalar(docLines: readonly string[], key: string): string | undefined {
  return childOf(docLines, 'spec', key)?.shape.value;
}

/** The scalar items of a `spec.<key>` list, written as a block (`- a`) or in flow style (`[a, "b"]`). */
export function specList(docLines: readonly string[], key: string): string[] {
  const child = childOf(docLines, 'spec', key);
  if (!child) return [];
  const after = child.shape.after ?? '';
  if (after.startsWith('[')) {
    const close = after.lastIndexOf(']');
    return after
      .slice(1, close < 0 ? undefined : close)
      .split(',')
      .map((item) => unquote(item.trim()))
      .filter(Boolean);
  }
  if (after) return [];
  const items: string[] = [];
  let dashColumn: number | undefined;
  for (let i = child.line + 1; i < docLines.length; i++) {
    const shape = shapeOf(docLines[i]);
    if (shape.blank) continue;
    if (shape.dashColumn === undefined || shape.dashColumn < child.shape.keyColumn) break;
    dashColumn ??= shape.dashColumn;
    if (shape.dashColumn === dashColumn && shape.key === undefined && shape.value) items.push(shape.value);
  }
  return items;
}

/** The key that owns the map whose keys start at `keyColumn` on `line` (the `port:` above a `number:`), with its line and column. */
export function enclosingKey(docLines: readonly string[], line: number, keyColumn: number): { key: string; line: number; column: number } | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const shape = shapeOf(docLines[i]);
    if (shape.blank || shape.keyColumn >= keyColumn) continue;
    return shape.key !== undefined && shape.opensBlock ? { key: shape.key, line: i, column: shape.keyColumn } : undefined;
  }
  return undefined;
}

/** A `metadata.<key>` of the document, written as a block or in flow style (`metadata: { name: a, namespace: b }`). */
export function metadataField(docLines: readonly string[], key: 'name' | 'namespace'): string | undefined {
  const block = childOf(docLines, 'metadata', key)?.shape.value;
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
