import { isNode, type Document, type Node } from 'yaml';
import { dataHazard } from './data-hazards';

/** A node as plain data, aliases resolved; null when it cannot be (an alias bomb, a dangling alias, collection keys). */
export function plainData(node: Node, doc: Document): unknown {
  // toJS stringifies collection keys at a cost that explodes with their nesting (a fuzzer's match took 55 s).
  if (dataHazard(node)) return null;
  try {
    return node.toJS(doc, { maxAliasCount: 100 }) as unknown;
  } catch {
    return null;
  }
}

/** A node as a plain object; undefined when it is not a map or cannot be read. */
export function plainObject(node: unknown, doc: Document): Record<string, unknown> | undefined {
  if (!isNode(node)) return undefined;
  const value = plainData(node, doc);
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
