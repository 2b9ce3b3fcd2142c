import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';

/** Marks a document the direct reading does not cover: aliases and merge keys need the yaml package's own toJS. */
export const needsToJS: unique symbol = Symbol('needsToJS');

/**
 * The document's data as Kubernetes reads it, straight from the nodes: maps become objects (`key:` with no value
 * left out, as an absent field), lists arrays, scalars their values. One walk, no intermediate copy; used for
 * schema validation of every resource, so it matters on large workspaces. Documents with aliases or `<<` merge
 * keys get `needsToJS`. Collection keys must have been refused before (see `dataHazard`).
 */
export function documentData(root: Node | null | undefined): unknown {
  try {
    return read(root);
  } catch (error) {
    // Deep nesting overflows the stack here as in toJS: that path reports it.
    if (error === needsToJS || error instanceof RangeError) return needsToJS;
    throw error;
  }
}

function read(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return node.value;
  if (isAlias(node)) throw needsToJS;
  if (isSeq(node)) return node.items.map(read);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key) && key !== null) throw needsToJS;
      // A merge key's value is a symbol when the document is parsed with `merge`.
      if (key !== null && typeof key.value === 'symbol') throw needsToJS;
      const name = key === null || key.value === null ? '' : String(key.value);
      if (name === '<<') throw needsToJS;
      const value = read(pair.value);
      if (value === null) {
        // A later `key:` wins over an earlier value, as in toJS (duplicate keys are also reported).
        delete out[name];
        continue;
      }
      // A plain assignment to `__proto__` would set the prototype instead of a field.
      if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
      else out[name] = value;
    }
    return out;
  }
  throw needsToJS;
}
