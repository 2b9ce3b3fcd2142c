import { parse } from 'yaml';
import type { OffsetRange } from '../finding';
import type { OffsetEdit } from './text-edit';

/** How a scalar is written: double-quoted, single-quoted, or plain. */
export type QuoteStyle = '"' | "'" | '';

/** YAML 1.1 booleans: Kubernetes' YAML decoder still reads these unquoted words as booleans. */
const yaml11Booleans = /^(?:y|yes|n|no|on|off|true|false)$/i;

/** Whether `value` can be written as a plain scalar (in block or flow context) and read back as the same string. */
export function isPlainSafe(value: string): boolean {
  if (!value || value !== value.trim() || /[\n\r,[\]{}]/.test(value) || yaml11Booleans.test(value)) return false;
  try {
    return parse(value, { strict: true, prettyErrors: false }) === value;
  } catch {
    return false;
  }
}

/** A scalar in the given style; plain falls back to double quotes when the value would not survive unquoted. */
export function formatScalar(value: string, style: QuoteStyle): string {
  if (style === "'") return `'${value.replace(/'/g, "''")}'`;
  if (style === '"' || !isPlainSafe(value)) return JSON.stringify(value);
  return value;
}

/** The quote style of the scalar written at `range` (block scalars count as double-quoted for rewriting). */
export function quoteStyleAt(text: string, range: OffsetRange): QuoteStyle {
  const first = text[range.start];
  if (first === '"' || first === "'") return first;
  if (first === '|' || first === '>') return '"';
  return '';
}

/** The quote style most items of a list use, so an inserted item looks like its neighbours. */
export function prevailingQuoteStyle(text: string, ranges: readonly OffsetRange[]): QuoteStyle {
  const counts = new Map<QuoteStyle, number>();
  for (const range of ranges) {
    const style = quoteStyleAt(text, range);
    counts.set(style, (counts.get(style) ?? 0) + 1);
  }
  let best: QuoteStyle = '';
  let bestCount = 0;
  for (const [style, count] of counts) {
    if (count > bestCount) [best, bestCount] = [style, count];
  }
  return best;
}

/** Rewrites the scalar at `range` to `value`, keeping its quotes (and its plainness when the new value allows). */
export function replaceScalar(text: string, range: OffsetRange, value: string): OffsetEdit {
  return { start: range.start, end: range.end, newText: formatScalar(value, quoteStyleAt(text, range)) };
}

/**
 * Where the characters of a scalar's value sit in the text: inside the quotes, and only when the
 * source spells the value literally (no escapes, no folding), so a part of the value can be edited in place.
 */
export function literalValueSpan(text: string, range: OffsetRange, value: string): OffsetRange | undefined {
  const style = quoteStyleAt(text, range);
  const raw = text.slice(range.start, range.end);
  if (style && (raw[0] === '|' || raw[0] === '>')) return undefined;
  const inner = style ? { start: range.start + 1, end: range.end - 1 } : range;
  return text.slice(inner.start, inner.end) === value ? inner : undefined;
}
