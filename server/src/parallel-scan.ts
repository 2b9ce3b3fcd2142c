import type { Engine, ResourceAnalysis } from './engine/engine';
import type { MeshSettings } from './engine/model/mesh-config';
import type { AnalyzeOptions, FileText, SnapshotFile } from './engine/workspace/fact-reader';
import type { FileFacts, ReadOptions } from './engine/workspace/file-facts';

/** Worker threads that read files and analyze them for an engine (the node door's `ScanPool`). */
export interface WorkerPool {
  /** How many workers run in parallel. */
  readonly size: number;
  /** The facts of each file (undefined for one not read as YAML); rejects when a worker fails. */
  read(files: FileText[], options: ReadOptions): Promise<Array<FileFacts | undefined>>;
  /** The analyses of `targets` made by one worker with every file of `files` in its index; rejects when it fails. */
  analyze(
    files: SnapshotFile[],
    targets: string[],
    options: AnalyzeOptions,
  ): Promise<Array<Array<ResourceAnalysis | null> | undefined>>;
  /** The work is done: workers may stop. */
  idle(): Promise<void>;
}

/** The most worker threads a user may ask for (`istio.scanWorkers`, `--jobs`). */
export const maxWorkers = 16;

/** Files sent to a worker at once: large enough that messaging costs little, small enough to spread the work. */
const batchSize = 20;

export interface ReadOnPoolSteps {
  /** The file's text; undefined when it cannot be read (it is skipped). */
  readText(uri: string): Promise<string | undefined>;
  /** Takes a file in list order, with the facts a worker read, or without when its worker failed (then it is read here). */
  take(uri: string, text: string, facts: FileFacts | undefined): void;
  /** After each batch was taken, with the count of files done so far (a chance to report progress and let requests in). */
  afterBatch(done: number): Promise<void>;
  options(): ReadOptions;
  log: { error(message: string): void };
}

/** Has the pool read the files in batches, two per worker in flight, and hands them over in list order. */
export async function readOnPool(pool: WorkerPool, uris: readonly string[], steps: ReadOnPoolSteps): Promise<void> {
  const batches: string[][] = [];
  for (let i = 0; i < uris.length; i += batchSize) batches.push(uris.slice(i, i + batchSize));
  const send = async (batch: string[]) => {
    const texts = await Promise.all(batch.map((uri) => steps.readText(uri)));
    const files = batch.flatMap((uri, i) => (texts[i] === undefined ? [] : [{ uri, text: texts[i] as string }]));
    const facts = await pool.read(files, steps.options()).catch((error: unknown) => {
      steps.log.error(`A worker thread failed; its files are read on the main thread: ${String(error)}`);
      return undefined;
    });
    return { files, facts };
  };
  const ahead = pool.size * 2;
  const inFlight = batches.slice(0, ahead).map(send);
  let done = 0;
  for (let b = 0; b < batches.length; b++) {
    if (b + ahead < batches.length) inFlight.push(send(batches[b + ahead]));
    const { files, facts } = await (inFlight.shift() as ReturnType<typeof send>);
    files.forEach(({ uri, text }, i) => steps.take(uri, text, facts?.[i]));
    done += batches[b].length;
    await steps.afterBatch(done);
  }
}

/**
 * Has the workers analyze `targets`, each worker a share, each with every file of the engine in its index (their
 * facts, so a worker parses only what it analyzes and looks up), and imports the analyses into the engine. Analyses
 * made on files that changed meanwhile are refused by the engine; a failed share is left to the engine to make.
 * Returns how many files' analyses were imported.
 */
export async function analyzeOnPool(
  pool: WorkerPool,
  engine: Pick<Engine, 'workspace' | 'generation' | 'fileFacts' | 'importAnalyses' | 'readOptions'>,
  targets: readonly string[],
  log: { error(message: string): void },
  mesh?: MeshSettings,
): Promise<number> {
  const generation = engine.generation;
  const snapshot = engine.workspace.uris().map((uri) => ({ uri, text: engine.workspace.file(uri)?.parsed.text ?? '', facts: engine.fileFacts(uri) }));
  // Interleaved shares: files of one folder tend to be alike in size and cost.
  const shares = Array.from({ length: pool.size }, (_, w) => targets.filter((_, i) => i % pool.size === w)).filter((share) => share.length);
  const options = { ...engine.readOptions(), ...(mesh ? { mesh } : {}) };
  let imported = 0;
  await Promise.all(
    shares.map(async (share) => {
      const analyses = await pool.analyze(snapshot, share, options).catch((error: unknown) => {
        log.error(`A worker thread failed to analyze; its files are analyzed on the main thread: ${String(error)}`);
        return undefined;
      });
      share.forEach((uri, i) => {
        const analysis = analyses?.[i];
        if (analysis && engine.importAnalyses(uri, analysis, generation)) imported++;
      });
    }),
  );
  return imported;
}
