import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/engine';
import { readFileFacts } from '../engine/workspace/fact-reader';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-protocol';
import { loadCatalogFromFile } from './catalog-file';

// A scan worker: parses and validates the files it is sent and answers with their facts (see scan-pool.ts).
const { catalogFile } = workerData as ScanWorkerData;
const engine = createEngine({ catalog: loadCatalogFromFile(catalogFile), closedTreeBudget: 0 });

parentPort?.on('message', (request: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = { id: request.id, facts: readFileFacts(engine, request.files, request.options) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
