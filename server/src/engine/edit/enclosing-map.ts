import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { getEntry } from '../parse/yaml-nodes';

/**
 * The map, anywhere under `node`, whose `key` entry has a value starting at `offset`: how a fix finds the
 * object (a parentRef, a backendRef) of a finding that points at one of its fields.
 */
export function mapWithValueAt(node: unknown, key: string, offset: number): YAMLMap | undefined {
  if (isMap(node)) {
    const value = getEntry(node, key)?.value as Node | null | undefined;
    if (value?.range && value.range[0] === offset) return node;
    for (const pair of node.items) {
      const found = mapWithValueAt(pair.value, key, offset);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = mapWithValueAt(item, key, offset);
      if (found) return found;
    }
  }
  return undefined;
}
