import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type ClientCapabilities,
  type ConfigurationItem,
  type InitializeResult,
  type ProtocolConnection,
  type ProtocolRequestType,
  type PublishDiagnosticsParams,
  type Range,
  type RequestParam,
} from 'vscode-languageserver-protocol/node';

/** One publishDiagnostics notification as the client saw it. */
export interface PublishRecord {
  /** performance.now() when it arrived. */
  t: number;
  uri: string;
  version: number | undefined;
  count: number;
  params: PublishDiagnosticsParams;
}

export interface ProgressRecord {
  t: number;
  kind: 'begin' | 'report' | 'end';
  title?: string;
  message?: string;
}

export interface SessionOptions {
  /** Label used in error messages ("ours", "peer"). */
  label: string;
  /** Script run with this Node binary, with `--stdio` appended. */
  script: string;
  nodeArgs?: string[];
  cwd: string;
  workspaceFolders?: string[];
  /** Answers `workspace/configuration` items. */
  configuration: (item: ConfigurationItem) => unknown;
  initializationOptions?: unknown;
  /** Declare work-done progress and watched-file registration, as VS Code does. */
  workspaceCapabilities?: boolean;
  timeoutMs?: number;
}

interface PublishWaiter {
  predicate: (record: PublishRecord) => boolean;
  resolve: (record: PublishRecord) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Every child process started by the bench, so an exit (even a failing one) can kill what is left. */
const liveChildren = new Set<ChildProcess>();

/** Registers a child process to be killed by `killAllSessions` if it is still running then. */
export function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

/** Kills every child process still running; safe to call from exit handlers. */
export function killAllSessions(): void {
  for (const child of liveChildren) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  liveChildren.clear();
}

/** A language client over stdio, recording every diagnostics publish and progress event with its arrival time. */
export class LspSession {
  readonly connection: ProtocolConnection;
  readonly publishes: PublishRecord[] = [];
  readonly progress: ProgressRecord[] = [];
  readonly loggedErrors: string[] = [];
  /** The server's other log messages (the first 200), e.g. what its workspace scan says it did. */
  readonly loggedMessages: string[] = [];
  /** Largest VmRSS (KiB) seen by the sampler. */
  sampledPeakRssKb = 0;
  private waiters: PublishWaiter[] = [];
  private progressWaiters: Array<() => void> = [];
  private stderrTail = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private sampler: NodeJS.Timeout | undefined;
  private readonly versions = new Map<string, number>();
  readonly timeoutMs: number;

