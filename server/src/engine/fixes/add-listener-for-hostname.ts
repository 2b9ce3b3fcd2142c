import type { YAMLMap } from 'yaml';
import { appendToSequence, columnAt, contentLineEnd } from '../edit/layout';
import { replaceScalar } from '../edit/scalars';
import { applyOffsetEdits, eolOf, type OffsetEdit } from '../edit/text-edit';
import { attachmentOf } from '../model/gateway-api/attachment';
import { isGatewayApiRoute, listenerOwnerView, routeView, type ListenerView } from '../model/gateway-api/views';
import { describeResource, type Resource } from '../model/resource';
import { asMap, asSeq, getValue, rangeOf } from '../parse/yaml-nodes';
import { dataString, dataStrings, type Fix, type FixProvider } from './fix';
import { enclosingParentRef } from './gateway-api-refs';

/**
 * `data: { fix: 'add-listener-for-hostname', parentKind, gateway, listener, hostnames }` (IY0206): give the Gateway (or
 * ListenerSet) a listener for the route's first hostname, a copy of the targeted listener (its text: port, protocol, tls,
 * allowedRoutes) under a new name; a parentRef that names its listener by sectionName is pointed at the copy. When the
 * route has one hostname and one parent whose targeted listeners share one hostname, changing the route's hostname
 * to it is offered too.
 */
export const addListenerForHostname: FixProvider = {
  id: 'add-listener-for-hostname',
  fixKind: 'add-listener-for-hostname',
  fixes(finding, { engine, resource }) {
    const parentKind = dataString(finding, 'parentKind');
    const gateway = dataString(finding, 'gateway');
    const listenerName = dataString(finding, 'listener');
    const [hostname] = dataStrings(finding, 'hostnames');
    if (!parentKind || !gateway || !listenerName || !hostname || !resource || !isGatewayApiRoute(resource)) return [];
    const found = enclosingParentRef(resource, finding.range.start);
    if (!found) return [];
    // The finding must still hold: the same parent, rejected for the hostnames, which start with the same one.
    const attachment = attachmentOf(resource, found.ref, engine.workspace.index);
    if (attachment.status !== 'rejected' || attachment.reason !== 'NoMatchingListenerHostname') return [];
    const parent = attachment.parent;
    if (parent.kind !== parentKind || `${parent.namespace}/${parent.name}` !== gateway) return [];
    const hostnames = routeView(resource).hostnames;
    if (hostnames[0]?.value !== hostname) return [];
    const fixes: Fix[] = [];
    const listener = attachment.listeners.find((l) => l.name?.value === listenerName);
    const added = listener && addListener(resource, found.ref.sectionName, parent, listener, hostname);
    if (added) fixes.push(added);
    const targetHosts = [...new Set(attachment.listeners.map((l) => l.hostname?.value.trim().toLowerCase() ?? ''))];
    if (hostnames.length === 1 && routeView(resource).parentRefs.length === 1 && targetHosts.length === 1 && targetHosts[0]) {
      fixes.push({
        title: `Change the route hostname to ${targetHosts[0]}`,
        changes: { [resource.uri]: [replaceScalar(resource.file.text, hostnames[0].range, targetHosts[0])] },
      });
    }
    return fixes;
  },
};

function addListener(route: Resource, sectionName: ListenerView['name'], parent: Resource, listener: ListenerView, hostname: string): Fix | undefined {
  const host = hostname.trim().toLowerCase();
  const owner = listenerOwnerView(parent);
  // A listener on that port already serving exactly this hostname would conflict with the copy (the route targets another).
  if (owner.listeners.some((l) => l.port?.value === listener.port?.value && (l.hostname?.value.trim().toLowerCase() ?? '') === host)) return undefined;
  if (!listener.name || !listener.hostname) return undefined;
  const seq = asSeq(getValue(asMap(getValue(parent.root, 'spec')), 'listeners'));
  const map = seq?.items.map(asMap).find((m): m is YAMLMap => m?.range?.[0] === listener.range.start);
  if (!seq || !map) return undefined;
  const text = parent.file.text;
  const eol = eolOf(text);
  const name = uniqueListenerName(owner.listeners, `${listener.name.value}-${slug(host)}`);
  const copy = copyListener(text, map, [
    { ...replaceScalar(text, listener.name.range, name) },
    { ...replaceScalar(text, listener.hostname.range, hostname.trim()) },
  ]);
  if (!copy) return undefined;
  if (seq.flow && copy.length > 1) return undefined;
  const edit = appendToSequence(text, seq, copy, copy[0], eol);
  if (!edit) return undefined;
  const changes: Record<string, OffsetEdit[]> = { [parent.uri]: [edit] };
  let title = `Add listener ${name} for ${hostname.trim()} to ${describeResource(parent)} (a copy of listener ${listener.name.value})`;
  if (sectionName) {
    (changes[route.uri] ??= []).push(replaceScalar(route.file.text, sectionName.range, name));
    title += ` and target it in sectionName`;
  }
  return { title, changes };
}

/**
 * The listener's text with `edits` (inside it) applied, as lines relative to its first key's column: what
 * `appendToSequence` lays out as a new item. Undefined if a line sits left of that column (it would not re-indent).
 */
function copyListener(text: string, map: YAMLMap, edits: OffsetEdit[]): string[] | undefined {
  const { start, end } = rangeOf(map);
  const stop = contentLineEnd(text, start, end);
  const local = edits.map((e) => ({ start: e.start - start, end: e.end - start, newText: e.newText }));
  if (local.some((e) => e.start < 0 || e.end > stop - start)) return undefined;
  const lines = applyOffsetEdits(text.slice(start, stop), local).split(/\r?\n/);
  const column = columnAt(text, start);
  const out = [lines[0]];
  for (const line of lines.slice(1)) {
    if (!line.trim()) out.push('');
    else if (line.slice(0, column).trim()) return undefined;
    else out.push(line.slice(column));
  }
  return out;
}

/** A host name as listener-name characters: `*.shop.example.com` → `wildcard-shop-example-com`. */
function slug(host: string): string {
  return host
    .replace(/\*/g, 'wildcard')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

const maxNameLength = 63;

function uniqueListenerName(listeners: readonly ListenerView[], base: string): string {
  const trim = (n: string, length: number) => n.slice(0, length).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const taken = new Set(listeners.map((l) => l.name?.value));
  const first = trim(base.toLowerCase(), maxNameLength) || 'listener';
  if (!taken.has(first)) return first;
  for (let i = 2; ; i++) {
    const candidate = `${trim(first, maxNameLength - String(i).length - 1)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}
