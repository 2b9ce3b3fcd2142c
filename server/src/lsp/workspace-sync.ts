import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import type { Engine } from '../engine/engine';
import type { FileFacts } from '../engine/workspace/file-facts';
import { analyzeOnPool, readOnPool, type WorkerPool } from '../parallel-scan';
import { uriToPath, type FileSystemReader, type WorkspaceFiles } from '../workspace-files';
import { isConfigFile } from '../engine/config/repo-config';

/** Files read ahead of the one being parsed during the workspace scan. */
export const readAhead = 8;

/** Files set between two progress reports, each a chance for requests to run. */
const scanBatchSize = 50;

/** The editor's open documents, as far as syncing needs them. */
export interface OpenDocuments {
  get(uri: string): { getText(): string } | undefined;
}

/** Where the files whose findings may have changed go, and the scan's start and end. */
export interface PublishQueue {
  add(uris: Iterable<string>): void;
  schedule(): void;
  beginIndexing(): void;
  endIndexing(): void;
  /** Closed files are published once `work` settles (open files at once). */
  waitFor(work: Promise<unknown>): void;
}

/** The progress of the workspace scan, as `window/workDoneProgress` shows it. */
export interface ScanProgress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
}

export interface WorkspaceSyncDeps {
  engine: Pick<Engine, 'setFile' | 'setFileFacts' | 'readOptions' | 'removeFile' | 'workspace' | 'fileFacts' | 'generation' | 'importAnalyses'> &
    Partial<Pick<Engine, 'environments'>>;
  /** Where the scan has files parsed; undefined: on this thread. */
  workerPool?: () => WorkerPool | undefined;
  documents: OpenDocuments;
  files: WorkspaceFiles;
  fileSystem: FileSystemReader;
  publisher: PublishQueue;
  /** A progress reporter for one scan; undefined (not a promise) when the client shows none. */
  startProgress(): Promise<ScanProgress | undefined> | undefined;
  log: { info(message: string): void; error(message: string): void };
  /** A repository configuration file (`.istio-yaml.yaml`) was set or removed: its values are to be applied. */
  configFileChanged?: (uri: string) => void;
}

/**
 * Keeps the engine's files in line with the workspace: the disk (scan, watched-file events, folder changes)
 * and the editor (open documents win over the disk; their edits are read lazily by `syncEdits`).
 */
export class WorkspaceSync {
  /** Files indexed from disk (not open in the editor). */
  private readonly fromDisk = new Set<string>();
  /** Open documents changed since the engine last read them: read once, when something needs the engine, so a burst of keystrokes costs one re-check. */
  private readonly unsynced = new Set<string>();
  private scanning: Promise<void> | undefined;
  private readonly firstScan = startSignal();

  constructor(private readonly deps: WorkspaceSyncDeps) {}

  /** Whether a scan has been started (settings read before the first scan do not start one). */
  get hasScanned(): boolean {
    return this.scanning !== undefined;
  }

