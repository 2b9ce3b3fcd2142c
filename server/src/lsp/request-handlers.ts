import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeActionParams,
  type CodeLensParams,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentSymbolParams,
  type ExecuteCommandParams,
  type HoverParams,
  type PrepareRenameParams,
  type ReferenceParams,
  type RenameParams,
  type WorkspaceSymbolParams,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Engine } from '../engine/engine';
import { LineIndex } from '../engine/parse/line-index';
import { codeActions, isCurrentText, toWorkspaceEdit } from '../features/code-actions';
import { codeLenses } from '../features/code-lens';
import { doComplete, type CompletionText } from '../features/completion';
import { createSubsetCommand, createSubsetEdits, isCreateSubsetArgs } from '../features/create-subset';
import { doDefinition } from '../features/definition';
import { doHover } from '../features/hover';
import { doReferences } from '../features/references';
import { doRename, prepareRename } from '../features/rename';
import { documentSymbols } from '../features/symbols';
import { workspaceSymbols } from '../features/workspace-symbols';
import type { Guarded } from './guarded';
import type { ServerSettings } from './settings';

type Position = { line: number; character: number };

export interface RequestHandlerDeps {
  engine: Engine;
  documents: { get(uri: string): TextDocument | undefined };
  settings(): Pick<ServerSettings, 'enable'>;
  guarded: Guarded;
  /** The editor's edits: read into the engine (`syncEdits`), or not yet (`isUnsynced`). */
  sync: { syncEdits(): void; isUnsynced(uri: string): boolean };
  /** Whether the client takes `LocationLink`s for definitions. */
  definitionLinks(): boolean;
  log: { error(message: string): void };
}

/** The answers to the language requests: each delegates to a feature of server/src/features, guarded. */
export class RequestHandlers {
  constructor(private readonly deps: RequestHandlerDeps) {}

  /** Registers every handler on the connection. */
  register(connection: Connection): void {
    connection.onCompletion((params, token) => this.completion(params, token));
    connection.onHover((params, token) => this.hover(params, token));
    connection.onDocumentSymbol((params, token) => this.documentSymbols(params, token));
    connection.onDefinition((params, token) => this.definition(params, token));
    connection.onReferences((params, token) => this.references(params, token));
    connection.onPrepareRename((params, token) => this.prepareRename(params, token));
    connection.onRenameRequest((params, token) => this.rename(params, token));
    connection.onWorkspaceSymbol((params, token) => this.workspaceSymbols(params, token));
    connection.onCodeLens((params, token) => this.codeLenses(params, token));
    connection.onCodeAction((params, token) => this.codeActions(params, token));
    connection.onExecuteCommand(async (params, token) => {
      const edit = this.commandEdit(params, token);
      if (edit) await connection.workspace.applyEdit({ label: 'Create subset', edit });
      return null;
    });
  }

  /** The offset of a position in an open document, when the server is enabled; undefined otherwise (the request gets null). */
  private offsetOf(uri: string, position: Position): number | undefined {
    const offset = this.deps.documents.get(uri)?.offsetAt(position);
    return this.deps.settings().enable ? offset : undefined;
  }

  completion(params: CompletionParams, token?: CancellationToken) {
    const uri = params.textDocument.uri;
    const offset = this.offsetOf(uri, params.position);
    if (offset === undefined) return null;
    const { engine, guarded, sync } = this.deps;
    // Typing then asking for completion is the common case: answer from the editor's text, the edit is read later.
    return guarded(() => doComplete(engine, uri, offset, sync.isUnsynced(uri) ? this.editorText(uri) : undefined), null, 'completion', token, false);
  }

  /** The editor's text of an open document with its line index (a few milliseconds on a 1 MB file). */
  private editorText(uri: string): CompletionText | undefined {
    const text = this.deps.documents.get(uri)?.getText();
    return text === undefined ? undefined : { text, lines: new LineIndex(text) };
  }

