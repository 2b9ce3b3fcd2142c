import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { isPlainSafe, literalValueSpan, quoteStyleAt, replaceScalar } from '../engine/edit/scalars';
import type { OffsetEdit } from '../engine/edit/text-edit';
import { resolveServiceHost } from '../engine/hosts';
import { listenerOwnerOf, listenersNamed, type ObjectKey } from '../engine/model/gateway-api/navigation';
import { gatewayApiGroup } from '../engine/model/gateway-api/views';
import { siteAt } from '../engine/model/references';
import { destinationRuleView, virtualServiceView } from '../engine/model/istio-views';
import type { Resource } from '../engine/model/resource';
import { hasPlaceholder } from '../engine/text/templating';
import { networkingGroup, type IndexLookups } from '../engine/workspace/resource-index';
import { toLspRange } from './lsp-convert';
import { symbolOccurrences, type Occurrence, type SymbolOccurrenceKind } from './references';

export type PrepareRenameOutcome = { range: Range; placeholder: string } | { error: string };
export type RenameOutcome = { edit: WorkspaceEdit } | { error: string };

const notRenamable =
  'Only Gateways, ListenerSets, listeners, Services and DestinationRule subsets can be renamed: place the cursor on a Gateway name, a VirtualService gateways entry, a route parentRef name or sectionName, a backendRef name, a listener name, a subset name or a route subset.';

/** Gateway and subset names must be DNS-1123 labels; a dot would also turn a `gateways` entry into the legacy `name.namespace` form. */
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Service names are DNS-1035 labels (they start with a letter). */
const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Listener names (a parentRef's sectionName) are DNS-1123 subdomains. */
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const nameRules: Record<Exclude<SymbolOccurrenceKind, 'service-entry'>, { what: string; pattern: RegExp; rule: string }> = {
  gateway: { what: 'Gateway', pattern: dnsLabel, rule: 'use lowercase letters, digits and "-" (a DNS-1123 label)' },
  'listener-set': { what: 'ListenerSet', pattern: dnsLabel, rule: 'use lowercase letters, digits and "-" (a DNS-1123 label)' },
  subset: { what: 'subset', pattern: dnsLabel, rule: 'use lowercase letters, digits and "-" (a DNS-1123 label)' },
  service: { what: 'Service', pattern: dns1035Label, rule: 'start with a letter, then lowercase letters, digits and "-" (a DNS-1035 label)' },
  listener: { what: 'listener', pattern: dnsSubdomain, rule: 'use lowercase letters, digits, "-" and "." (a DNS-1123 subdomain)' },
};

/** Whether the name under the cursor can be renamed, and the span of it (only the name in `ns/name`). */
export function prepareRename(engine: Engine, uri: string, offset: number): PrepareRenameOutcome {
  const state = engine.workspace.file(uri);
  const site = siteAt(engine.workspace, uri, offset);
  if (!state || !site) return { error: notRenamable };
  if (site.kind === 'mesh') return { error: '"mesh" is reserved (the sidecars of the mesh), not a Gateway name.' };
  if (site.kind === 'destination-host') return { error: 'Hosts are not renamed here. ' + notRenamable };
  if (site.kind === 'grant-to' || site.kind === 'grant-from' || site.kind === 'backend-namespace') return { error: 'ReferenceGrant entries and namespaces are not renamed here. ' + notRenamable };
  const found = symbolOccurrences(engine, uri, offset);
  if (!found) return { error: notRenamable };
  if (found.kind === 'service-entry') return { error: 'ServiceEntries are not renamed here: routes and clients reach them by their hosts. ' + notRenamable };
  if (!found.occurrences.some((o) => o.declaration)) return { error: undeclared(found.kind, found.name) };
  const templated = found.occurrences.find((o) => hasPlaceholder(o.value));
  if (hasPlaceholder(found.name) || templated) {
    return { error: `"${templated?.value ?? found.name}" is a placeholder filled in when the manifests are rendered: rename it where its value is set.` };
  }
  const here = found.occurrences.find((o) => o.uri === uri && o.range.start <= offset && offset <= o.range.end);
  if (!here) return { error: notRenamable };
  if (found.kind === 'service' && found.key) {
    const users = hostUsers(engine.workspace.index, found.key);
    if (users.length) {
      return { error: `Service ${found.key.namespace}/${found.name} is also named by host in ${users.map((r) => `${r.kind} ${r.namespace}/${r.name}`).join(', ')}: a rename here would leave those hosts behind. Rename them by hand.` };
    }
  }
  const text = state.parsed.text;
  const span = namePart(text, here) ?? here.range;
  return { range: toLspRange(state.parsed.lines, span), placeholder: found.name };
}

function undeclared(kind: SymbolOccurrenceKind, name: string): string {
  switch (kind) {
    case 'subset':
      return `Subset "${name}" is not defined by a DestinationRule for this host: there is nothing to rename.`;
    case 'listener':
      return `Listener "${name}" is not defined by the Gateway or ListenerSet this parentRef names: there is nothing to rename.`;
    default:
      return `${nameRules[kind === 'service-entry' ? 'service' : kind].what} "${name}" is not defined in the workspace: there is nothing to rename.`;
  }
}

/** Renames a Gateway, ListenerSet, listener, Service or subset: its definitions and every reference across files, each reference keeping its form. */
export function doRename(engine: Engine, uri: string, offset: number, newName: string): RenameOutcome {
  const prepared = prepareRename(engine, uri, offset);
  if ('error' in prepared) return prepared;
  const found = symbolOccurrences(engine, uri, offset);
  if (!found || found.kind === 'service-entry') return { error: notRenamable };
  const name = newName.trim();
  const rules = nameRules[found.kind];
  if (!rules.pattern.test(name)) return { error: `"${newName}" is not a valid ${rules.what} name: ${rules.rule}.` };
  if (name === found.name) return { edit: { changes: {} } };
  const conflict = conflictOf(engine, uri, offset, found.kind, found.key, name);
  if (conflict) return { error: conflict };

  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of found.occurrences) {
    const state = engine.workspace.file(occurrence.uri);
    if (!state) continue;
    const edit = renameEdit(state.parsed.text, occurrence, name);
    (changes[occurrence.uri] ??= []).push({ range: toLspRange(state.parsed.lines, edit), newText: edit.newText });
  }
  return { edit: { changes } };
}

