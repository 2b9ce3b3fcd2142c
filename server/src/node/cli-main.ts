import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCliOnWorkers } from '../cli';
import { loadCatalogFromFile } from './catalog-file';
import { defaultScanWorkers, ScanPool } from './scan-pool';

// dist/cli.js sits one folder below package.json, in the repository and in the npm package alike.
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'dev';
  } catch {
    return 'dev';
  }
}

const catalogFile = path.join(__dirname, 'istio-schemas.json');
void runCliOnWorkers(
  process.argv.slice(2),
  () => loadCatalogFromFile(catalogFile),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
  },
  packageVersion(),
  { create: (size) => new ScanPool(size, path.join(__dirname, 'scan-worker.js'), { catalogFile }), defaultSize: defaultScanWorkers },
).then((code) => {
  process.exitCode = code;
});
