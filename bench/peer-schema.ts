import { readFileSync } from 'node:fs';

/** A JSON Schema node, loosely typed: only the keywords this file walks are named. */
export interface JsonSchema {
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  [keyword: string]: unknown;
}

interface Catalog {
  resources: Array<{ group: string; version: string; kind: string; schema: string }>;
  schemas: Record<string, JsonSchema>;
}

/** Our generated VirtualService (networking.istio.io/v1) schema as a standalone draft-07 schema: `x-` keywords removed. */
export function virtualServiceSchema(catalogPath: string): JsonSchema {
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as Catalog;
  const entry = catalog.resources.find((r) => r.group === 'networking.istio.io' && r.version === 'v1' && r.kind === 'VirtualService');
  if (!entry) throw new Error(`${catalogPath} has no networking.istio.io/v1 VirtualService`);
  const schema = catalog.schemas[entry.schema];
  if (!schema) throw new Error(`${catalogPath}: schema ${entry.schema} is missing`);
  return stripExtensions(schema) as JsonSchema;
}

/** Drops our `x-` keywords (a property *named* x-something under `properties` is kept). */
function stripExtensions(value: unknown, underProperties = false): unknown {
  if (Array.isArray(value)) return value.map((v) => stripExtensions(v));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!underProperties && key.startsWith('x-')) continue;
    out[key] = stripExtensions(child, !underProperties && (key === 'properties' || key === 'patternProperties' || key === 'definitions'));
  }
  return out;
}

/** The description of the field at `path` ('[]' steps into array items), if the schema has one. */
export function describe(schema: JsonSchema, path: readonly string[]): string | undefined {
  let node: JsonSchema | undefined = schema;
  for (const step of path) {
    node = step === '[]' ? node?.items : node?.properties?.[step];
    if (!node) return undefined;
  }
  return node.description;
}
