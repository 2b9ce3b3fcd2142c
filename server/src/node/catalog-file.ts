import { readFileSync } from 'node:fs';
import type { SchemaCatalog } from '../engine/schema/catalog';

/** Reads a generated schema catalog from disk (the engine itself never touches files). */
export function loadCatalogFromFile(file: string): SchemaCatalog {
  return JSON.parse(readFileSync(file, 'utf8')) as SchemaCatalog;
}