/** A Gateway reference's name part: `name`, `ns/name` or the legacy `name.ns`. */
function nameOfReference(value: string): { start: number; end: number } {
  const trimmedStart = value.length - value.trimStart().length;
  const trimmed = value.trim();
  const slash = trimmed.indexOf('/');
  if (slash >= 0) return { start: trimmedStart + slash + 1, end: trimmedStart + trimmed.length };
  const dot = trimmed.indexOf('.');
  return { start: trimmedStart, end: trimmedStart + (dot >= 0 ? dot : trimmed.length) };
}

/** The text span of the name inside a scalar, when the scalar spells its value literally. */
function namePart(text: string, occurrence: Occurrence): OffsetRange | undefined {
  const span = literalValueSpan(text, occurrence.range, occurrence.value);
  if (!span) return undefined;
  if (!occurrence.qualified) return span;
  const part = nameOfReference(occurrence.value);
  return { start: span.start + part.start, end: span.start + part.end };
}

function renameEdit(text: string, occurrence: Occurrence, name: string): OffsetEdit {
  const part = namePart(text, occurrence);
  const value = occurrence.qualified ? spliceName(occurrence.value, name) : name;
  // A literal name part is replaced alone, which keeps quotes, the `ns/` prefix and any legacy suffix as written;
  // a plain scalar that would stop being a string (`123`, `true`) gets quotes instead.
  if (part && (quoteStyleAt(text, occurrence.range) !== '' || isPlainSafe(value))) return { ...part, newText: name };
  return replaceScalar(text, occurrence.range, value);
}

function spliceName(value: string, name: string): string {
  const part = nameOfReference(value);
  return value.slice(0, part.start) + name + value.slice(part.end);
}

/** VirtualServices and DestinationRules naming the Service by host: a rename of Gateway API references would strand them. */
function hostUsers(index: IndexLookups, key: ObjectKey): Resource[] {
  const fqdn = resolveServiceHost(key.name, key.namespace);
  const virtualServices = index
    .ofKind(networkingGroup, 'VirtualService')
    .filter((vs) => virtualServiceView(vs).destinations.some((d) => resolveServiceHost(d.host.value, vs.namespace) === fqdn));
  const rules = index.forHost(networkingGroup, 'DestinationRule', fqdn).filter((dr) => {
    const host = destinationRuleView(dr).host;
    return host !== undefined && resolveServiceHost(host.value, dr.namespace) === fqdn;
  });
  return [...virtualServices, ...rules];
}

function conflictOf(engine: Engine, uri: string, offset: number, kind: SymbolOccurrenceKind, key: ObjectKey | undefined, name: string): string | undefined {
  const index = engine.workspace.index;
  if (key) {
    if (kind === 'listener') {
      const owner = listenerOwnerOf(index, key);
      return owner && listenersNamed(owner, name).length ? `${key.kind} ${key.namespace}/${key.name} already has a listener "${name}".` : undefined;
    }
    if (index.find(key.group, key.kind, key.namespace, name).length) return `A ${key.kind} ${key.namespace}/${name} already exists.`;
    // VirtualServices bound to a Gateway API Gateway would bind to an Istio Gateway of the new name instead.
    if (key.group === gatewayApiGroup && key.kind === 'Gateway' && index.find(networkingGroup, 'Gateway', key.namespace, name).length) {
      return `An Istio Gateway ${key.namespace}/${name} already exists.`;
    }
    return undefined;
  }
  const site = siteAt(engine.workspace, uri, offset);
  if (kind === 'gateway') {
    const namespace = site?.kind === 'gateway-name' ? site.resource.namespace : site?.kind === 'gateway-ref' ? site.target.namespace : undefined;
    if (namespace !== undefined && index.find(networkingGroup, 'Gateway', namespace, name).length) return `A Gateway ${namespace}/${name} already exists.`;
    return undefined;
  }
  const found = symbolOccurrences(engine, uri, offset);
  const rules = new Set(
    (found?.occurrences ?? [])
      .filter((o) => o.declaration)
      .map((o) => engine.workspace.file(o.uri)?.resources.find((r) => r.range.start <= o.range.start && o.range.end <= r.range.end))
      .filter((r) => r !== undefined),
  );
  for (const rule of rules) {
    if (destinationRuleView(rule).subsets.some((s) => s.name.value === name)) return `DestinationRule ${rule.namespace}/${rule.name} already has a subset "${name}".`;
  }
  return undefined;
}
