import { CodeLensRefreshRequest, DidChangeWatchedFilesNotification, TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine } from './engine/engine';
import type { SchemaCatalog } from './engine/schema/catalog';
import { diagnosticsFor } from './features/diagnostics';
import { clientFeatures, initializeResult, type ClientFeatures } from './lsp/capabilities';
import { Configuration } from './lsp/configuration';
import { registerCustomHandlers } from './lsp/custom-handlers';
import { createGuarded } from './lsp/guarded';
import { DiagnosticsPublisher } from './lsp/publisher';
import { RequestHandlers } from './lsp/request-handlers';
import { WorkspaceSync } from './lsp/workspace-sync';
import type { WorkerPool } from './parallel-scan';
import { WorkspaceFiles, type FileSystemReader } from './workspace-files';

export interface ServerHost {
  loadCatalog(): SchemaCatalog;
  fileSystem: FileSystemReader;
  /** Scan workers, where the platform has them: a pool of `size` threads, and the size when the user sets none. */
  scanWorkers?: { create(size: number): WorkerPool; defaultSize: number };
}

/** Wires the engine to an LSP connection; the connection's transport is the caller's business. */
export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  // Open documents keep their YAML trees; closed files' trees are released beyond a budget and parsed again when read.
  const engine = createEngine({ catalog: host.loadCatalog(), isOpen: (uri) => documents.get(uri) !== undefined });
  const files = new WorkspaceFiles();
  const log = { info: (message: string) => connection.console.info(message), error: (message: string) => connection.console.error(message) };
  let client: ClientFeatures | undefined;

  // The publisher reads edits through `sync`, and `sync` queues what it changes on the publisher: each is used only once both exist.
  const publisher: DiagnosticsPublisher = new DiagnosticsPublisher({
    openVersion: (uri) => documents.get(uri)?.version,
    isIndexed: (uri) => engine.workspace.file(uri) !== undefined,
    diagnostics: (uri, scope) => guarded(() => diagnosticsFor(engine, uri, scope), [], 'diagnostics'),
    settings: () => configuration.settings,
    syncEdits: () => sync.syncEdits(),
    send: (params) => void connection.sendDiagnostics(params),
    refreshLenses: () => {
      if (client?.refreshLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    },
  });
  const sync = new WorkspaceSync({
    engine,
    documents,
    files,
    fileSystem: host.fileSystem,
    publisher,
    workerPool: (): WorkerPool | undefined => scanPool(configuration.settings.scanWorkers),
    startProgress: () => (client?.reportProgress ? connection.window.createWorkDoneProgress() : undefined),
    log,
    configFileChanged: () => configuration.repositoryChanged(),
  });
  const guarded = createGuarded(() => sync.syncEdits(), log.error);
  const configuration = new Configuration({ engine, files, sync, publisher, source: connection.workspace, log, repositoryConfigs: () => engine.configFiles() });

  let pool: WorkerPool | undefined;
  /** The scan's worker pool for the configured size (none for 0, or where the host has no workers). */
  function scanPool(configured: number | null): WorkerPool | undefined {
    const size = configured ?? host.scanWorkers?.defaultSize ?? 0;
    if (!host.scanWorkers || size === 0) return undefined;
    if (pool?.size !== size) pool = host.scanWorkers.create(size);
    return pool;
  }

  connection.onInitialize((params) => {
    client = clientFeatures(params.capabilities);
    configuration.initialize(params.initializationOptions, client.pullConfiguration);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    files.setFolders(folders);
    // Detected environments (Kustomize overlays) are named by their path in the workspace folder.
    engine.configure({ roots: folders });
    return initializeResult();
  });

  connection.onInitialized(() => {
    if (client?.watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] });
    }
    void configuration.refresh().then(() => sync.rescan());
    // Asking for folder events throws for clients that did not declare they send them.
    if (client?.followFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void connection.workspace.getWorkspaceFolders().then((current) => {
          const folders = (current ?? []).map((f) => f.uri);
          // Detected overlays are named from the roots: any finding may now name another environment (published like the rescan's).
          publisher.add(engine.configure({ roots: folders }));
          sync.foldersChanged(folders);
        });
      });
    }
  });

  connection.onDidChangeConfiguration((change) => void configuration.changed(change.settings));
  connection.onDidChangeWatchedFiles(({ changes }) => void sync.watchedFilesChanged(changes));
  documents.onDidChangeContent(({ document }) => sync.documentChanged(document.uri));
  documents.onDidClose(({ document }) => void sync.documentClosed(document.uri));

  new RequestHandlers({
    engine,
    documents,
    settings: () => configuration.settings,
    guarded,
    sync,
    definitionLinks: () => client?.definitionLinks === true,
    log,
  }).register(connection);
  registerCustomHandlers(connection, { engine, documents, guarded, sync });

  documents.listen(connection);
  connection.listen();
}