  private constructor(
    readonly options: SessionOptions,
    readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    trackChild(child);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-4000)));
    child.stdin.on('error', () => undefined);
    this.exitPromise = new Promise((resolve) => {
      const done = () => {
        if (this.exited) return;
        this.exited = true;
        if (this.sampler) clearInterval(this.sampler);
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(new Error(`${options.label} server exited while waiting for diagnostics${this.stderrNote()}`));
        }
        this.waiters = [];
        resolve();
      };
      child.once('exit', done);
      child.once('error', done);
    });
    const reader = new StreamMessageReader(child.stdout);
    // vscode-jsonrpc re-arms a timer forever for a message cut off by the server's exit, and dispose() does not clear
    // it: the bench would never exit. Partial-message events are not used here.
    reader.partialMessageTimeout = 0;
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.onPublish(params));
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === MessageType.Error) this.loggedErrors.push(params.message);
      else if (this.loggedMessages.length < 200) this.loggedMessages.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => options.configuration(item) ?? null));
    this.connection.onRequest(WorkspaceFoldersRequest.type, () => (options.workspaceFolders ?? []).map((uri, i) => ({ uri, name: `folder${i}` })));
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        this.progress.push({ t: performance.now(), kind: value.kind, title: 'title' in value ? value.title : undefined, message: value.message });
        if (value.kind === 'end') for (const resolve of this.progressWaiters.splice(0)) resolve();
      });
    });
    // Registrations, refreshes, show-message requests: accept and answer nothing.
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'workspace/codeLens/refresh', 'window/showMessageRequest']) {
      this.connection.onRequest(method, () => null);
    }
    this.connection.listen();
  }

  /** Spawns the server, sends initialize and initialized; returns the time from spawn to the initialize result. */
  static async start(options: SessionOptions): Promise<{ session: LspSession; initializeMs: number; result: InitializeResult }> {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script, '--stdio'], { cwd: options.cwd, stdio: 'pipe' });
    const session = new LspSession(options, child);
    session.startSampling();
    try {
      const capabilities: ClientCapabilities = {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: options.workspaceCapabilities ?? false },
        },
        window: { workDoneProgress: options.workspaceCapabilities ?? false },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      };
      const result = await session.withTimeout(
        session.connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: options.workspaceFolders?.[0] ?? null,
          capabilities,
          initializationOptions: options.initializationOptions,
          workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
        }),
        'initialize',
      );
      const initializeMs = performance.now() - t0;
      return { session, initializeMs, result };
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends `initialized`; returns when it was sent (performance.now()). */
  async initialized(): Promise<number> {
    const t = performance.now();
    await this.connection.sendNotification(InitializedNotification.type, {});
    return t;
  }

  async changeConfiguration(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** Sends didOpen (version 1); returns the time it was sent. */
  async open(uri: string, text: string): Promise<number> {
    this.versions.set(uri, 1);
    const t = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return t;
  }

  /** Sends one incremental change; returns the new version and the time it was sent. */
  async change(uri: string, range: Range, text: string): Promise<{ version: number; t: number }> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const t = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return { version, t };
  }

  /** The version of the last change sent for `uri`. */
  versionOf(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  async closeDocument(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The next publish (arriving after this call) that satisfies `predicate`. */
  waitForPublish(predicate: (record: PublishRecord) => boolean, what: string, timeoutMs = this.timeoutMs): Promise<PublishRecord> {
    const promise = new Promise<PublishRecord>((resolve, reject) => {
      if (this.exited) {
        reject(new Error(`${this.options.label} server has exited; ${what} will not come${this.stderrNote()}`));
        return;
      }
      const waiter: PublishWaiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`${this.options.label}: no ${what} within ${timeoutMs} ms${this.stderrNote()}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
    promise.catch(() => undefined); // awaited later by the caller
    return promise;
  }

  /**
   * Resolves once the server is idle: no publish for `quietMs` (longer than its debounce) and then a ping
   * answered promptly with no publish in between. A server busy in a long synchronous analysis sends
   * nothing until it finishes, so silence alone proves nothing; the ping waits behind that work.
   * Returns the time of the last publish at or after index `fromIndex` of `publishes` (undefined if none).
   */
  async waitIdle(fromIndex: number, quietMs: number, timeoutMs = this.timeoutMs): Promise<{ lastT: number | undefined; timedOut: boolean }> {
    const start = performance.now();
    const last = () => (this.publishes.length > fromIndex ? this.publishes[this.publishes.length - 1].t : undefined);
    for (;;) {
      if (performance.now() - start >= timeoutMs || this.exited) return { lastT: last(), timedOut: !this.exited };
      // Quiet counts from the call too: work may be scheduled (debounced) but not started yet.
      const sinceLast = performance.now() - Math.max(last() ?? start, start);
      if (sinceLast < quietMs) {
        await delay(Math.min(quietMs - sinceLast + 1, 100));
        continue;
      }
      const before = this.publishes.length;
      const pingStart = performance.now();
      await this.ping(Math.max(1000, timeoutMs - (pingStart - start)));
      if (this.publishes.length === before && performance.now() - pingStart < 50) return { lastT: last(), timedOut: false };
    }
  }

  /** A request no server implements: the error reply comes as soon as the server's event loop is free. */
  async ping(timeoutMs = 60_000): Promise<number> {
    const t0 = performance.now();
    await this.withTimeout(
      this.connection.sendRequest('istio-yaml-bench/ping').catch(() => undefined),
      'ping',
      timeoutMs,
    ).catch(() => undefined);
    return performance.now() - t0;
  }

  /** Resolves when a work-done progress `end` arrives (immediately if `countBefore` ends were already seen). */
  waitForProgressEnd(countBefore: number, timeoutMs = this.timeoutMs): Promise<ProgressRecord> {
    const ended = () => this.progress.filter((p) => p.kind === 'end');
    return new Promise((resolve, reject) => {
      if (ended().length > countBefore) {
        resolve(ended()[countBefore]);
        return;
      }
      const timer = setTimeout(() => reject(new Error(`${this.options.label}: no work-done progress end within ${timeoutMs} ms`)), timeoutMs);
      this.progressWaiters.push(() => {
        clearTimeout(timer);
        resolve(ended()[countBefore] ?? ended()[ended().length - 1]);
      });
    });
  }

  /** A request that fails instead of hanging; returns the result and its round-trip time. */
  async timedRequest<P, R, PR, E, RO>(type: ProtocolRequestType<P, R, PR, E, RO>, params: P, timeoutMs = 10_000): Promise<{ result: R; ms: number }> {
    const t0 = performance.now();
    const result = await this.withTimeout(this.connection.sendRequest(type, params as RequestParam<P>), type.method, timeoutMs);
    return { result, ms: performance.now() - t0 };
  }

  withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.options.label}: ${what} not answered within ${timeoutMs} ms${this.stderrNote()}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** VmHWM (peak resident set, KiB) of the server process as the kernel counts it; undefined once it exited. */
  peakRssKb(): number | undefined {
    const hwm = this.readStatus('VmHWM');
    return hwm === undefined ? undefined : Math.max(hwm, this.sampledPeakRssKb);
  }

  private startSampling(): void {
    this.sampler = setInterval(() => {
      const rss = this.readStatus('VmRSS');
      if (rss !== undefined && rss > this.sampledPeakRssKb) this.sampledPeakRssKb = rss;
    }, 100);
    this.sampler.unref();
  }

  private readStatus(field: string): number | undefined {
    if (this.exited || this.child.pid === undefined) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Orderly shutdown (so --cpu-prof can write its profile), then SIGKILL if the process lingers. */
  async close(): Promise<void> {
    if (!this.exited) {
      try {
        await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 10_000);
        await this.connection.sendNotification(ExitNotification.type);
        await this.withTimeout(this.exitPromise, 'exit', 10_000);
      } catch {
        // fall through to the kill
      }
    }
    if (!this.exited) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exitPromise, delay(5000)]);
    }
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(new Error('session closed'));
    }
    this.waiters = [];
    this.connection.dispose();
    if (this.sampler) clearInterval(this.sampler);
  }

  private onPublish(params: PublishDiagnosticsParams): void {
    const record: PublishRecord = { t: performance.now(), uri: params.uri, version: params.version, count: params.diagnostics.length, params };
    this.publishes.push(record);
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(record)) continue;
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(record);
    }
  }

  private stderrNote(): string {
    return this.stderrTail ? `\n${this.options.label} stderr (tail):\n${this.stderrTail}` : '';
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
