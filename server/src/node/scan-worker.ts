import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/engine';
import { analyzeSnapshot, readFileFacts } from '../engine/workspace/fact-reader';
import type { SchemaCatalog } from '../engine/schema/catalog';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-protocol';
import { loadCatalogFromFile } from './catalog-file';

// A scan worker: reads the files it is sent, or analyzes some files of a workspace snapshot (see scan-pool.ts).
const { catalogFile } = workerData as ScanWorkerData;
const catalog: SchemaCatalog = loadCatalogFromFile(catalogFile);
// Kept between read batches: its compiled validators are what makes the next batch cheap.
const reader = createEngine({ catalog, closedTreeBudget: 0 });

function answer(request: ScanRequest): ScanReply {
  if (request.kind === 'read') return { id: request.id, facts: readFileFacts(reader, request.files, request.options) };
  return { id: request.id, analyses: analyzeSnapshot(catalog, request.files, request.targets, request.options) };
}

parentPort?.on('message', (request: ScanRequest) => {
  let reply: ScanReply;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
