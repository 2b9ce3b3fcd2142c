import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  ResponseError,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine, defaultMaxFileSize, type SeverityOverride } from './engine/engine';
import type { SchemaCatalog } from './engine/schema/catalog';
import { codeActions, isCurrentText } from './features/code-actions';
import { codeLenses } from './features/code-lens';
import { doComplete, type CompletionText } from './features/completion';
import { LineIndex } from './engine/parse/line-index';
import { doDefinition } from './features/definition';
import { doReferences } from './features/references';
import { doRename, prepareRename } from './features/rename';
import { workspaceSymbols } from './features/workspace-symbols';
import { diagnosticsFor } from './features/diagnostics';
import { isFileLocal } from './engine/analyzers/codes';
import { doHover } from './features/hover';
import { documentSymbols } from './features/symbols';
import { uriToPath, WorkspaceFiles, type FileSystemReader } from './workspace-files';

export interface ServerSettings {
  enable: boolean;
  defaultNamespace: string;
  /** Globs (relative to a workspace folder) of files not to index, on top of `files.exclude`. */
  exclude: string[];
  /** Publish findings only for open documents (files on disk are still indexed). */
  openFilesOnly: boolean;
  /** Per-code severity changes, e.g. `{ "IST0132": "error", "IY0103": "off" }`. */
  severity: Record<string, SeverityOverride>;
  /** Files with more characters than this are not analyzed (one informational finding instead). */
  maxFileSize: number;
  /** Severity of unknown fields and values: `warning` for users on a newer Istio than our schemas describe. */
  unknownFieldSeverity: 'error' | 'warning';
}

const defaultSettings: ServerSettings = {
  enable: true,
  defaultNamespace: 'default',
  exclude: [],
  openFilesOnly: false,
  severity: {},
  maxFileSize: defaultMaxFileSize,
  unknownFieldSeverity: 'error',
};

/**
 * How long to wait after the last change before publishing: enough for the edits already queued behind it
 * to arrive and be read in one go. Re-checking costs what the edit touched (tens of milliseconds on a
 * 60,000-line file), so a longer wait would only delay feedback.
 */
const diagnosticsDelayMs = 30;

/** Files read ahead of the one being parsed during the workspace scan. */
const readAhead = 8;

/** Files analysed and published between two chances for requests to run. */
const publishBatchSize = 50;

export interface ServerHost {
  loadCatalog(): SchemaCatalog;
  fileSystem: FileSystemReader;
}

