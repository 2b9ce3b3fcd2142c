/**
 * The shape of the generated schema catalog (schemas/generated/istio-schemas.json).
 * The generator in schemas/src writes it; the engine only reads it.
 */

/** A JSON Schema node as the generator emits it (a draft-07 subset plus our `x-` keywords). */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | Array<'string' | 'integer' | 'number'>;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  /** false forbids unknown keys; a schema describes map values (labels, headers). */
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  enum?: Array<string | number | boolean>;
  const?: string;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  /** Shown instead of the raw pattern in messages (e.g. "a duration such as 5s or 100ms"). */
  'x-pattern-hint'?: string;
  /**
   * Groups of mutually exclusive keys from the API's `oneof` fields.
   * `exactlyOne` groups require one key to be set; the others allow none.
   */
  'x-one-of'?: Array<{ keys: string[]; exactlyOne: boolean }>;
  /** Enum values the API still accepts but has deprecated. */
  'x-deprecated-values'?: string[];
}

export interface ResourceSchemaEntry {
  /** e.g. "networking.istio.io" */
  group: string;
  /** e.g. "v1" */
  version: string;
  /** e.g. "VirtualService" */
  kind: string;
  /** Key into `SchemaCatalog.schemas` (identical schemas across API versions share one key). */
  schema: string;
  /** The kind's reference page on istio.io. */
  docsUrl: string;
}

export interface SchemaCatalog {
  /** Where the schemas came from, e.g. "@kubernetes-models/istio@3.0.1". */
  source: string;
  /** The Istio release whose CRDs the schemas describe, e.g. "1.29": fields and values added since are unknown to us. */
  istioVersion: string;
  resources: ResourceSchemaEntry[];
  /** Whole-resource schemas: apiVersion, kind, metadata, spec (and status, unchecked). */
  schemas: Record<string, SchemaNode>;
}
