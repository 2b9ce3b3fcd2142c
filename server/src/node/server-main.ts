import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../server';
import { loadCatalogFromFile } from './catalog-file';
import { nodeFileSystem } from './node-file-system';
import { defaultScanWorkers, ScanPool } from './scan-pool';

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
startServer(connection, {
  loadCatalog: () => loadCatalogFromFile(path.join(__dirname, 'istio-schemas.json')),
  fileSystem: nodeFileSystem,
  scanWorkers: {
    create: (size) => new ScanPool(size, path.join(__dirname, 'scan-worker.js'), { catalogFile: path.join(__dirname, 'istio-schemas.json') }),
    defaultSize: defaultScanWorkers,
  },
});
