import { isScalar, visit, type Document } from 'yaml';
import type { OffsetRange } from '../finding';
import { areAlternatives } from '../text/template-neutralize';

/**
 * Of the duplicate keys at `offsets`, those that repeat a key of their mapping standing in another branch of a
 * template block (an `if`/`else`, or two `if`s): the template may never write both, so they are not reported.
 * One walk over the document, however many duplicates it has.
 */
export function alternativeDuplicates(doc: Document.Parsed, offsets: ReadonlySet<number>, alternatives: readonly (readonly OffsetRange[])[]): Set<number> {
  const out = new Set<number>();
  if (!offsets.size || !alternatives.length) return out;
  visit(doc, {
    Map(_, map) {
      map.items.forEach((pair, index) => {
        const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
        if (offset === undefined || !offsets.has(offset) || !isScalar(pair.key)) return;
        const value = pair.key.value;
        const twins = map.items.slice(0, index).filter((p) => isScalar(p.key) && p.key.value === value && p.key.range);
        if (twins.length && twins.every((p) => isScalar(p.key) && areAlternatives(alternatives, p.key.range?.[0] ?? -1, offset))) out.add(offset);
      });
    },
  });
  return out;
}
