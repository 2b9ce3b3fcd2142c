import { isIstioGroup } from '../model/resource';
import type { ResourceSchemaEntry, SchemaCatalog, SchemaNode, SchemaSource } from './catalog';

/** Finds the schema of an apiVersion + kind; one registry per catalog. */
export class SchemaRegistry {
  private readonly entries = new Map<string, ResourceSchemaEntry>();
  private readonly groups = new Map<string, ResourceSchemaEntry[]>();
  private readonly sources = new Map<string, SchemaSource>();

  constructor(private readonly catalog: SchemaCatalog) {
    for (const entry of catalog.resources) {
      this.entries.set(`${entry.group}/${entry.version}/${entry.kind}`, entry);
      const list = this.groups.get(entry.group) ?? [];
      list.push(entry);
      this.groups.set(entry.group, list);
    }
    for (const source of catalog.sources ?? []) this.sources.set(source.id, source);
  }

  /**
   * Whether resources of the group are schema-checked (and get syntax findings, completion and hover): a group of
   * the catalog, or any Istio group (a kind or version of one that we do not know is reported as such).
   */
  coversGroup(group: string): boolean {
    return this.groups.has(group) || isIstioGroup(group);
  }

  /** What an entry's schema describes, for messages about fields and values a newer release may accept: "Istio 1.29", "Gateway API 1.5.1". */
  releaseOf(entry: ResourceSchemaEntry): string {
    const source = this.sources.get(entry.source);
    return source ? `${source.product} ${source.release}` : `Istio ${this.istioVersion}`;
  }

  /** The Istio release the schemas describe ("unknown" for a catalog written before it was recorded). */
  get istioVersion(): string {
    return this.catalog.istioVersion ?? 'unknown';
  }

  entry(group: string, version: string, kind: string): ResourceSchemaEntry | undefined {
    return this.entries.get(`${group}/${version}/${kind}`);
  }

  /** Every entry of an API group (empty for a group we have no schemas for). */
  entriesOfGroup(group: string): readonly ResourceSchemaEntry[] {
    return this.groups.get(group) ?? [];
  }

  allEntries(): readonly ResourceSchemaEntry[] {
    return this.catalog.resources;
  }

  schemaOf(entry: ResourceSchemaEntry): SchemaNode {
    return this.catalog.schemas[entry.schema];
  }
}