  /** Settles when the scans started so far are done: what reads the whole workspace waits for it, so it never answers from half of it. */
  scanned(): Promise<void> {
    // Before the first scan starts (the settings are still being read) there is nothing to answer from yet.
    return this.firstScan.started.then(() =>
      this.scanning?.then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  /** Brings the index in line with the files on disk: reads new ones, drops excluded or deleted ones. Scans run one after the other. */
  rescan(): void {
    const scan = () => this.scan();
    this.scanning = this.scanning ? this.scanning.then(scan, scan) : scan();
    this.firstScan.start();
  }

  private async scan(): Promise<void> {
    const { files, fileSystem, publisher, log } = this.deps;
    let reader: WorkerPool | undefined;
    let analysis: Promise<void> | undefined;
    publisher.beginIndexing();
    const starting = this.deps.startProgress();
    const progress = starting ? await starting.catch(() => undefined) : undefined;
    try {
      const wanted = await files.list(fileSystem);
      const wantedSet = new Set(wanted);
      for (const uri of [...this.fromDisk]) if (!wantedSet.has(uri)) this.dropDiskFile(uri);
      const toRead = wanted.filter((uri) => !this.fromDisk.has(uri) && !this.deps.documents.get(uri));
      progress?.begin('Istio YAML: indexing', 0, `${toRead.length} YAML files`, false);
      const report = (done: number) => progress?.report(Math.round((done * 100) / toRead.length), `${done}/${toRead.length} files`);
      reader = this.deps.workerPool?.();
      if (reader) {
        await readOnPool(reader, toRead, {
          readText: (uri) => this.readText(uri),
          take: (uri, text, facts) => this.setDiskText(uri, text, facts),
          afterBatch: async (done) => {
            report(done);
            await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
          },
          options: () => this.deps.engine.readOptions(),
          log,
        });
        // Workers know no environments: with some, the analyses are made here, when asked for.
        if (!this.deps.engine.environments?.active) analysis = this.analyzeOnWorkers(reader);
      } else {
        await this.readHere(toRead, report);
      }
      log.info(`Indexed ${toRead.length} YAML files${reader ? ` on ${reader.size} worker thread${reader.size === 1 ? '' : 's'}` : ''}.`);
    } catch (error) {
      log.error(`Workspace scan failed: ${String(error)}`);
    } finally {
      // The index is complete: open files are published with all their findings now, closed ones once the workers' analyses are in.
      if (analysis) {
        progress?.report(100, 'analyzing on worker threads');
        publisher.waitFor(analysis);
      }
      publisher.endIndexing();
    }
    // The progress ends, and the next scan starts, once this one's analyses are in; then the workers stop.
    await analysis?.catch(() => undefined);
    progress?.done();
    await reader?.idle();
  }

  /** The closed files' analyses made on the workers and imported; open files are analyzed here, where their trees are. */
  private async analyzeOnWorkers(pool: WorkerPool): Promise<void> {
    const { engine, documents, log } = this.deps;
    const closed = engine.workspace.uris().filter((uri) => !documents.get(uri));
    const imported = await analyzeOnPool(pool, engine, closed, log);
    log.info(`Analyzed ${imported} of ${closed.length} closed files on worker threads.`);
  }

  private async readHere(toRead: readonly string[], report: (done: number) => void): Promise<void> {
    // Reads run a few files ahead, so the disk works while the previous file is parsed.
    const ahead: Array<Promise<string | undefined>> = toRead.slice(0, readAhead).map((uri) => this.readText(uri));
    for (let i = 0; i < toRead.length; i++) {
      if (i + readAhead < toRead.length) ahead.push(this.readText(toRead[i + readAhead]));
      const text = await ahead.shift();
      if (text !== undefined) this.setDiskText(toRead[i], text);
      if (i % scanBatchSize === scanBatchSize - 1) {
        report(i + 1);
        await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
      }
    }
  }

  /**
   * Sets a file's text as read from disk, unless the file was opened meanwhile (the editor's text wins).
   * With the facts a scan worker read from the text, the file is not parsed here (until something reads its tree).
   */
  setDiskText(uri: string, text: string, facts?: FileFacts): void {
    if (this.deps.documents.get(uri)) return;
    this.fromDisk.add(uri);
    this.deps.publisher.add(facts ? this.deps.engine.setFileFacts(uri, text, facts) : this.deps.engine.setFile(uri, text));
    this.noteConfigFile(uri);
  }

  private noteConfigFile(uri: string): void {
    if (isConfigFile(uri)) this.deps.configFileChanged?.(uri);
  }

  private dropDiskFile(uri: string): void {
    this.fromDisk.delete(uri);
    this.deps.publisher.add(this.deps.engine.removeFile(uri));
    this.noteConfigFile(uri);
  }

  private async readDiskFile(uri: string): Promise<void> {
    const text = await this.readText(uri);
    if (text !== undefined) this.setDiskText(uri, text);
  }

  /** The file's text on disk; undefined when it was deleted or is unreadable since it was listed. */
  private readText(uri: string): Promise<string | undefined> {
    return this.deps.fileSystem.readFile(uriToPath(uri)).catch(() => undefined);
  }

  /** Follows `workspace/didChangeWatchedFiles`: files open in the editor keep their text. */
  async watchedFilesChanged(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      if (this.deps.documents.get(change.uri)) continue; // the open text wins over the disk
      if (change.type === FileChangeType.Deleted || !this.deps.files.includes(change.uri)) {
        if (this.deps.engine.workspace.file(change.uri)) this.dropDiskFile(change.uri);
      } else {
        await this.readDiskFile(change.uri);
      }
    }
    this.deps.publisher.schedule();
  }

  /** Follows a change of workspace folders: the new set is scanned. */
  foldersChanged(uris: readonly string[]): void {
    this.deps.files.setFolders(uris);
    this.rescan();
  }

  /** An open document's text changed: the engine reads it when next needed (`syncEdits`). */
  documentChanged(uri: string): void {
    this.fromDisk.delete(uri);
    this.unsynced.add(uri);
    this.deps.publisher.schedule();
  }

  /** A document was closed: a workspace file goes back to its disk content; anything else leaves the index. */
  async documentClosed(uri: string): Promise<void> {
    const { files, fileSystem, engine, publisher } = this.deps;
    this.unsynced.delete(uri);
    if (files.includes(uri) && (await fileSystem.exists(uriToPath(uri)))) await this.readDiskFile(uri);
    else {
      publisher.add(engine.removeFile(uri));
      this.noteConfigFile(uri);
    }
    publisher.add([uri]);
    publisher.schedule();
  }

  /** Whether the editor holds edits of `uri` the engine has not read yet. */
  isUnsynced(uri: string): boolean {
    return this.unsynced.has(uri);
  }

  /** Reads the open documents' pending edits into the engine. */
  syncEdits(): void {
    for (const uri of [...this.unsynced]) {
      this.unsynced.delete(uri);
      const document = this.deps.documents.get(uri);
      if (document) {
        this.deps.publisher.add(this.deps.engine.setFile(uri, document.getText()));
        this.noteConfigFile(uri);
      }
    }
  }
}

/** A promise settled by calling `start`, once. */
function startSignal(): { started: Promise<void>; start(): void } {
  let start = () => {};
  const started = new Promise<void>((resolve) => (start = resolve));
  return { started, start: () => start() };
}
