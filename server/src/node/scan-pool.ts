import { Worker } from 'node:worker_threads';
import type { ResourceAnalysis } from '../engine/engine';
import type { AnalyzeOptions, FileText, SnapshotFile } from '../engine/workspace/fact-reader';
import type { FileFacts, ReadOptions } from '../engine/workspace/file-facts';
import type { WorkerPool } from '../parallel-scan';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-protocol';

/**
 * Scan workers when the user sets none: none. Measured on the 2-vCPU machine this project is built on (README,
 * Performance), a pool was slower than the main thread and its heaps doubled peak memory: two threads there give
 * 1.3 times the work of one, less than what copying files and facts between threads costs. Users with more cores
 * set `istio.scanWorkers` / `--jobs` (one per core but one is a start).
 */
export const defaultScanWorkers = 0;

type Answer = Extract<ScanReply, { facts: unknown }> | Extract<ScanReply, { analyses: unknown }>;

interface Pending {
  resolve(reply: Answer): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * Worker threads that read files for the workspace scan and then analyze them, so a scan uses every core and the
 * main thread stays free for the editor. Workers start with the first request and stop when told the work is done
 * (an idle worker still holds its heap). A worker that fails fails its requests; the caller does that work itself.
 */
export class ScanPool implements WorkerPool {
  private workers: PoolWorker[] = [];
  private nextId = 0;

  constructor(
    readonly size: number,
    private readonly workerFile: string,
    private readonly data: ScanWorkerData,
  ) {}

  async read(files: FileText[], options: ReadOptions): Promise<Array<FileFacts | undefined>> {
    const reply = await this.send((id) => ({ kind: 'read', id, options, files }));
    if (!('facts' in reply)) throw new Error('a scan worker answered a read with something else');
    return reply.facts;
  }

  /** The analyses of `targets`, made by one worker with every file of `files` in its index. */
  async analyze(files: SnapshotFile[], targets: string[], options: AnalyzeOptions): Promise<Array<Array<ResourceAnalysis | null> | undefined>> {
    const reply = await this.send((id) => ({ kind: 'analyze', id, options, files, targets }));
    if (!('analyses' in reply)) throw new Error('a scan worker answered an analysis with something else');
    return reply.analyses;
  }

  /** Stops the workers; requests still pending fail. */
  async idle(): Promise<void> {
    const stopping = this.workers;
    this.workers = [];
    await Promise.all(stopping.map((w) => this.stop(w, new Error('scan workers stopped'))));
  }

  private send(request: (id: number) => ScanRequest): Promise<Answer> {
    if (!this.workers.length) this.workers = Array.from({ length: this.size }, () => this.start());
    // The least busy worker: requests are of similar size, so this spreads the work evenly.
    const target = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      // A worker with work keeps the process alive (a CLI has nothing else waiting); an idle one must not.
      target.worker.ref();
      target.worker.postMessage(request(id));
    });
  }

  private start(): PoolWorker {
    const worker = new Worker(this.workerFile, { workerData: this.data });
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (reply: ScanReply) => {
      const pending = entry.pending.get(reply.id);
      entry.pending.delete(reply.id);
      if (!entry.pending.size) worker.unref();
      if (!pending) return;
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply);
    });
    worker.on('error', (error) => void this.stop(entry, error));
    worker.on('exit', (code) => void this.stop(entry, new Error(`scan worker exited with code ${code}`)));
    return entry;
  }

  private async stop(entry: PoolWorker, reason: Error): Promise<void> {
    this.workers = this.workers.filter((w) => w !== entry);
    for (const pending of entry.pending.values()) pending.reject(reason);
    entry.pending.clear();
    await entry.worker.terminate();
  }
}
