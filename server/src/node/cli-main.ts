import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../cli';
import { loadCatalogFromFile } from './catalog-file';

// dist/cli.js sits one folder below package.json, in the repository and in the npm package alike.
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'dev';
  } catch {
    return 'dev';
  }
}

process.exitCode = runCli(
  process.argv.slice(2),
  () => loadCatalogFromFile(path.join(__dirname, 'istio-schemas.json')),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0, 'utf8'),
  },
  packageVersion(),
);
