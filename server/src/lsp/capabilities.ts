import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type InitializeResult } from 'vscode-languageserver';
// esbuild inlines the one field imported (its JSON loader keeps named imports only), so the bundle needs no package.json beside it.
import { version } from '../../../package.json';
import { createSubsetCommand } from '../features/create-subset';

/** What the client declared it can do, as far as the server changes its behaviour for it. */
export interface ClientFeatures {
  /** Answers `workspace/configuration`, so settings are pulled rather than pushed. */
  pullConfiguration: boolean;
  reportProgress: boolean;
  /** Registers file watchers dynamically. */
  watchFiles: boolean;
  /** Sends workspace folder changes (asking for them throws otherwise). */
  followFolders: boolean;
  definitionLinks: boolean;
  refreshLenses: boolean;
}

/** Reads the features the server uses from the client's `initialize` capabilities. */
export function clientFeatures(capabilities: ClientCapabilities): ClientFeatures {
  return {
    pullConfiguration: capabilities.workspace?.configuration === true,
    reportProgress: capabilities.window?.workDoneProgress === true,
    watchFiles: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    followFolders: capabilities.workspace?.workspaceFolders === true,
    definitionLinks: capabilities.textDocument?.definition?.linkSupport === true,
    refreshLenses: capabilities.workspace?.codeLens?.refreshSupport === true,
  };
}

/** The `initialize` answer: the requests served, and the server's name and version (from package.json). */
export function initializeResult(): InitializeResult {
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
      // Run by completion items that create what they name (a DestinationRule subset).
      executeCommandProvider: { commands: [createSubsetCommand] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'istio-yaml-language-server', version },
  };
}
