import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { runCli } from '../cli';
import type { ShardRequest, ShardResult } from '../engine/shard';
import { loadCatalogFromFile } from './catalog-file';

// dist/cli.js sits one folder below package.json, in the repository and in the npm package alike.
function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: string }).version ?? 'dev';
  } catch {
    return 'dev';
  }
}

/** Runs one part of the check on a worker thread (dist/check-worker.js), which ends with it. */
function runShard(request: ShardRequest): Promise<ShardResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'check-worker.js'));
    worker.once('message', (result: ShardResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`check worker exited with code ${code}`)));
    worker.postMessage(request);
  });
}

void Promise.resolve(
  runCli(
    process.argv.slice(2),
    () => loadCatalogFromFile(path.join(__dirname, 'istio-schemas.json')),
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readStdin: () => readFileSync(0, 'utf8'),
      parallelism: availableParallelism,
      runShard,
    },
    packageVersion(),
  ),
).then((code) => (process.exitCode = code));
