import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { clusterDomain, hostCovers, resolveServiceHost, serviceHostNamespace } from '../engine/hosts';
import { destinationRuleDetails } from '../engine/model/destinationrule-details';
import { virtualServiceView } from '../engine/model/istio-views';
import { formatLabels, serviceView } from '../engine/model/kubernetes-views';
import { visibleDestinationRules } from '../engine/model/references';
import type { Resource } from '../engine/model/resource';
import { serviceWorkloads } from '../engine/model/routing/destinations';
import { serviceEntryView } from '../engine/model/serviceentry-views';
import { networkingGroup, type IndexLookups } from '../engine/workspace/resource-index';
import { closeness, fileName, sourceDetail, type SourceSite } from './completion-sources';
import { closestRule, createSubsetCommand, type CreateSubsetArgs } from './create-subset';
import { reference, servicePortsDoc } from './gateway-api-completion';

/**
 * Hosts a destination or DestinationRule can name: Services (short in the same namespace, else their FQDN),
 * ServiceEntry hosts, and the hosts VirtualServices declare (not wildcards, not those of `self`, the VirtualService
 * being written); each once, the closest source first.
 */
export function hostItems(index: IndexLookups, site: SourceSite & { self?: string }): CompletionItem[] {
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (fqdn: string, label: string, source: Resource, doc: string) => {
    if (seen.has(fqdn)) return;
    seen.add(fqdn);
    items.push(reference(label, sourceDetail(source), doc, closeness(source, site.uri, site.namespace), site.range));
  };
  const shortOrFull = (name: string, namespace: string) => (namespace === site.namespace ? name : `${name}.${namespace}.svc.${clusterDomain}`);
  for (const service of index.ofKind('', 'Service')) {
    if (service.name) add(resolveServiceHost(service.name, service.namespace), shortOrFull(service.name, service.namespace), service, servicePortsDoc(service));
  }
  for (const entry of index.ofKind(networkingGroup, 'ServiceEntry')) {
    for (const host of serviceEntryView(entry).hosts) if (!host.value.startsWith('*')) add(resolveServiceHost(host.value, entry.namespace), host.value, entry, '');
  }
  for (const vs of index.ofKind(networkingGroup, 'VirtualService')) {
    if (vs.uri === site.uri && vs.name === site.self && vs.namespace === site.namespace) continue;
    for (const host of virtualServiceView(vs).hosts) {
      if (host.value.includes('*')) continue;
      const fqdn = resolveServiceHost(host.value, vs.namespace);
      const namespace = serviceHostNamespace(fqdn);
      add(fqdn, namespace === undefined ? host.value : shortOrFull(fqdn.split('.')[0], namespace), vs, `Host of VirtualService ${vs.namespace}/${vs.name}`);
    }
  }
  return items;
}

/** The ports of the Service or ServiceEntries `host` names (resolved from the site's namespace), with name and protocol. */
export function portItems(index: IndexLookups, host: string, site: SourceSite): CompletionItem[] {
  const fqdn = resolveServiceHost(host, site.namespace);
  const items: CompletionItem[] = [];
  const seen = new Set<number>();
  const add = (port: number, name: string | undefined, protocol: string | undefined, source: Resource) => {
    if (seen.has(port)) return;
    seen.add(port);
    const detail = [name, protocol].filter(Boolean).join(' ');
    items.push({
      label: String(port),
      kind: CompletionItemKind.Value,
      detail: `${detail ? `${detail} · ` : ''}${sourceDetail(source)}`,
      textEdit: { range: site.range, newText: String(port) },
      sortText: `${closeness(source, site.uri, site.namespace)}${String(items.length).padStart(3, '0')}`,
    });
  };
  for (const service of index.forHost('', 'Service', fqdn)) {
    for (const p of serviceView(service).ports) if (p.port !== undefined) add(p.port, p.name?.value, p.protocol ?? p.appProtocol, service);
  }
  for (const entry of index.forHost(networkingGroup, 'ServiceEntry', fqdn)) {
    const view = serviceEntryView(entry);
    if (!view.hosts.some((h) => hostCovers(h.value, fqdn))) continue;
    for (const p of view.ports) if (p.number !== undefined) add(p.number, p.name?.value, p.protocol?.value, entry);
  }
  return items;
}

