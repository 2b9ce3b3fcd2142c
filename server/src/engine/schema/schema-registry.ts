import type { ResourceSchemaEntry, SchemaCatalog, SchemaNode } from './catalog';

/** Finds the schema of an apiVersion + kind; one registry per catalog. */
export class SchemaRegistry {
  private readonly entries = new Map<string, ResourceSchemaEntry>();
  private readonly groups = new Map<string, ResourceSchemaEntry[]>();

  constructor(private readonly catalog: SchemaCatalog) {
    for (const entry of catalog.resources) {
      this.entries.set(`${entry.group}/${entry.version}/${entry.kind}`, entry);
      const list = this.groups.get(entry.group) ?? [];
      list.push(entry);
      this.groups.set(entry.group, list);
    }
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