/** Wires the engine to an LSP connection; the connection's transport is the caller's business. */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const engine = createEngine({ catalog: host.loadCatalog() });
  const files = new WorkspaceFiles();
  /** Files indexed from disk (not open in the editor). */
  const fromDisk = new Set<string>();
  /** Files whose last published diagnostics were not empty, so they can be cleared. */
  const published = new Set<string>();
  const pendingPublish = new Set<string>();
  let settings = defaultSettings;
  let filesExclude: string[] = [];
  let canPullConfiguration = false;
  let canReportProgress = false;
  let canWatchFiles = false;
  let canFollowFolders = false;
  let definitionLinks = false;
  let canRefreshLenses = false;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> | undefined;
  /**
   * While the workspace is being indexed, a cross-resource finding may be one that a file not yet read withdraws
   * (the Gateway it misses is defined there). So until the scan ends, only findings that depend on their file alone
   * are published; the files whose other findings were held back are published again once it ends.
   */
  let indexing = false;
  const heldBack = new Set<string>();

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canReportProgress = params.capabilities.window?.workDoneProgress === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canFollowFolders = params.capabilities.workspace?.workspaceFolders === true;
    definitionLinks = params.capabilities.textDocument?.definition?.linkSupport === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const options = params.initializationOptions as Partial<ServerSettings> | undefined;
    if (options) settings = { ...settings, ...pickSettings(options) };
    engine.configure({ defaultNamespace: settings.defaultNamespace, severityOverrides: settings.severity, unknownFieldSeverity: settings.unknownFieldSeverity });
    engine.setMaxFileSize(settings.maxFileSize);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    files.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'istio-yaml-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
    }
    void refreshSettings().then(rescan);
    // Asking for folder events throws for clients that did not declare they send them.
    if (canFollowFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void (async () => {
          const current = (await connection.workspace.getWorkspaceFolders()) ?? [];
          files.setFolders(current.map((f) => f.uri));
          rescan();
        })();
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { istio?: Partial<ServerSettings> } | undefined)?.istio;
    if (pushed && !canPullConfiguration) applySettings({ ...settings, ...pickSettings(pushed) });
    else void refreshSettings();
  });

  async function refreshSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const [istio, exclude] = (await connection.workspace.getConfiguration([{ section: 'istio' }, { section: 'files.exclude' }])) as [
        Partial<ServerSettings> | null,
        Record<string, boolean> | null,
      ];
      filesExclude = Object.entries(exclude ?? {})
        .filter(([, on]) => on === true)
        .map(([glob]) => glob);
      applySettings({ ...defaultSettings, ...pickSettings(istio ?? {}) });
    } catch (error) {
      connection.console.error(`Could not read settings: ${String(error)}`);
    }
  }

  function applySettings(next: ServerSettings): void {
    syncEdits();
    const excludesChanged = next.exclude.join('\n') !== settings.exclude.join('\n');
    const limitChanged = next.maxFileSize !== settings.maxFileSize;
    settings = next;
    if (limitChanged) {
      // Re-read every file under the new limit, from the text the engine already holds.
      engine.setMaxFileSize(settings.maxFileSize);
      for (const uri of engine.workspace.uris()) {
        const text = engine.workspace.file(uri)?.parsed.text ?? '';
        for (const affected of engine.setFile(uri, text)) pendingPublish.add(affected);
      }
    }
    for (const uri of engine.configure({ defaultNamespace: settings.defaultNamespace, severityOverrides: settings.severity, unknownFieldSeverity: settings.unknownFieldSeverity })) pendingPublish.add(uri);
    files.setExcludes([...filesExclude, ...settings.exclude]);
    if (excludesChanged && scanning) rescan();
    schedulePublish();
  }

  /** Brings the index in line with the files on disk: reads new ones, drops excluded or deleted ones. */
  function rescan(): void {
    scanning = scanning ? scanning.then(scan, scan) : scan();
  }

  async function scan(): Promise<void> {
    indexing = true;
    const progress = canReportProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      const wanted = await files.list(host.fileSystem);
      const wantedSet = new Set(wanted);
      for (const uri of [...fromDisk]) if (!wantedSet.has(uri)) dropDiskFile(uri);
      const toRead = wanted.filter((uri) => !fromDisk.has(uri) && !documents.get(uri));
      progress?.begin('Istio YAML: indexing', 0, `${toRead.length} YAML files`, false);
      // Reads run a few files ahead, so the disk works while the previous file is parsed.
      const ahead: Array<Promise<string | undefined>> = toRead.slice(0, readAhead).map(readText);
      for (let i = 0; i < toRead.length; i++) {
        if (i + readAhead < toRead.length) ahead.push(readText(toRead[i + readAhead]));
        const text = await ahead.shift();
        if (text !== undefined) setDiskText(toRead[i], text);
        if (i % 50 === 49) {
          progress?.report(Math.round(((i + 1) * 100) / toRead.length), `${i + 1}/${toRead.length} files`);
          await new Promise((resolve) => setImmediate(resolve)); // let requests in between batches
        }
      }
      connection.console.info(`Indexed ${toRead.length} YAML files.`);
    } catch (error) {
      connection.console.error(`Workspace scan failed: ${String(error)}`);
    } finally {
      progress?.done();
      indexing = false;
      for (const uri of heldBack) pendingPublish.add(uri);
      heldBack.clear();
      schedulePublish();
    }
  }

  async function readDiskFile(uri: string): Promise<void> {
    const text = await readText(uri);
    if (text !== undefined) setDiskText(uri, text);
  }

  /** The file's text on disk; undefined when it was deleted or is unreadable since it was listed. */
  function readText(uri: string): Promise<string | undefined> {
    return host.fileSystem.readFile(uriToPath(uri)).catch(() => undefined);
  }

  function setDiskText(uri: string, text: string): void {
    if (documents.get(uri)) return; // opened meanwhile: the editor's text wins
    fromDisk.add(uri);
    for (const affected of engine.setFile(uri, text)) pendingPublish.add(affected);
  }

  function dropDiskFile(uri: string): void {
    fromDisk.delete(uri);
    for (const affected of engine.removeFile(uri)) pendingPublish.add(affected);
  }

  connection.onDidChangeWatchedFiles(({ changes }) => {
    void (async () => {
      for (const change of changes) {
        if (documents.get(change.uri)) continue; // the open text wins over the disk
        if (change.type === FileChangeType.Deleted || !files.includes(change.uri)) {
          if (engine.workspace.file(change.uri)) dropDiskFile(change.uri);
        } else {
          await readDiskFile(change.uri);
        }
      }
      schedulePublish();
    })();
  });

  /** Open documents changed since the engine last read them: read once, when something needs the engine, so a burst of keystrokes costs one re-check. */
  const unsynced = new Set<string>();

  function syncEdits(): void {
    for (const uri of [...unsynced]) {
      unsynced.delete(uri);
      const document = documents.get(uri);
      if (document) for (const affected of engine.setFile(uri, document.getText())) pendingPublish.add(affected);
    }
  }

  documents.onDidChangeContent(({ document }) => {
    fromDisk.delete(document.uri);
    unsynced.add(document.uri);
    schedulePublish();
  });

  documents.onDidClose(({ document }) => {
    unsynced.delete(document.uri);
    void (async () => {
      // A closed file that belongs to the workspace goes back to its disk content; anything else leaves the index.
      if (files.includes(document.uri) && (await host.fileSystem.exists(uriToPath(document.uri)))) await readDiskFile(document.uri);
      else for (const uri of engine.removeFile(document.uri)) pendingPublish.add(uri);
      pendingPublish.add(document.uri);
      schedulePublish();
    })();
  });

  function schedulePublish(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(publishPending, diagnosticsDelayMs);
  }

  /** Publishes the files whose findings may have changed since the last publish. */
  function publishPending(): void {
    timer = undefined;
    syncEdits();
    // Open documents first: they are what the user is looking at.
    const uris = [...pendingPublish].sort((a, b) => Number(!documents.get(a)) - Number(!documents.get(b)));
    pendingPublish.clear();
    publishBatches(uris, 0);
  }

  /**
   * Analyses and publishes `publishBatchSize` files, then lets waiting requests in before the next batch:
   * the first analysis of a large workspace takes seconds, and completion must not wait for it.
   */
  function publishBatches(uris: readonly string[], from: number): void {
    const end = Math.min(uris.length, from + publishBatchSize);
    for (let i = from; i < end; i++) publishOne(uris[i]);
    // Lens texts ("bound by N VirtualServices") depend on other files too.
    if (end >= uris.length) {
      if (uris.length && canRefreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      return;
    }
    setImmediate(() => {
      syncEdits();
      publishBatches(uris, end);
    });
  }

  function publishOne(uri: string): void {
    const document = documents.get(uri);
    const shown = settings.enable && engine.workspace.file(uri) !== undefined && (document !== undefined || !settings.openFilesOnly);
    let diagnostics = shown ? guarded(() => diagnosticsFor(engine, uri), [], 'diagnostics') : [];
    if (indexing) {
      const local = diagnostics.filter((d) => isFileLocal(String(d.code)));
      if (local.length !== diagnostics.length) heldBack.add(uri);
      diagnostics = local;
    }
    if (!diagnostics.length && !published.has(uri) && !document) return;
    if (diagnostics.length) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, version: document?.version, diagnostics });
  }

  /** Runs a request's work after reading pending edits (unless `sync` is false); an exception is logged, not thrown. */
  function guarded<T>(run: () => T, fallback: T, what: string, token?: CancellationToken, sync = true): T {
    if (token?.isCancellationRequested) return fallback;
    try {
      if (sync) syncEdits();
      return run();
    } catch (error) {
      connection.console.error(`${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }

  function offsetOf(uri: string, position: { line: number; character: number }): number | undefined {
    return documents.get(uri)?.offsetAt(position);
  }

  connection.onCompletion((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    const uri = params.textDocument.uri;
    // Typing then asking for completion is the common case: answer from the editor's text, the edit is read later.
    return guarded(() => doComplete(engine, uri, offset, unsynced.has(uri) ? editorText(uri) : undefined), null, 'completion', token, false);
  });

  /** The editor's text of an open document with its line index (a few milliseconds on a 1 MB file). */
  function editorText(uri: string): CompletionText | undefined {
    const text = documents.get(uri)?.getText();
    return text === undefined ? undefined : { text, lines: new LineIndex(text) };
  }

  connection.onHover((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    return guarded(() => doHover(engine, params.textDocument.uri, offset), null, 'hover', token);
  });

  connection.onDocumentSymbol((params, token) =>
    guarded(() => documentSymbols(engine, params.textDocument.uri), [], 'document symbols', token),
  );

  connection.onDefinition((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    return guarded(() => doDefinition(engine, params.textDocument.uri, offset, definitionLinks), null, 'definition', token);
  });

  connection.onReferences((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    return guarded(() => doReferences(engine, params.textDocument.uri, offset, params.context.includeDeclaration), null, 'references', token);
  });

  connection.onPrepareRename((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    const outcome = guarded(() => prepareRename(engine, params.textDocument.uri, offset), null, 'prepare rename', token);
    if (!outcome) return null;
    // The message is what the editor shows in place of the rename box.
    return 'error' in outcome ? new ResponseError<void>(LSPErrorCodes.RequestFailed, outcome.error) : outcome;
  });

  connection.onRenameRequest((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    const outcome = guarded(() => doRename(engine, params.textDocument.uri, offset, params.newName), null, 'rename', token);
    if (!outcome) return null;
    return 'error' in outcome ? new ResponseError<void>(LSPErrorCodes.RequestFailed, outcome.error) : outcome.edit;
  });

  connection.onWorkspaceSymbol((params, token) =>
    settings.enable ? guarded(() => workspaceSymbols(engine, params.query), [], 'workspace symbols', token) : [],
  );

  connection.onCodeLens((params, token) =>
    settings.enable ? guarded(() => codeLenses(engine, params.textDocument.uri), [], 'code lenses', token) : [],
  );

  connection.onCodeAction((params, token) => {
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    if (!settings.enable || !document) return [];
    const only = params.context.only;
    if (only && !only.some((kind) => kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
    // Offsets are only meaningful against the text the engine holds; a request about another version gets nothing.
    syncEdits();
    if (!isCurrentText(engine, uri, document.getText())) return [];
    const range = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
    return guarded(() => codeActions(engine, uri, range, (message) => connection.console.error(message)), [], 'code actions', token);
  });

  documents.listen(connection);
  connection.listen();
}

function pickSettings(raw: Partial<ServerSettings>): Partial<ServerSettings> {
  const out: Partial<ServerSettings> = {};
  if (typeof raw.enable === 'boolean') out.enable = raw.enable;
  if (typeof raw.defaultNamespace === 'string' && raw.defaultNamespace.trim()) out.defaultNamespace = raw.defaultNamespace.trim();
  if (Array.isArray(raw.exclude)) out.exclude = raw.exclude.filter((g): g is string => typeof g === 'string');
  if (typeof raw.openFilesOnly === 'boolean') out.openFilesOnly = raw.openFilesOnly;
  if (typeof raw.maxFileSize === 'number' && raw.maxFileSize > 0) out.maxFileSize = raw.maxFileSize;
  if (raw.unknownFieldSeverity === 'error' || raw.unknownFieldSeverity === 'warning') out.unknownFieldSeverity = raw.unknownFieldSeverity;
  if (raw.severity && typeof raw.severity === 'object') {
    const allowed = new Set(['error', 'warning', 'info', 'hint', 'off']);
    out.severity = Object.fromEntries(Object.entries(raw.severity).filter(([, v]) => allowed.has(String(v)))) as Record<string, SeverityOverride>;
  }
  return out;
}
