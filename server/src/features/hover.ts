import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { Resource } from '../engine/model/resource';
import { rangeOf } from '../engine/parse/yaml-nodes';
import type { OffsetRange } from '../engine/finding';
import { schemaAtPath, typeLabel, type SchemaPathSegment } from '../engine/schema/schema-walk';
import { toLspRange } from './lsp-convert';

/** Documentation of the field under the cursor (its key or its scalar value). */
export function doHover(engine: Engine, uri: string, offset: number): Hover | null {
  const state = engine.workspace.file(uri);
  const resource = state?.resources.find((r) => r.range.start <= offset && offset <= r.range.end);
  if (!state || !resource) return null;
  const entry = engine.schemas.entry(resource.group, resource.version, resource.kind);
  if (!entry) return null;
  const hit = fieldAt(resource, offset);
  if (!hit) return null;
  const schema = schemaAtPath(engine.schemas.schemaOf(entry), hit.path);
  if (!schema) return null;
  const name = [...hit.path].reverse().find((s) => typeof s === 'string') ?? '';
  const parts = [`**${String(name)}** \`${typeLabel(schema)}\``];
  if (schema.description) parts.push(schema.description);
  if (schema.enum) {
    const deprecated = new Set(schema['x-deprecated-values'] ?? []);
    parts.push(`Allowed values: ${schema.enum.map((v) => `\`${String(v)}\`${deprecated.has(String(v)) ? ' (deprecated)' : ''}`).join(', ')}`);
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined) parts.push(`Range: ${schema.minimum ?? '…'} to ${schema.maximum ?? '…'}`);
  parts.push(`[${resource.kind} reference](${entry.docsUrl})`);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: toLspRange(state.parsed.lines, hit.range) };
}

/** The path of the map key (or the scalar value of a key) under `offset`. */
function fieldAt(resource: Resource, offset: number): { path: SchemaPathSegment[]; range: OffsetRange } | undefined {
  const path: SchemaPathSegment[] = [];
  let node: Node | null = resource.root;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const keyRange = isScalar(p.key) ? rangeOf(p.key) : undefined;
        const value = p.value as Node | null;
        const end = value?.range ? value.range[1] : keyRange?.end ?? -1;
        return keyRange !== undefined && keyRange.start <= offset && offset <= end;
      });
      if (!pair || !isScalar(pair.key)) return undefined;
      const keyRange = rangeOf(pair.key);
      path.push(String(pair.key.value));
      if (offset <= keyRange.end) return { path, range: keyRange };
      const value = pair.value as Node | null;
      if (isScalar(value)) return { path, range: rangeOf(value) };
      node = value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const r = (item as Node | null)?.range;
        return r !== undefined && r !== null && r[0] <= offset && offset <= r[1];
      });
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index] as Node | null;
      if (isScalar(node)) return { path, range: rangeOf(node) };
    } else {
      return undefined;
    }
  }
}
