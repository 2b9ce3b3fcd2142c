import { CompletionItemKind, MarkupKind, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { listenerOwnerOf } from '../engine/model/gateway-api/navigation';
import { gatewayApiGroup, isRouteKind, listenerOwnerView, type ListenerView } from '../engine/model/gateway-api/views';
import { serviceView } from '../engine/model/kubernetes-views';
import { splitApiVersion, type Resource } from '../engine/model/resource';
import type { LineIndex } from '../engine/parse/line-index';
import type { IndexLookups } from '../engine/workspace/resource-index';
import { siblingValues, type CursorContext } from './cursor-context';
import { documentNamespace } from './spec-text';

type EditRange = TextEdit['range'];

/** Where the cursor's value is, in the text completion reads (which may be newer than the engine's). */
export interface ValueSite {
  context: CursorContext;
  /** The lines of the cursor's YAML document, and the cursor's line among them. */
  docLines: readonly string[];
  lineInDoc: number;
  /** The cursor's line in the file, and the file's line count (for edits on the next line). */
  line: number;
  lines: LineIndex;
  apiVersion: string | undefined;
  kind: string | undefined;
  range: EditRange;
}

/**
 * Values of a Gateway API route's references, from the workspace: a parentRef's `name` (Gateways, ListenerSets or
 * Services, those of other namespaces with the `namespace:` to add), `namespace`, `sectionName` and `port` (the
 * listeners of the parent it names), a backendRef's `name` (the Services of its namespace) and `port` (that
 * Service's ports). Empty anywhere else, so schema-driven items stay as they are.
 */
export function gatewayApiValueItems(engine: Engine, site: ValueSite): CompletionItem[] {
  const { context, apiVersion, kind } = site;
  if (context.position !== 'value' || !apiVersion || !kind || !isRouteKind(kind) || splitApiVersion(apiVersion).group !== gatewayApiGroup) return [];
  const path = context.path;
  const field = path[path.length - 1];
  const routeNamespace = documentNamespace(site.docLines, engine.workspace.namespaceDefault);
  const siblings = () => siblingValues(site.docLines, site.lineInDoc, context.keyColumn);
  const index = engine.workspace.index;
  if (path.length === 4 && path[0] === 'spec' && path[1] === 'parentRefs' && path[2] === '[]') {
    const ref = parentOf(siblings(), routeNamespace);
    switch (field) {
      case 'name':
        return parentNameItems(index, ref, routeNamespace, site);
      case 'namespace':
        return parentNamespaceItems(index, ref, site.range);
      case 'sectionName':
        return sectionItems(index, ref, site.range);
      case 'port':
        return parentPortItems(index, ref, site.range);
      default:
        return [];
    }
  }
  const inBackend = path[0] === 'spec' && path[1] === 'rules' && (path[path.length - 2] === 'backendRef' || (path[path.length - 3] === 'backendRefs' && path[path.length - 2] === '[]'));
  if (!inBackend || (field !== 'name' && field !== 'port')) return [];
  const values = siblings();
  const group = values.group ?? '';
  if (group !== '' || (values.kind ?? 'Service') !== 'Service') return [];
  const namespace = values.namespace ?? routeNamespace;
  if (field === 'name') return servicesIn(index, namespace).map((service) => reference(service.name, `Service ${namespace}/${service.name}`, servicePortsDoc(service), 0, site.range));
  const [service] = values.name ? index.find('', 'Service', namespace, values.name) : [];
  return service ? servicePortItems(service, site.range) : [];
}

interface ParentRef {
  group: string;
  kind: string;
  /** As written; undefined means the route's. */
  namespace?: string;
  name?: string;
  sectionName?: string;
  port?: number;
}

function parentOf(values: Record<string, string>, routeNamespace: string): ParentRef & { resolvedNamespace: string } {
  const ref: ParentRef & { resolvedNamespace: string } = {
    group: values.group ?? gatewayApiGroup,
    kind: values.kind ?? 'Gateway',
    resolvedNamespace: values.namespace ?? routeNamespace,
  };
  if (values.namespace) ref.namespace = values.namespace;
  if (values.name) ref.name = values.name;
  if (values.sectionName) ref.sectionName = values.sectionName;
  if (values.port && /^\d+$/.test(values.port)) ref.port = Number(values.port);
  return ref;
}

/** The resources a parentRef of this group/kind can name; undefined for kinds completion does not know. */
function parentCandidates(index: IndexLookups, ref: ParentRef): readonly Resource[] | undefined {
  if (ref.group === gatewayApiGroup && (ref.kind === 'Gateway' || ref.kind === 'ListenerSet')) return index.ofKind(gatewayApiGroup, ref.kind);
  if (ref.group === '' && ref.kind === 'Service') return index.ofKind('', 'Service');
  return undefined;
}

function parentNameItems(index: IndexLookups, ref: ParentRef, routeNamespace: string, site: ValueSite): CompletionItem[] {
  const candidates = parentCandidates(index, ref) ?? [];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const parent of candidates) {
    const id = `${parent.namespace}/${parent.name}`;
    if (!parent.name || seen.has(id) || (ref.namespace !== undefined && parent.namespace !== ref.namespace)) continue;
    seen.add(id);
    const doc = parent.kind === 'Service' ? servicePortsDoc(parent) : listenersDoc(parent);
    if (ref.namespace !== undefined || parent.namespace === routeNamespace) {
      items.push(reference(parent.name, `${parent.kind} ${id}`, doc, 0, site.range));
      continue;
    }
    const item = reference(parent.name, `${parent.kind} ${id} (sets namespace: ${parent.namespace})`, doc, 1, site.range);
    const edit = namespaceEdit(site, parent.namespace);
    if (edit) item.additionalTextEdits = [edit];
    items.push(item);
  }
  return items;
}

