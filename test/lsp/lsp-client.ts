import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeWatchedFilesNotification,
  RegistrationRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type FileEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
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
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ProtocolRequestType,
  type RequestParam,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers/catalog';

/** The bundled server, as the `istio-yaml-language-server` bin runs it. */
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

const defaultTimeoutMs = 5000;
/** How long close() waits for the process to die after SIGKILL. */
const exitAfterKillTimeoutMs = 5000;

/** Clients started and not yet closed, so a test file can make sure it leaves no server (and no handle) behind. */
const openClients = new Set<LspClient>();

/**
 * Closes every client a test left open and fails if there was one: an open client's server and pipes keep the
 * test file's process alive forever. Register it once per test file with `after(closeAllClientsAndCheck)`.
 */
export async function closeAllClientsAndCheck(): Promise<void> {
  const left = [...openClients];
  await Promise.allSettled(left.map((client) => client.close()));
  if (left.length > 0) throw new Error(`${left.length} LspClient(s) were never closed by their test`);
}

export interface ClientOptions {
  /** Declare `workspace.configuration` so the server pulls settings (default true). */
  configurationCapability?: boolean;
  /** Declare `workspace.workspaceFolders` like VS Code does (default true). */
  workspaceFoldersCapability?: boolean;
  /** Sent as initializationOptions. */
  initializationOptions?: unknown;
  /** Workspace folder URIs (default none). */
  workspaceFolders?: string[];
  /** Declare `window.workDoneProgress` and dynamic registration of file watchers (default false). */
  workspaceCapabilities?: boolean;
  /** Node options before the server script (e.g. `--require` a preload). */
  execArgv?: string[];
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** The script to run instead of the bundled server (tests of this client use a scripted fake). */
  serverScript?: string;
}

