import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { isFileLocal } from '../engine/analyzers/codes';
import type { DiagnosisScope } from '../features/diagnostics';
import type { ServerSettings } from './settings';

/**
 * How long to wait after the last change before publishing: enough for the edits already queued behind it
 * to arrive and be read in one go. Re-checking costs what the edit touched (tens of milliseconds on a
 * 60,000-line file), so a longer wait would only delay feedback.
 */
export const diagnosticsDelayMs = 30;

/** Files analysed and published between two chances for requests to run. */
export const publishBatchSize = 50;

/** The timers the publisher waits on; tests pass ones they drive by hand. */
export interface PublishTimers {
  /** Runs `run` after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
  /** Runs `run` once the requests already waiting have had their turn. */
  soon(run: () => void): void;
}

/** Node's timers: `after` is setTimeout, `soon` is setImmediate (after the I/O callbacks already waiting). */
export const realTimers: PublishTimers = {
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  soon(run) {
    setImmediate(run);
  },
};

export interface PublisherDeps {
  /** The open document's version; undefined when the file is not open in the editor. */
  openVersion(uri: string): number | undefined;
  /** Whether the engine holds the file (open, or read from disk). */
  isIndexed(uri: string): boolean;
  /** The file's findings as diagnostics, all or only the file-local ones; never throws (a failure gives none). */
  diagnostics(uri: string, scope: DiagnosisScope): Diagnostic[];
  settings(): Pick<ServerSettings, 'enable' | 'openFilesOnly'>;
  /** Reads the editor's pending edits into the engine, adding the files they affect with `add`. */
  syncEdits(): void;
  send(params: PublishDiagnosticsParams): void;
  /** Called after a run that published something: lens texts ("bound by N VirtualServices") depend on other files too. */
  refreshLenses(): void;
  timers?: PublishTimers;
}

/** Publishes the diagnostics of the files whose findings may have changed, debounced, open files first, in batches. */
export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  /** Files whose last published diagnostics were not empty, so they can be cleared. */
  private readonly published = new Set<string>();
  /**
   * While the workspace is indexed, only findings that depend on their file alone are published; held files are
   * republished when the scan ends. A cross-resource finding may be one that a file not yet read withdraws (the
   * Gateway it misses is defined there), so showing it early would flash a wrong error.
   */
  private indexing = false;
  /** Files whose cross-resource findings were held back during the scan. */
  private readonly heldBack = new Set<string>();
  private cancelTimer: (() => void) | undefined;
  private readonly timers: PublishTimers;
  /** Work that will make closed files' analysis cheap (workers analyzing them): closed files wait for it. */
  private gate: Promise<void> | undefined;

  constructor(private readonly deps: PublisherDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  /** Marks files whose findings may have changed; they are published at the next run. */
  add(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
  }

  /** (Re)starts the debounce: the pending files are published `diagnosticsDelayMs` after the last call. */
  schedule(): void {
    this.cancelTimer?.();
    this.cancelTimer = this.timers.after(diagnosticsDelayMs, () => this.publishPending());
  }

  /** From now until `endIndexing`, cross-resource findings are held back. */
  beginIndexing(): void {
    this.indexing = true;
  }

  /** Ends the hold-back and schedules the held files for publishing with all their findings. */
  endIndexing(): void {
    this.indexing = false;
    this.add(this.heldBack);
    this.heldBack.clear();
    this.schedule();
  }

  /**
   * Until `work` settles, only open files are published; closed ones stay pending and go when it does. Their
   * analysis is being made elsewhere (worker threads) and imported: making it here meanwhile would do it twice.
   */
  waitFor(work: Promise<unknown>): void {
    const gate: Promise<void> = work.then(
      () => this.openGate(gate),
      () => this.openGate(gate),
    );
    this.gate = gate;
  }

  private openGate(gate: Promise<void>): void {
    if (this.gate !== gate) return;
    this.gate = undefined;
    if (this.pending.size) this.schedule();
  }

  private publishPending(): void {
    this.cancelTimer = undefined;
    this.deps.syncEdits();
    // Open documents first: they are what the user is looking at.
    const isClosed = (uri: string) => Number(this.deps.openVersion(uri) === undefined);
    let uris = [...this.pending].sort((a, b) => isClosed(a) - isClosed(b));
    this.pending.clear();
    if (this.gate) {
      for (const uri of uris) if (isClosed(uri)) this.pending.add(uri);
      uris = uris.filter((uri) => !isClosed(uri));
    }
    this.publishBatches(uris, 0);
  }

  /**
   * Analyses and publishes `publishBatchSize` files, then lets waiting requests in before the next batch:
   * the first analysis of a large workspace takes seconds, and completion must not wait for it.
   */
  private publishBatches(uris: readonly string[], from: number): void {
    const end = Math.min(uris.length, from + publishBatchSize);
    for (let i = from; i < end; i++) this.publishOne(uris[i]);
    if (end >= uris.length) {
      if (uris.length) this.deps.refreshLenses();
      return;
    }
    this.timers.soon(() => {
      this.deps.syncEdits();
      this.publishBatches(uris, end);
    });
  }

  private publishOne(uri: string): void {
    const version = this.deps.openVersion(uri);
    const open = version !== undefined;
    const settings = this.deps.settings();
    const shown = settings.enable && this.deps.isIndexed(uri) && (open || !settings.openFilesOnly);
    let diagnostics: Diagnostic[] = [];
    if (shown && this.indexing) {
      // Cross-resource analysis is not even run: its answer could change with every file the scan still reads.
      // The filter states the invariant where it is enforced, whatever the engine returns.
      diagnostics = this.deps.diagnostics(uri, 'file').filter((d) => isFileLocal(String(d.code)));
      this.heldBack.add(uri);
    } else if (shown) {
      diagnostics = this.deps.diagnostics(uri, 'all');
    }
    // A file never shown and still clean needs no message; an open one always gets one, so the editor knows it was checked.
    if (!diagnostics.length && !this.published.has(uri) && !open) return;
    if (diagnostics.length) this.published.add(uri);
    else this.published.delete(uri);
    this.deps.send({ uri, version, diagnostics });
  }
}