/** `namespace: <ns>` as the next key of the parentRef: a line inserted below the cursor's. */
function namespaceEdit(site: ValueSite, namespace: string): TextEdit | undefined {
  // On the last line there is no next line to insert before without touching the completion's own edit.
  if (site.line + 1 >= site.lines.lineCount) return undefined;
  const at = { line: site.line + 1, character: 0 };
  return { range: { start: at, end: at }, newText: `${' '.repeat(site.context.keyColumn)}namespace: ${namespace}\n` };
}

function parentNamespaceItems(index: IndexLookups, ref: ParentRef, range: EditRange): CompletionItem[] {
  const byNamespace = new Map<string, string[]>();
  for (const parent of parentCandidates(index, ref) ?? []) {
    const names = byNamespace.get(parent.namespace) ?? [];
    if (parent.name && !names.includes(parent.name)) names.push(parent.name);
    byNamespace.set(parent.namespace, names);
  }
  return [...byNamespace].map(([namespace, names]) => ({
    label: namespace,
    kind: CompletionItemKind.Module,
    detail: `${ref.kind}s: ${names.join(', ')}`,
    textEdit: { range, newText: namespace },
    // Namespaces holding a parent of the name already written first.
    sortText: `${ref.name && names.includes(ref.name) ? 0 : 1}${namespace}`,
  }));
}

/** The Gateway, ListenerSet or Service a parentRef resolves to, with defaults. */
function parentResource(index: IndexLookups, ref: ParentRef & { resolvedNamespace: string }): Resource | undefined {
  if (!ref.name) return undefined;
  const key = { group: ref.group, kind: ref.kind, namespace: ref.resolvedNamespace, name: ref.name };
  if (ref.group === '' && ref.kind === 'Service') return index.find('', 'Service', key.namespace, key.name)[0];
  return listenerOwnerOf(index, key);
}

