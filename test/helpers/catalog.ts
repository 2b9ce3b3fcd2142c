import * as path from 'node:path';
import { loadCatalogFromFile } from '../../server/src/node/catalog-file';
import type { SchemaCatalog } from '../../server/src/engine/schema/catalog';

/** The repo root, from out/test/helpers/*.js or test/helpers/*.ts alike. */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');

let cached: SchemaCatalog | undefined;

/** The generated catalog (run the build first); loaded once per test process. */
export function testCatalog(): SchemaCatalog {
  cached ??= loadCatalogFromFile(path.join(repoRoot, 'schemas', 'generated', 'istio-schemas.json'));
  return cached;
}