/** Where a destination's `subset` is being completed, with what a "create subset" item's command needs. */
export interface SubsetSite extends SourceSite {
  /** The destination host as written, and the cursor's line in the file. */
  host: string;
  line: number;
  /** What is typed so far: a subset to create when no DestinationRule defines any. */
  partial: string;
}

/** Marks an item whose label follows what is typed: the list must be asked again as the user types. */
export const tracksTyping = 'istio.tracksTyping';

/**
 * The subsets the DestinationRules of the destination's host define (labels in the detail), then "create subset"
 * items: one per `version` label of the host's workloads that no subset covers yet and, when no subset exists at all,
 * the name typed (or `v1`). A create item inserts the name and runs a command that adds the subset to the closest
 * DestinationRule of the host (a new DestinationRule in this file when there is none).
 */
export function subsetItems(index: IndexLookups, site: SubsetSite): CompletionItem[] {
  const rules = visibleDestinationRules(index, site, site.host);
  const items: CompletionItem[] = [];
  const defined = new Set<string>();
  for (const rule of rules) {
    for (const subset of destinationRuleDetails(rule).subsets) {
      const name = subset.name?.value;
      if (!name || defined.has(name)) continue;
      defined.add(name);
      const labels = subset.labels ? formatLabels(subset.labels) : 'no labels';
      items.push(reference(name, `${labels} · ${sourceDetail(rule)}`, '', closeness(rule, site.uri, site.namespace), site.range));
    }
  }
  const versions = workloadVersions(index, resolveServiceHost(site.host, site.namespace));
  const names = [...versions.keys()].filter((v) => !defined.has(v));
  // What is typed becomes a name of its own only when no known version starts so.
  const typed = !defined.size && site.partial && !names.some((n) => n.startsWith(site.partial)) ? site.partial : undefined;
  if (!defined.size && !names.length && !typed) names.push('v1');
  const target = closestRule(rules, { uri: site.uri ?? '', namespace: site.namespace });
  const create = (name: string) => createItem(name, target, versions.get(name), site);
  return [...items, ...names.map(create), ...(typed ? [{ ...create(typed), data: tracksTyping }] : [])];
}

/** The `version` label values of the pods the host's Service selects, each with one workload carrying it. */
function workloadVersions(index: IndexLookups, fqdn: string): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const service of index.forHost('', 'Service', fqdn)) {
    for (const workload of serviceWorkloads(index, service)) {
      const version = workload.labels.version;
      if (version && !out.has(version)) out.set(version, workload.resource);
    }
  }
  return out;
}

function createItem(name: string, rule: Resource | undefined, workload: Resource | undefined, site: SubsetSite): CompletionItem {
  const where = rule ? `add to ${sourceDetail(rule)}` : `new DestinationRule in ${site.uri ? fileName(site.uri) : 'this file'}`;
  const args: CreateSubsetArgs = { uri: site.uri ?? '', line: site.line, host: site.host, subset: name };
  const from = workload ? `\n\nThe label comes from ${workload.kind} ${workload.namespace}/${workload.name} (${fileName(workload.uri)}).` : '';
  return {
    label: name,
    kind: CompletionItemKind.Constructor,
    // A new DestinationRule's label key is sure; an existing one's subsets may use another key than `version`.
    detail: `Create subset ${name}${rule ? '' : ` (version=${name})`} · ${where}`,
    documentation: { kind: 'markdown', value: `Inserts \`${name}\` and defines the subset for \`${site.host}\`, selecting pods labelled \`version: ${name}\` (or the label key the other subsets use).${from}` },
    textEdit: { range: site.range, newText: name },
    // After the defined subsets.
    sortText: `5${name}`,
    ...(site.uri ? { command: { title: `Create subset ${name}`, command: createSubsetCommand, arguments: [args] } } : {}),
  };
}