function sectionItems(index: IndexLookups, ref: ParentRef & { resolvedNamespace: string }, range: EditRange): CompletionItem[] {
  const parent = parentResource(index, ref);
  if (!parent) return [];
  // A Service parent's sections are its named ports.
  if (parent.kind === 'Service') {
    return serviceView(parent)
      .ports.filter((p) => p.name && (ref.port === undefined || p.port === ref.port))
      .map((p, i) => ({ label: p.name!.value, kind: CompletionItemKind.Field, detail: `port ${p.port ?? '?'}`, textEdit: { range, newText: p.name!.value }, sortText: order(i) }));
  }
  return listenerOwnerView(parent)
    .listeners.filter((l) => l.name && (ref.port === undefined || l.port?.value === ref.port))
    .map((l, i) => ({ label: l.name!.value, kind: CompletionItemKind.Field, detail: listenerDetail(l), textEdit: { range, newText: l.name!.value }, sortText: order(i) }));
}

function parentPortItems(index: IndexLookups, ref: ParentRef & { resolvedNamespace: string }, range: EditRange): CompletionItem[] {
  const parent = parentResource(index, ref);
  if (!parent) return [];
  if (parent.kind === 'Service') return servicePortItems(parent, range);
  const byPort = new Map<number, ListenerView[]>();
  for (const listener of listenerOwnerView(parent).listeners) {
    if (listener.port === undefined || (ref.sectionName && listener.name?.value !== ref.sectionName)) continue;
    byPort.set(listener.port.value, [...(byPort.get(listener.port.value) ?? []), listener]);
  }
  return [...byPort].map(([port, listeners], i) => ({
    label: String(port),
    kind: CompletionItemKind.Value,
    detail: listeners.map((l) => `${l.name?.value ?? '?'} (${l.protocol?.value ?? '?'})`).join(', '),
    textEdit: { range, newText: String(port) },
    sortText: order(i),
  }));
}

function servicesIn(index: IndexLookups, namespace: string): Resource[] {
  const seen = new Set<string>();
  return index.ofKind('', 'Service').filter((s) => s.namespace === namespace && s.name && !seen.has(s.name) && seen.add(s.name));
}

function servicePortItems(service: Resource, range: EditRange): CompletionItem[] {
  return serviceView(service)
    .ports.filter((p) => p.port !== undefined)
    .map((p, i) => ({
      label: String(p.port),
      kind: CompletionItemKind.Value,
      detail: [p.name?.value, p.protocol ?? p.appProtocol].filter(Boolean).join(' ') || `port of Service ${service.namespace}/${service.name}`,
      textEdit: { range, newText: String(p.port) },
      sortText: order(i),
    }));
}

/** A completion item naming a resource of the workspace, ranked (0 sorts first). */
export function reference(name: string, detail: string, documentation: string, rank: number, range: EditRange): CompletionItem {
  const item: CompletionItem = { label: name, kind: CompletionItemKind.Reference, detail, textEdit: { range, newText: name }, sortText: `${rank}${name}` };
  if (documentation) item.documentation = { kind: MarkupKind.Markdown, value: documentation };
  return item;
}

function listenerDetail(listener: ListenerView): string {
  return [`port ${listener.port?.value ?? '?'}`, listener.protocol?.value ?? '?', listener.hostname?.value ?? 'any host'].join(' · ');
}

function listenersDoc(owner: Resource): string {
  const listeners = listenerOwnerView(owner).listeners;
  return listeners.length ? `Listeners:\n${listeners.map((l) => `- \`${l.name?.value ?? '?'}\` ${listenerDetail(l)}`).join('\n')}` : '';
}

/** A Service's ports as completion documentation (`Ports: 9080 (http), 80`), '' when it has none. */
export function servicePortsDoc(service: Resource): string {
  const ports = serviceView(service).ports.filter((p) => p.port !== undefined);
  return ports.length ? `Ports: ${ports.map((p) => (p.name ? `${p.port} (${p.name.value})` : String(p.port))).join(', ')}` : '';
}

const order = (i: number) => String(i).padStart(3, '0');
