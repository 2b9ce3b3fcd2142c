import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { trafficGraphRequestMethod, type TraceParams } from '../../server/src/lsp/custom-requests';
import { traceRequestCommand } from './trace-command';
import { TraceView } from './trace-view';
import type { TrafficGraph } from '../../server/src/engine/model/routing/graph-types';
import { registerTrafficView } from './traffic-panel';

let client: LanguageClient | undefined;

type ShowReferencesArgs = [string, Parameters<LanguageClient['protocol2CodeConverter']['asPosition']>[0], Array<Parameters<LanguageClient['protocol2CodeConverter']['asLocation']>[0]>];

/** Starts the Istio YAML language server for YAML files and adds the editor-only bits. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Istio YAML', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // With a Helm extension installed, chart templates are `helm` documents; `_helpers.tpl` and NOTES.txt are not manifests.
      { scheme: 'file', language: 'helm', pattern: '**/*.{yaml,yml}' },
    ],
    synchronize: { configurationSection: 'istio' },
    outputChannel,
    middleware: {
      // The server sends plain LSP values as `editor.action.showReferences` arguments; VS Code wants its own types.
      async provideCodeLenses(document, token, next) {
        const lenses = await next(document, token);
        const convert = client?.protocol2CodeConverter;
        for (const lens of lenses ?? []) {
          const args = lens.command?.command === 'editor.action.showReferences' ? (lens.command.arguments as ShowReferencesArgs | undefined) : undefined;
          if (!convert || !args || !lens.command) continue;
          lens.command.arguments = [convert.asUri(args[0]), convert.asPosition(args[1]), args[2].map((l) => convert.asLocation(l))];
        }
        return lenses;
      },
    },
  };
  client = new LanguageClient('istio', 'Istio YAML', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Istio YAML';
  status.command = 'istio.showOutput';
  const showState = (state: State) => {
    status.text = state === State.Running ? '$(check) Istio' : state === State.Starting ? '$(sync~spin) Istio' : '$(error) Istio';
    status.tooltip = `Istio YAML language server: ${State[state].toLowerCase()}`;
  };
  showState(State.Starting);
  status.show();

  const traceView = new TraceView();
  const languageClient = client;
  context.subscriptions.push(
    traceView,
    vscode.window.createTreeView('istio.traceView', { treeDataProvider: traceView, showCollapseAll: true }),
    vscode.commands.registerCommand('istio.traceRequest', async (prefill?: TraceParams) => {
      await vscode.commands.executeCommand('setContext', 'istio.traceShown', true);
      await traceRequestCommand(languageClient, traceView, prefill);
    }),
    outputChannel,
    status,
    client.onDidChangeState((e) => showState(e.newState)),
    vscode.commands.registerCommand('istio.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('istio.restartServer', async () => {
      await client?.restart();
    }),
    registerTrafficView(context, (params, token) => {
      if (!client) return Promise.reject(new Error('the Istio YAML language server is not running'));
      return client.sendRequest<TrafficGraph>(trafficGraphRequestMethod, params, token);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
