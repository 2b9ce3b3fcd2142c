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
  'x-one-of'?: Array<{ keys: string[]; exactlyOne: boolean; /** Appended to the message: how to choose. */ hint?: string }>;
  /** Rules between an object's fields that the CRDs state in CEL (the declarations drop them). */
  'x-field-rules'?: FieldRule[];
  /** On a list: items must differ in these fields (the CRDs' uniqueness rules in CEL). */
  'x-unique-by'?: UniqueRule[];
  /** Enum values the API still accepts but has deprecated. */
  'x-deprecated-values'?: string[];
}

/**
 * A field rule applies when every `when` field (a dotted path in the object) has one of its listed values, null
 * standing for absent. It then needs one field of each `require` group to be set (a list or map: not empty), and
 * each `forbid` field to be absent (an empty string counts as absent, as in the CRDs' CEL). Without `require` and
 * `forbid`, the condition itself is the error, reported at `at`.
 */
export interface FieldRule {
  when: Record<string, Array<string | null>>;
  require?: string[][];
  forbid?: string[];
  at?: string;
  /** What is wrong and the fix. */
  message: string;
}

/** Items of a list with the same values of `fields` (absent being a value of its own) are an error; items without one of `skipWithout` are not compared. */
export interface UniqueRule {
  fields: string[];
  skipWithout?: string[];
  /** What is wrong and the fix; `{value}` is replaced by the duplicated values. */
  message: string;
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
  /** The kind's reference page (istio.io, gateway-api.sigs.k8s.io). */
  docsUrl: string;
  /** `SchemaSource.id` of the package the schema was generated from. */
  source: string;
}

/** A package the catalog was generated from. */
export interface SchemaSource {
  /** e.g. "gateway-api" */
  id: string;
  /** e.g. "@kubernetes-models/gateway-api@2.0.0" */
  package: string;
  /** What its schemas describe, e.g. "Gateway API". */
  product: string;
  /** The release of `product` the package was generated from, e.g. "1.5.1": fields and values added since are unknown to us. */
  release: string;
}

export interface SchemaCatalog {
  /** Where the schemas came from: one entry per package. */
  sources: SchemaSource[];
  /** The Istio release whose CRDs the Istio schemas describe, e.g. "1.29" (also in `sources`). */
  istioVersion: string;
  resources: ResourceSchemaEntry[];
  /** Whole-resource schemas: apiVersion, kind, metadata, spec (and status, unchecked). */
  schemas: Record<string, SchemaNode>;
}
