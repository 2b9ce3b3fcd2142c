import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { TrafficGraph } from '../../server/src/engine/model/routing/graph-types';
import type { TrafficGraphParams } from '../../server/src/lsp/custom-requests';
import { isFromTrafficView, type ToTrafficView } from '../webview/model/view-messages';
import { placeAfterChanges } from './focus-position';
import { trafficViewHtml } from './traffic-view-html';

/** Asks the language server for the traffic graph. */
export type GraphRequester = (params: TrafficGraphParams, token: vscode.CancellationToken) => Promise<TrafficGraph>;

interface Focus {
  uri: vscode.Uri;
  position: vscode.Position;
}

const refreshDelayMs = 400;
/** dagre lays out about 1,000 nodes a second here: beyond this the view asks for a part instead. */
const maxDrawnNodes = 1500;

/** Registers `istio.showTraffic`: one traffic panel beside the editor, following the workspace's YAML as it changes. */
export function registerTrafficView(context: vscode.ExtensionContext, requestGraph: GraphRequester): vscode.Disposable {
  let current: TrafficPanel | undefined;
  const command = vscode.commands.registerCommand('istio.showTraffic', () => {
    const editor = vscode.window.activeTextEditor;
    // From a YAML editor the picture centres on the resource under the cursor; from elsewhere (the panel itself, the
    // palette with no editor) an open panel keeps what it shows.
    const focus = editor && serverReadsEdits(editor.document) ? { uri: editor.document.uri, position: editor.selection.active } : undefined;
    if (current) {
      if (focus) current.setFocus(focus);
      current.reveal();
      return;
    }
    current = new TrafficPanel(context.extensionUri, requestGraph, focus, () => {
      current = undefined;
    });
  });
  return new vscode.Disposable(() => {
    command.dispose();
    current?.close();
  });
}

class TrafficPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private focus: Focus | undefined;
  /** What the webview shows (or would, once it is ready), resent when it is rebuilt after being hidden. */
  private last: ToTrafficView | undefined;
  /** The workspace changed while the panel was hidden: ask again when it shows. */
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: vscode.CancellationTokenSource | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly requestGraph: GraphRequester,
    focus: Focus | undefined,
    private readonly onDisposed: () => void,
  ) {
    this.focus = focus;
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('istio.traffic', 'Istio Traffic', vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [dist],
    });
    this.panel.webview.html = this.html();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      this.panel.onDidChangeViewState(() => {
        if (this.panel.visible && this.stale) this.refresh();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0 || !isYaml(event.document)) return;
        if (this.focus && event.document.uri.toString() === this.focus.uri.toString()) {
          const place = placeAfterChanges(this.focus.position, event.contentChanges);
          this.focus = { uri: this.focus.uri, position: new vscode.Position(place.line, place.character) };
        }
        if (serverReadsEdits(event.document)) this.changed();
      }),
      // Saving a document the server reads as it is edited changes nothing it sees; the others reach it from disk.
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (isYaml(document) && !serverReadsEdits(document)) this.changed();
      }),
    );
    this.refresh();
  }

  setFocus(focus: Focus): void {
    this.focus = focus;
    this.refresh();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Closes the panel; its listeners go with it (onDidDispose). */
  close(): void {
    this.panel.dispose();
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', name)).toString();
    return trafficViewHtml({
      cspSource: webview.cspSource,
      scriptUri: asset('traffic-view.js'),
      styleUri: asset('traffic-view.css'),
      nonce: randomBytes(18).toString('base64'),
    });
  }

  private onMessage(message: unknown): void {
    if (!isFromTrafficView(message)) return;
    switch (message.type) {
      case 'ready':
        // A rebuilt webview (shown again after being hidden) starts empty; one that is new waits for the request under way.
        if (this.stale) this.refresh();
        else if (this.last) void this.panel.webview.postMessage(this.last);
        break;
      case 'wholeWorkspace':
        this.focus = undefined;
        this.refresh();
        break;
      case 'refresh':
        this.refresh();
        break;
      case 'open':
        void openLocation(message.location);
        break;
    }
  }

  private changed(): void {
    if (this.panel.visible) this.schedule(refreshDelayMs);
    else this.stale = true;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, delay);
  }

  /** Asks for the graph now; an answer to an older question is dropped. */
  private refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.stale = false;
    this.pending?.cancel();
    this.pending?.dispose();
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    const focus = this.focus;
    const params: TrafficGraphParams = {
      maxNodes: maxDrawnNodes,
      ...(focus ? { focus: { uri: focus.uri.toString(), position: { line: focus.position.line, character: focus.position.character } } } : {}),
    };
    void this.panel.webview.postMessage({ type: 'loading' } satisfies ToTrafficView);
    this.requestGraph(params, source.token).then(
      (graph) => {
        if (source.token.isCancellationRequested) return;
        this.post(focus ? { type: 'graph', graph, focusDescription: describe(focus) } : { type: 'graph', graph });
      },
      (error: unknown) => {
        if (source.token.isCancellationRequested) return;
        const message = error instanceof Error ? error.message : String(error);
        this.post(focus ? { type: 'error', message, focusDescription: describe(focus) } : { type: 'error', message });
      },
    );
  }

  private post(message: ToTrafficView): void {
    this.last = message;
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending?.cancel();
    this.pending?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.onDisposed();
  }
}

function isYaml(document: vscode.TextDocument): boolean {
  // Diff views and other virtual documents are not what the server indexes.
  const scheme = document.uri.scheme;
  return (scheme === 'file' || scheme === 'untitled') && (document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path));
}

/** Whether the language client sends the document's edits to the server (its document selector: YAML, and Helm templates). */
function serverReadsEdits(document: vscode.TextDocument): boolean {
  return document.languageId === 'yaml' || document.languageId === 'helm';
}

function describe(focus: Focus): string {
  return `${vscode.workspace.asRelativePath(focus.uri)} line ${focus.position.line + 1}`;
}

async function openLocation(location: { uri: string; line: number; character: number }): Promise<void> {
  try {
    const position = new vscode.Position(location.line, location.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  } catch (error) {
    void vscode.window.showErrorMessage(`Cannot open ${location.uri}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
