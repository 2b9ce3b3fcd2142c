import { isScalar, visit, type Document } from 'yaml';
import type { OffsetRange } from '../finding';
import { areAlternatives } from '../text/template-neutralize';

/**
 * Whether the duplicate key at `offset` repeats a key of its mapping that stands in another branch of the same
 * `if`/`else` block: only one of them is ever rendered, so the template is fine.
 */
export function isAlternativeDuplicate(doc: Document.Parsed, offset: number, alternatives: readonly (readonly OffsetRange[])[]): boolean {
  let alternative = false;
  visit(doc, {
    Map(_, map) {
      const index = map.items.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (index < 0) return undefined;
      const key = map.items[index].key;
      const value = isScalar(key) ? key.value : undefined;
      const twins = map.items.slice(0, index).filter((p) => isScalar(p.key) && p.key.value === value && p.key.range);
      alternative = twins.length > 0 && twins.every((p) => isScalar(p.key) && areAlternatives(alternatives, p.key.range?.[0] ?? -1, offset));
      return visit.BREAK;
    },
  });
  return alternative;
}