interface Waiter {
  uri: string;
  predicate: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A language client driving `node dist/server.js --stdio` over real JSON-RPC. */
export class LspClient {
  readonly connection: ProtocolConnection;
  /** What the client answers to `workspace/configuration` for section `istio`; tests change it. */
  istioSettings: Record<string, unknown> = {};
  /** Every `workspace/configuration` request the server made. */
  readonly configurationRequests: ConfigurationItem[][] = [];
  /** Messages the server logged with type Error (handler failures end up here). */
  readonly loggedErrors: string[] = [];
  /** What the client answers for section `files.exclude`. */
  filesExclude: Record<string, boolean> = {};
  /** Methods the server registered dynamically (e.g. workspace/didChangeWatchedFiles). */
  readonly registrations: string[] = [];
  /** Work-done progress values the server reported, in order. */
  readonly progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics the server sent, in order, with the number of progress values seen before it. */
  readonly publishes: Array<{ params: PublishDiagnosticsParams; progressSeen: number }> = [];
  private readonly versions = new Map<string, number>();
  private waiters: Waiter[] = [];
  private stderr = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private hasExited = false;
  private closing: Promise<void> | undefined;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    // Writes after the server exited must not crash the test process.
    child.stdin.on('error', () => undefined);
    this.exited = new Promise((resolve) => {
      const ended = (code: number | null, signal: NodeJS.Signals | null, why: string) => {
        if (this.hasExited) return;
        this.hasExited = true;
        for (const waiter of this.waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error(`${why} while waiting for diagnostics of ${waiter.uri}${this.stderrNote()}`));
        }
        this.waiters = [];
        // Like vscode-languageclient on a closed connection: requests still pending fail instead of hanging.
        this.connection.dispose();
        resolve({ code, signal });
      };
      child.once('exit', (code, signal) => ended(code, signal, `server exited (code ${code}, signal ${signal})`));
      // Spawning itself failed: there is no process to wait for.
      child.once('error', (error) => ended(null, null, `server could not be started: ${error.message}`));
    });
    const reader = new StreamMessageReader(child.stdout);
    // vscode-jsonrpc 9 arms a 10 s timer while a message is half received, re-arms it forever while no more bytes come,
    // and does not clear it on dispose (nor stop reading). A server killed between a message's header and the end of
    // its body (seen in CI: all tests passed, then the test file never exited) left that timer alive for good.
    // Nothing here listens for onPartialMessage, so the timer is switched off.
    reader.partialMessageTimeout = 0;
    this.connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.onDiagnostics(params));
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === MessageType.Error) this.loggedErrors.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params.items);
      return params.items.map((item) => (item.section === 'istio' ? this.istioSettings : item.section === 'files.exclude' ? this.filesExclude : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        this.progress.push(value);
      });
    });
    this.connection.listen();
    openClients.add(this);
  }

  /** Spawns the server and completes the initialize / initialized handshake. */
  static async start(options: ClientOptions = {}): Promise<{ client: LspClient; initializeResult: InitializeResult }> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), options.serverScript ?? serverPath, '--stdio'], { cwd: repoRoot, stdio: 'pipe', env: { ...process.env, ...options.env } });
    const client = new LspClient(child);
    try {
      const capabilities: ClientCapabilities = {
        workspace: {
          configuration: options.configurationCapability ?? true,
          workspaceFolders: options.workspaceFoldersCapability ?? true,
          didChangeConfiguration: { dynamicRegistration: false },
          didChangeWatchedFiles: { dynamicRegistration: options.workspaceCapabilities ?? false },
        },
        window: { workDoneProgress: options.workspaceCapabilities ?? false },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      };
      const initializeResult = await client.withTimeout(
        client.connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: null,
          capabilities,
          initializationOptions: options.initializationOptions,
          workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
        }),
        'initialize',
      );
      await client.connection.sendNotification(InitializedNotification.type, {});
      return { client, initializeResult };
    } catch (error) {
      // The handshake's error is the one worth reporting; close() failing too would only hide it.
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  /** Resolves with the next diagnostics published for `uri` (after this call) that satisfy `predicate`. */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = defaultTimeoutMs): Promise<Diagnostic[]> {
    const promise = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      if (this.hasExited || this.closing) {
        reject(new Error(`server has exited or the client was closed; no diagnostics for ${uri} will come`));
        return;
      }
      const waiter: Waiter = {
        uri,
        predicate: (params) => predicate(params.diagnostics, params),
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          const last = this.latest.get(uri);
          const seen = last ? JSON.stringify(last.diagnostics.map((d) => `${d.code}@${d.range.start.line}: ${d.message}`)) : 'none';
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last published: ${seen}${this.stderrNote()}`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    }).then((params) => params.diagnostics);
    // The caller usually awaits later (after sending the edit); a failure before that must not be "unhandled".
    promise.catch(() => undefined);
    return promise;
  }

  /** Everything the server wrote to stderr so far. */
  get stderrOutput(): string {
    return this.stderr;
  }

  /** The last diagnostics published for `uri`, if any. */
  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri)?.diagnostics;
  }

  /** Opens a YAML document (version 1) and waits for its first diagnostics. */
  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const published = this.waitForDiagnostics(uri, (_, params) => params.version === 1);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return published;
  }

  /** Sends one change (full text when `range` is absent) and waits for the diagnostics of the new version. */
  async change(uri: string, change: TextDocumentContentChangeEvent): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const published = this.waitForDiagnostics(uri, (_, params) => params.version === version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    return published;
  }

  async closeDocument(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server files changed on disk, as an editor's file watcher would. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Tells the server the settings changed; a pulling server asks for them again. */
  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Sends a request and fails (instead of hanging) when the server does not answer in time. */
  request<P, R, PR, E, RO>(type: ProtocolRequestType<P, R, PR, E, RO>, params: RequestParam<P>, timeoutMs = defaultTimeoutMs): Promise<R> {
    return this.withTimeout(this.connection.sendRequest(type, params), type.method, timeoutMs);
  }

  /** A request with a timeout, so a server that never answers fails the test instead of hanging it. */
  withTimeout<T>(request: Promise<T>, what: string, timeoutMs = defaultTimeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms${this.stderrNote()}`)), timeoutMs);
    });
    return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
  }

  /** Orderly end: shutdown request, exit notification; resolves with how the process ended. */
  async shutdownAndExit(timeoutMs = defaultTimeoutMs): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', timeoutMs);
    await this.connection.sendNotification(ExitNotification.type);
    return this.withTimeout(this.exited, 'process exit after exit notification', timeoutMs);
  }

  /**
   * Kills the server if it still runs and releases every handle this client holds (timers, pipes, the process), so
   * nothing of it keeps the test process alive. Safe to call more than once, concurrently, and after the server
   * exited; settles within a few seconds even if the server never answers. Rejects only if the process outlived SIGKILL.
   */
  close(): Promise<void> {
    this.closing ??= this.release();
    return this.closing;
  }

  private async release(): Promise<void> {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('client closed'));
    }
    this.waiters = [];
    // Rejects the requests still waiting for an answer; their withTimeout timers are cleared as they settle.
    this.connection.dispose();
    if (!this.hasExited) this.child.kill('SIGKILL');
    // Destroyed rather than left to reach their end: the reader keeps its 'data' listener after dispose, and a pipe
    // whose other end some process still holds would otherwise stay open and keep this process alive.
    this.child.stdin.destroy();
    this.child.stdout.destroy();
    this.child.stderr.destroy();
    try {
      if (!this.hasExited) await this.withTimeout(this.exited, 'server exit after SIGKILL', exitAfterKillTimeoutMs);
    } catch (error) {
      // The test should fail, but an unkillable process must not also hang the test file.
      this.child.unref();
      throw error;
    } finally {
      openClients.delete(this);
    }
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    this.latest.set(params.uri, params);
    this.publishes.push({ params, progressSeen: this.progress.length });
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri || !waiter.predicate(params)) continue;
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(params);
    }
  }

  private stderrNote(): string {
    return this.stderr ? `\nserver stderr:\n${this.stderr}` : '';
  }
}
