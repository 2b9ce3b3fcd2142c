import {
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createEngine } from './engine/engine';
import type { SchemaCatalog } from './engine/schema/catalog';
import { doComplete } from './features/completion';
import { diagnosticsFor } from './features/diagnostics';
import { doHover } from './features/hover';
import { documentSymbols } from './features/symbols';

export interface ServerSettings {
  enable: boolean;
  defaultNamespace: string;
}

const defaultSettings: ServerSettings = { enable: true, defaultNamespace: 'default' };

/** How long to wait after the last edit before re-checking, so typing never waits on analysis. */
const diagnosticsDelayMs = 150;

/** Wires the engine to an LSP connection; the connection's transport is the caller's business. */
export function startServer(connection: Connection, loadCatalog: () => SchemaCatalog): void {
  const documents = new TextDocuments(TextDocument);
  const engine = createEngine({ catalog: loadCatalog() });
  let settings = defaultSettings;
  let canPullConfiguration = false;
  let pending: NodeJS.Timeout | undefined;

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    const options = params.initializationOptions as Partial<ServerSettings> | undefined;
    if (options) settings = { ...settings, ...pickSettings(options) };
    engine.configure({ defaultNamespace: settings.defaultNamespace });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [' ', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'istio-yaml-language-server' },
    };
  });

  connection.onInitialized(() => {
    void refreshSettings();
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { istio?: Partial<ServerSettings> } | undefined)?.istio;
    if (pushed && !canPullConfiguration) applySettings({ ...settings, ...pickSettings(pushed) });
    else void refreshSettings();
  });

  async function refreshSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const pulled = (await connection.workspace.getConfiguration('istio')) as Partial<ServerSettings> | null;
      applySettings({ ...defaultSettings, ...pickSettings(pulled ?? {}) });
    } catch (error) {
      connection.console.error(`Could not read settings: ${String(error)}`);
    }
  }

  function applySettings(next: ServerSettings): void {
    settings = next;
    engine.configure({ defaultNamespace: settings.defaultNamespace });
    scheduleDiagnostics();
  }

  documents.onDidChangeContent(({ document }) => {
    engine.setFile(document.uri, document.getText());
    scheduleDiagnostics();
  });

  documents.onDidClose(({ document }) => {
    engine.removeFile(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    scheduleDiagnostics();
  });

  function scheduleDiagnostics(): void {
    if (pending) clearTimeout(pending);
    pending = setTimeout(publishAll, diagnosticsDelayMs);
  }

  // Cross-resource findings change when any document changes, so every open document is re-checked.
  function publishAll(): void {
    pending = undefined;
    for (const document of documents.all()) {
      const diagnostics = settings.enable ? guarded(() => diagnosticsFor(engine, document.uri), [], 'diagnostics') : [];
      void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
    }
  }

  function guarded<T>(run: () => T, fallback: T, what: string, token?: CancellationToken): T {
    if (token?.isCancellationRequested) return fallback;
    try {
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
    return guarded(() => doComplete(engine, params.textDocument.uri, offset), null, 'completion', token);
  });

  connection.onHover((params, token) => {
    const offset = offsetOf(params.textDocument.uri, params.position);
    if (!settings.enable || offset === undefined) return null;
    return guarded(() => doHover(engine, params.textDocument.uri, offset), null, 'hover', token);
  });

  connection.onDocumentSymbol((params, token) =>
    guarded(() => documentSymbols(engine, params.textDocument.uri), [], 'document symbols', token),
  );

  documents.listen(connection);
  connection.listen();
}

function pickSettings(raw: Partial<ServerSettings>): Partial<ServerSettings> {
  const out: Partial<ServerSettings> = {};
  if (typeof raw.enable === 'boolean') out.enable = raw.enable;
  if (typeof raw.defaultNamespace === 'string' && raw.defaultNamespace.trim()) out.defaultNamespace = raw.defaultNamespace.trim();
  return out;
}
