import type { CodeLens } from 'vscode-languageserver-types';
import { parseGatewayRef } from '../engine/model/gateway-ref';
import { virtualServiceView } from '../engine/model/istio-views';
import { gatewayValues } from '../engine/model/mesh-binding';
import type { Resource } from '../engine/model/resource';
import { exampleRequest } from '../engine/model/routing/example-request';
import type { TraceEntryOption } from '../engine/model/routing/trace-types';
import { virtualServiceRules } from '../engine/model/virtualservice-routes';
import type { TraceParams } from '../lsp/custom-requests';
import { toLspRange } from './lsp-convert';

/** The client command that asks for a request (pre-filled with the lens's arguments) and shows its trace. */
export const traceRequestCommand = 'istio.traceRequest';

/**
 * A `Trace…` lens on each http rule of a VirtualService, carrying a request its first match accepts (or, when none
 * can be made up, one to its first host) and the entry it is bound to: its first Gateway, else the mesh of its namespace.
 */
export function traceLenses(virtualService: Resource): CodeLens[] {
  const hosts = virtualServiceView(virtualService).hosts.map((h) => h.value);
  if (!hosts.length) return [];
  const entry = entryOf(virtualService);
  const lines = virtualService.file.lines;
  const lenses: CodeLens[] = [];
  for (const rule of virtualServiceRules(virtualService)) {
    if (rule.protocol !== 'http') continue;
    const candidates = rule.matches.length ? rule.matches.map((m) => m.value) : [undefined];
    const example = candidates.map((m) => exampleRequest(m, hosts, virtualService.namespace)).find((e) => e !== undefined);
    const args: TraceParams = example ? { ...example, entry } : { url: fallbackUrl(hosts, virtualService.namespace), entry };
    const at = rule.anchor.start;
    lenses.push({ range: toLspRange(lines, { start: at, end: at }), command: { title: 'Trace…', command: traceRequestCommand, arguments: [args] } });
  }
  return lenses;
}

function entryOf(virtualService: Resource): TraceEntryOption {
  for (const value of gatewayValues(virtualService) ?? []) {
    const ref = parseGatewayRef(value, virtualService.namespace);
    if (!ref.mesh) return { kind: 'ingress', gateway: { namespace: ref.namespace, name: ref.name } };
  }
  return { kind: 'mesh', namespace: virtualService.namespace };
}

function fallbackUrl(hosts: readonly string[], namespace: string): string {
  const host = hosts.find((h) => !h.includes('*')) ?? 'example.com';
  return `http://${host.includes('.') ? host : `${host}.${namespace}.svc.cluster.local`}/`;
}
