import { isMap, isScalar, isSeq, visit, type Document, type Node, type YAMLMap } from 'yaml';
import type { Resource } from '../model/resource';
import type { KeyedNode } from '../parse/yaml-nodes';

/**
 * A chart template may write one key in each branch of an `if`/`else`. Read as data, the last one would hide the
 * others; instead the resource is read once per branch: reading k takes the k-th writing of every such key (or
 * its last, when it has fewer), so what each branch writes is validated and reported where it stands.
 */

/** How many readings the resource needs: the most times one mapping writes one key (1 outside templates with branches). */
export function readingsOf(resource: Resource): number {
  if (!resource.file.template?.alternatives.length) return 1;
  let most = 1;
  visit(resource.root, {
    Map(_, map) {
      const counts = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count > most) most = count;
      }
    },
  });
  // Bounded: a mapping that writes one key hundreds of times is not a template's branches.
  return Math.min(most, 8);
}

/** The entry of `key` that reading `reading` takes: its `reading`-th writing, or its last. */
export function readingEntry(map: YAMLMap, key: string, reading: number): KeyedNode | undefined {
  let found: KeyedNode | undefined;
  let seen = 0;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || String(pair.key.value) !== key) continue;
    found = { key: pair.key, value: (pair.value as Node | null) ?? null, pair };
    if (seen++ === reading) break;
  }
  return found;
}

/** The resource's data in reading `reading`. */
export function readingData(node: unknown, reading: number, doc: Document.Parsed): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const taken = new Map<string, number>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const count = taken.get(key) ?? 0;
      taken.set(key, count + 1);
      // The k-th writing wins; before it is reached, each earlier one stands in (so a key written once is always there).
      // defineProperty: a `__proto__` key is data, not the object's prototype.
      if (count <= reading) Object.defineProperty(out, key, { value: readingData(pair.value, reading, doc), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => readingData(item, reading, doc));
  if (isScalar(node)) return node.value;
  return node && typeof node === 'object' && 'toJS' in node ? (node as Node).toJS(doc, { maxAliasCount: 1000 }) : (node ?? null);
}
