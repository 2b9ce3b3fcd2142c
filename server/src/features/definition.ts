import type { Location, LocationLink } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import { resolveServiceHost } from '../engine/hosts';
import { isExportedTo } from '../engine/model/export-to';
import { grantReferrers, grantsForBackend, grantTargets, listenerOwnerOf, listenersNamed, objectDeclarations } from '../engine/model/gateway-api/navigation';
import { gatewayDeclarations, siteAt, subsetDeclarations, visibleDestinationRules } from '../engine/model/references';
import type { Resource } from '../engine/model/resource';
import { serviceEntryView } from '../engine/model/serviceentry-views';
import { asMap, asSeq, getValue, rangeOf } from '../engine/parse/yaml-nodes';
import { networkingGroup } from '../engine/workspace/resource-index';
import { toLspRange } from './lsp-convert';

/** A definition target: the whole thing (for the peek) and the part to select (its name). */
export interface DefinitionTarget {
  uri: string;
  range: OffsetRange;
  selection: OffsetRange;
}

/**
 * Where the reference under the cursor points: a `gateways` entry to its Gateway, a destination
 * `host` to the DestinationRules, ServiceEntries and Service for that host, a `subset` to its definition; a Gateway API
 * parentRef to its Gateway, ListenerSet or Service and its `sectionName` to the listener, a backendRef to its Service
 * (its cross-namespace `namespace` to the ReferenceGrants allowing it), a ReferenceGrant entry to the objects it
 * lets be referred to or the routes and Gateways it lets refer, a use-waypoint label to the waypoint Gateway.
 */
export function findDefinitions(engine: Engine, uri: string, offset: number): { origin: OffsetRange; targets: DefinitionTarget[] } | undefined {
  const site = siteAt(engine.workspace, uri, offset);
  const index = engine.workspace.index;
  switch (site?.kind) {
    case 'gateway-ref':
      return { origin: site.entry.range, targets: gatewayDeclarations(index, site.target).map(wholeResource) };
    case 'destination-host': {
      const vs = site.resource;
      const fqdn = resolveServiceHost(site.destination.host.value, vs.namespace);
      const entries = index
        .forHost(networkingGroup, 'ServiceEntry', fqdn)
        .filter((entry) => isExportedTo(serviceEntryView(entry).exportTo, entry.namespace, vs.namespace));
      const resources = [...visibleDestinationRules(index, vs, site.destination.host.value), ...entries, ...index.forHost('', 'Service', fqdn)];
      return { origin: site.destination.host.range, targets: resources.map(wholeResource) };
    }
    case 'subset-use':
      return {
        origin: site.destination.subset.range,
        targets: subsetDeclarations(index, site.resource, site.destination).map(({ rule, subset }) => ({
          uri: rule.uri,
          range: subsetItemRange(rule, subset.name.range),
          selection: subset.name.range,
        })),
      };
    case 'parent-ref':
    case 'backend-ref':
    case 'waypoint-label':
      return { origin: site.entry.range, targets: objectDeclarations(index, site.target).map(wholeResource) };
    case 'section-ref': {
      const owner = listenerOwnerOf(index, site.target);
      const listeners = owner ? listenersNamed(owner, site.entry.value) : [];
      return { origin: site.entry.range, targets: listeners.map((l) => ({ uri: owner!.uri, range: l.range, selection: l.name.range })) };
    }
    case 'backend-namespace':
      return { origin: site.entry.range, targets: grantsForBackend(index, site.resource, site.target).map(wholeResource) };
    case 'grant-to':
      return { origin: site.entry.range, targets: grantTargets(index, site.resource, site.to).map(wholeResource) };
    case 'grant-from':
      return { origin: site.entry.range, targets: grantReferrers(index, site.resource, site.from).map(wholeResource) };
    default:
      return undefined;
  }
}

/** Go to definition as LSP locations, or as links (with the origin underlined) when the client supports them. */
export function doDefinition(engine: Engine, uri: string, offset: number, linkSupport = false): Location[] | LocationLink[] {
  const found = findDefinitions(engine, uri, offset);
  const origin = engine.workspace.file(uri);
  if (!found || !origin) return [];
  const out: Array<Location | LocationLink> = [];
  for (const target of found.targets) {
    const lines = engine.workspace.file(target.uri)?.parsed.lines;
    if (!lines) continue;
    if (!linkSupport) {
      out.push({ uri: target.uri, range: toLspRange(lines, target.selection) });
      continue;
    }
    out.push({
      originSelectionRange: toLspRange(origin.parsed.lines, found.origin),
      targetUri: target.uri,
      targetRange: toLspRange(lines, target.range),
      targetSelectionRange: toLspRange(lines, target.selection),
    });
  }
  return out as Location[] | LocationLink[];
}

function wholeResource(resource: Resource): DefinitionTarget {
  const root = resource.root.range ? rangeOf(resource.root) : resource.range;
  // The selection must lie inside the range (LSP); the anchor always does, the root map nearly always.
  const range = root.start <= resource.anchor.start && resource.anchor.end <= root.end ? root : resource.range;
  return { uri: resource.uri, range, selection: resource.anchor };
}

/** The span of the subset's list item (its map), falling back to the name. */
function subsetItemRange(rule: Resource, name: OffsetRange): OffsetRange {
  const items = (asSeq(getValue(asMap(getValue(rule.root, 'spec')), 'subsets'))?.items ?? []).map(asMap);
  const item = items.find((m) => m?.range && m.range[0] <= name.start && name.end <= m.range[1]);
  return item ? rangeOf(item) : name;
}
