import { isScalar, type YAMLMap } from 'yaml';
import { getEntry } from '../parse/yaml-nodes';
import { appendToMap } from './layout';
import { formatScalar, quoteStyleAt, type QuoteStyle } from './scalars';
import type { OffsetEdit } from './text-edit';

/**
 * The edit giving a map's `key` the scalar `value` (a number written as one): the existing value rewritten in its quote style, a `key:`
 * with nothing after it filled in, or a new `key: value` entry laid out like the map's others (block or flow).
 * Undefined when the key holds a map or list, which a scalar must not silently replace.
 */
export function setMapValue(text: string, map: YAMLMap, key: string, value: string | number, eol: string): OffsetEdit | undefined {
  // A number is written as a YAML number; a string as a string, quoted when it would read back as something else.
  const written = (style: QuoteStyle) => (typeof value === 'number' ? String(value) : formatScalar(value, style));
  const entry = getEntry(map, key);
  if (!entry) {
    const line = `${key}: ${written('')}`;
    return appendToMap(text, map, [line], line, eol);
  }
  const node = entry.value;
  if (node && !isScalar(node)) return undefined;
  if (node?.range && node.range[1] > node.range[0]) {
    const range = { start: node.range[0], end: node.range[1] };
    return { ...range, newText: written(node.value === null ? '' : quoteStyleAt(text, range)) };
  }
  const keyEnd = entry.key.range?.[1];
  const colon = keyEnd === undefined ? -1 : text.indexOf(':', keyEnd);
  if (colon < 0) return undefined;
  return { start: colon + 1, end: colon + 1, newText: ` ${written('')}` };
}
