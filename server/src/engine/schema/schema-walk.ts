import type { SchemaNode } from './catalog';

/** A path into a document: keys, and array positions (any index, or `[]` when unknown). */
export type SchemaPathSegment = string | number | '[]';

/** The schema describing the value at `path`, following properties, map values and array items. */
export function schemaAtPath(root: SchemaNode, path: readonly SchemaPathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number' || segment === '[]') node = node.items;
    else node = node.properties?.[segment] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
  }
  return node;
}

export function isObjectSchema(schema: SchemaNode): boolean {
  return schema.type === 'object' || schema.properties !== undefined || typeof schema.additionalProperties === 'object';
}

/** A short type name for completion details and hovers: `string`, `map`, `list of map`, `enum`. */
export function typeLabel(schema: SchemaNode): string {
  if (schema.enum) return 'enum';
  if (schema.type === 'array') return `list of ${schema.items ? typeLabel(schema.items) : 'any'}`;
  if (isObjectSchema(schema)) return schema.properties ? 'object' : 'map';
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema['x-pattern-hint']) return `${schema.type ?? 'string'} (${schema['x-pattern-hint']})`;
  return schema.type ?? 'any';
}
