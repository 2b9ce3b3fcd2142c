import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { traceRequestMethod, type TraceParams, type TraceResponse } from '../../server/src/lsp/custom-requests';
import type { TraceEntryOption } from '../../server/src/engine/model/routing/trace-types';
import type { TraceView } from './trace-view';

const methods = /^(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|CONNECT|TRACE)\s+/i;

/**
 * `Istio: Trace Request…`: asks for the request (`[METHOD] URL`, then headers, then the entry; a code lens pre-fills
 * them), asks the server for its trace and shows it in the Istio Trace view.
 */
export async function traceRequestCommand(client: LanguageClient, view: TraceView, prefill?: TraceParams): Promise<void> {
  const first = await vscode.window.showInputBox({
    title: 'Istio: Trace Request (1/3)',
    prompt: 'The request: [METHOD] URL, e.g. GET http://bookinfo.example.com/productpage',
    value: prefill ? `${prefill.method ?? 'GET'} ${prefill.url}` : 'GET http://',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim().replace(methods, '') ? undefined : 'Type a URL'),
  });
  if (first === undefined) return;
  const method = methods.exec(first.trim())?.[1]?.toUpperCase() ?? 'GET';
  const url = first.trim().replace(methods, '');
  const headerText = await vscode.window.showInputBox({
    title: 'Istio: Trace Request (2/3)',
    prompt: 'Headers (optional), separated by " | ", e.g. end-user: jason | x-canary: 1',
    value: (prefill?.headers ?? []).join(' | '),
    ignoreFocusOut: true,
  });
  if (headerText === undefined) return;
  const headers = headerText.split(' | ').map((h) => h.trim()).filter(Boolean);
  const entry = await pickEntry(prefill?.entry);
  if (!entry) return;
  const params: TraceParams = { url, method, headers, entry };
  const response = await client.sendRequest<TraceResponse>(traceRequestMethod, params);
  if ('error' in response) {
    void vscode.window.showErrorMessage(`Istio: cannot trace the request: ${response.error}`);
    return;
  }
  view.show(response.result);
  await vscode.commands.executeCommand('istio.traceView.focus');
}

interface EntryItem extends vscode.QuickPickItem {
  entry?: TraceEntryOption;
  ask?: 'gateway' | 'mesh';
}

async function pickEntry(suggested: TraceEntryOption | undefined): Promise<TraceEntryOption | undefined> {
  const items: EntryItem[] = [];
  if (suggested) items.push({ label: describeEntry(suggested), description: 'from the rule', entry: suggested });
  items.push(
    { label: 'Ingress: any Gateway', description: 'the Gateways whose servers or listeners accept the port and host', entry: { kind: 'ingress' } },
    { label: 'Ingress: through one Gateway…', description: 'NAMESPACE/NAME', ask: 'gateway' },
    { label: 'Mesh: from a sidecar in namespace…', description: 'short host names resolve there', ask: 'mesh' },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'Istio: Trace Request (3/3): where does the request come from?', ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.entry) return picked.entry;
  if (picked.ask === 'gateway') {
    const text = await vscode.window.showInputBox({ title: 'Gateway', prompt: 'NAMESPACE/NAME', validateInput: (t) => (/^[^/\s]+\/[^/\s]+$/.test(t.trim()) ? undefined : 'Write NAMESPACE/NAME') });
    if (!text) return undefined;
    const [namespace, name] = text.trim().split('/');
    return { kind: 'ingress', gateway: { namespace, name } };
  }
  const namespace = await vscode.window.showInputBox({ title: 'Namespace of the client', value: 'default', validateInput: (t) => (/^[a-z0-9-]+$/.test(t.trim()) ? undefined : 'A namespace name') });
  return namespace ? { kind: 'mesh', namespace: namespace.trim() } : undefined;
}

function describeEntry(entry: TraceEntryOption): string {
  if (entry.kind === 'mesh') return `Mesh: from a sidecar in namespace ${entry.namespace}`;
  return entry.gateway ? `Ingress: through Gateway ${entry.gateway.namespace}/${entry.gateway.name}` : 'Ingress: any Gateway';
}
