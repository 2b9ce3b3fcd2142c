// A thread of `istio-yaml check --jobs N`: reads every file of the request and diagnoses its share.
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { diagnoseShare, type ShardRequest } from '../engine/shard';
import { loadCatalogFromFile } from './catalog-file';

const catalog = loadCatalogFromFile(path.join(__dirname, 'istio-schemas.json'));
parentPort?.on('message', (request: ShardRequest) => parentPort?.postMessage(diagnoseShare(catalog, request)));