  hover(params: HoverParams, token?: CancellationToken) {
    const offset = this.offsetOf(params.textDocument.uri, params.position);
    if (offset === undefined) return null;
    return this.deps.guarded(() => doHover(this.deps.engine, params.textDocument.uri, offset), null, 'hover', token);
  }

  documentSymbols(params: DocumentSymbolParams, token?: CancellationToken) {
    return this.deps.guarded(() => documentSymbols(this.deps.engine, params.textDocument.uri), [], 'document symbols', token);
  }

  definition(params: DefinitionParams, token?: CancellationToken) {
    const offset = this.offsetOf(params.textDocument.uri, params.position);
    if (offset === undefined) return null;
    const links = this.deps.definitionLinks();
    return this.deps.guarded(() => doDefinition(this.deps.engine, params.textDocument.uri, offset, links), null, 'definition', token);
  }

  references(params: ReferenceParams, token?: CancellationToken) {
    const offset = this.offsetOf(params.textDocument.uri, params.position);
    if (offset === undefined) return null;
    const uri = params.textDocument.uri;
    return this.deps.guarded(() => doReferences(this.deps.engine, uri, offset, params.context.includeDeclaration), null, 'references', token);
  }

  prepareRename(params: PrepareRenameParams, token?: CancellationToken) {
    const offset = this.offsetOf(params.textDocument.uri, params.position);
    if (offset === undefined) return null;
    const outcome = this.deps.guarded(() => prepareRename(this.deps.engine, params.textDocument.uri, offset), null, 'prepare rename', token);
    if (!outcome) return null;
    // The message is what the editor shows in place of the rename box.
    return 'error' in outcome ? new ResponseError<void>(LSPErrorCodes.RequestFailed, outcome.error) : outcome;
  }

  rename(params: RenameParams, token?: CancellationToken) {
    const offset = this.offsetOf(params.textDocument.uri, params.position);
    if (offset === undefined) return null;
    const outcome = this.deps.guarded(() => doRename(this.deps.engine, params.textDocument.uri, offset, params.newName), null, 'rename', token);
    if (!outcome) return null;
    return 'error' in outcome ? new ResponseError<void>(LSPErrorCodes.RequestFailed, outcome.error) : outcome.edit;
  }

  workspaceSymbols(params: WorkspaceSymbolParams, token?: CancellationToken) {
    if (!this.deps.settings().enable) return [];
    return this.deps.guarded(() => workspaceSymbols(this.deps.engine, params.query), [], 'workspace symbols', token);
  }

  codeLenses(params: CodeLensParams, token?: CancellationToken) {
    if (!this.deps.settings().enable) return [];
    return this.deps.guarded(() => codeLenses(this.deps.engine, params.textDocument.uri), [], 'code lenses', token);
  }

  codeActions(params: CodeActionParams, token?: CancellationToken) {
    const { engine, documents, sync, guarded, log } = this.deps;
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    if (!this.deps.settings().enable || !document) return [];
    const only = params.context.only;
    if (only && !only.some((kind) => kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
    // Offsets are only meaningful against the text the engine holds; a request about another version gets nothing.
    sync.syncEdits();
    if (!isCurrentText(engine, uri, document.getText())) return [];
    const range = { start: document.offsetAt(params.range.start), end: document.offsetAt(params.range.end) };
    return guarded(() => codeActions(engine, uri, range, (message) => log.error(message)), [], 'code actions', token);
  }

  /** The edit a server command makes (a completion item's "create subset"), computed after reading pending edits. */
  commandEdit(params: ExecuteCommandParams, token?: CancellationToken): WorkspaceEdit | undefined {
    const [args] = params.arguments ?? [];
    if (params.command !== createSubsetCommand || !isCreateSubsetArgs(args) || !this.deps.settings().enable) return undefined;
    const { engine, guarded } = this.deps;
    // Guarded reads the editor's edits first: the item's name, inserted just before the command runs, is then in the text.
    return guarded(
      () => {
        const changes = createSubsetEdits(engine, args);
        return changes ? toWorkspaceEdit(engine, changes) : undefined;
      },
      undefined,
      'create subset',
      token,
    );
  }
}
