import { isAlias, isMap, isSeq, type Node } from 'yaml';
import type { OffsetRange } from '../finding';
import { rangeOf } from './yaml-nodes';

/** How many nodes aliases (and `<<` merges) may add to a document when it is read as data. */
export const maxAliasExpansion = 400_000;

export interface DataHazard {
  /** Why the document cannot be turned into data, as the end of "cannot be read as data: …". */
  reason: string;
  /** The node at fault. */
  range: OffsetRange;
}

interface Frame {
  node: Node;
  children: unknown[];
  next: number;
  /** Nodes under this one once aliases are expanded (itself included when done). */
  size: number;
}

/**
 * What would make turning the document into data blow up, found in one pass over its nodes (never recursing,
 * so nesting depth is no problem): a map key that is itself a map or list (Kubernetes accepts only plain keys,
 * and the yaml package stringifies such keys at a cost that explodes with their nesting), an alias inside the
 * node it names (a cycle), or aliases and merges that would expand the document by more than `maxAliasExpansion` nodes.
 */
export function dataHazard(root: Node): DataHazard | undefined {
  // Each anchor's latest definition so far, as the yaml package resolves aliases; expanded sizes of finished anchored nodes.
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  let own = 0;
  let expanded = 0;
  const stack: Frame[] = [];

  const enter = (node: Node): DataHazard | undefined => {
    own++;
    if (node.anchor) {
      anchors.set(node.anchor, node);
      open.add(node);
    }
    const children: unknown[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isMap(pair.key) || isSeq(pair.key)) return { reason: 'a map key is a map or a list (Kubernetes accepts only plain keys)', range: rangeOf(pair.key) };
        children.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) children.push(item);
    }
    stack.push({ node, children, next: 0, size: 0 });
    return undefined;
  };

  const hazard = enter(root);
  if (hazard) return hazard;
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (isAlias(child)) {
        const target = anchors.get(child.source);
        if (target && open.has(target)) return { reason: 'an alias refers to a node that contains it (a cycle)', range: rangeOf(child) };
        const size = target ? (sizes.get(target) ?? 1) : 1;
        frame.size += size;
        expanded += size;
        if (expanded - own > maxAliasExpansion) {
          return { reason: `aliases would expand it by more than ${maxAliasExpansion.toLocaleString('en-US')} nodes`, range: rangeOf(child) };
        }
      } else if (isMap(child) || isSeq(child)) {
        const inner = enter(child);
        if (inner) return inner;
      } else {
        // A scalar, or nothing (`key:`).
        own++;
        expanded++;
        frame.size++;
        const node = child as Node | null;
        if (node?.anchor) {
          anchors.set(node.anchor, node);
          sizes.set(node, 1);
        }
      }
      continue;
    }
    stack.pop();
    frame.size++;
    expanded++;
    if (frame.node.anchor) {
      sizes.set(frame.node, frame.size);
      open.delete(frame.node);
    }
    if (stack.length) stack[stack.length - 1].size += frame.size;
  }
  return undefined;
}
