import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { OffsetRange } from '../finding';

export type PathSegment = string | number;

export interface KeyedNode {
  key: Scalar;
  /** null for `key:` with nothing after it. */
  value: Node | null;
  pair: Pair;
}

export interface LocatedString {
  value: string;
  range: OffsetRange;
}

/** The span of a node's value (comments after it excluded). */
export function rangeOf(node: Node): OffsetRange {
  const r = node.range;
  if (!r) return { start: 0, end: 0 };
  return { start: r[0], end: r[1] };
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? node : undefined;
}

/** The entry of a block or flow map whose key is the plain scalar `key`. */
export function getEntry(map: YAMLMap | undefined, key: string): KeyedNode | undefined {
  if (!map) return undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) {
      return { key: pair.key, value: (pair.value as Node | null) ?? null, pair };
    }
  }
  return undefined;
}

export function getValue(map: YAMLMap | undefined, key: string): Node | undefined {
  return getEntry(map, key)?.value ?? undefined;
}

/** A scalar's value as a string (numbers and booleans too); undefined for non-scalars and null. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function locatedString(node: unknown): LocatedString | undefined {
  const value = scalarText(node);
  return value === undefined || !isScalar(node) ? undefined : { value, range: rangeOf(node) };
}

/** The string items of a sequence, each with its range; other items are skipped. */
export function stringItems(node: unknown): LocatedString[] {
  const seq = asSeq(node);
  if (!seq) return [];
  const out: LocatedString[] = [];
  for (const item of seq.items) {
    const located = locatedString(item);
    if (located) out.push(located);
  }
  return out;
}

/** Walks maps and sequences by key/index; returns the node and the key that holds it. */
export function nodeAtPath(root: Node | null, path: readonly PathSegment[]): { node: Node | null; key?: Scalar } | undefined {
  let node: Node | null = root;
  let key: Scalar | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') {
      const seq = asSeq(node);
      if (!seq || segment >= seq.items.length) return undefined;
      node = (seq.items[segment] as Node | null) ?? null;
      key = undefined;
    } else {
      const entry = getEntry(asMap(node), segment);
      if (!entry) return undefined;
      node = entry.value;
      key = entry.key;
    }
  }
  return { node, key };
}
