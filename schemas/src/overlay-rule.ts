import type { SchemaNode } from '../../server/src/engine/schema/catalog';

/** One overlay rule: which schema nodes it edits and how (see overlay.ts for the path syntax). */
export interface OverlayRule {
  /** The package source (`PackageSource.id`) whose schemas the rule applies to: kind names repeat across them (Gateway). */
  source: string;
  /** Kinds the rule applies to; all kinds of the source when absent. */
  kinds?: string[];
  paths: string[];
  /** Extra condition on the node, for rules that match by shape. */
  when?: (node: SchemaNode) => boolean;
  apply: (node: SchemaNode, where: string) => void;
}

/** Throws unless the node has the type a rule expects (a retyped field must fail the build). */
export function expectType(node: SchemaNode, type: SchemaNode['type'], where: string): void {
  if (node.type !== type) throw new Error(`overlay: ${where} has type ${JSON.stringify(node.type)}, expected ${JSON.stringify(type)}`);
}

/** A whole number (the proto field is an int32/uint32), optionally bounded. */
export function integer(minimum?: number, maximum?: number): OverlayRule['apply'] {
  return (node, where) => {
    if (node.type !== 'integer') expectType(node, 'number', where);
    node.type = 'integer';
    if (minimum !== undefined) node.minimum = minimum;
    if (maximum !== undefined) node.maximum = maximum;
  };
}

