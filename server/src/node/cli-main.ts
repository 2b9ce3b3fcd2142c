import * as path from 'node:path';
import { runCli } from '../cli';
import { loadCatalogFromFile } from './catalog-file';

process.exitCode = runCli(process.argv.slice(2), () => loadCatalogFromFile(path.join(__dirname, 'istio-schemas.json')), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
