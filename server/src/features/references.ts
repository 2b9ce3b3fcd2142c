import type { Location } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import type { OffsetRange } from '../engine/finding';
import {
  keyOf,
  listenerOwnerOf,
  listenersNamed,
  objectDeclarations,
  sectionNamesNaming,
  type NameReference,
  type ObjectKey,
} from '../engine/model/gateway-api/navigation';
import { gatewayApiGroup } from '../engine/model/gateway-api/views';
import { gatewayDeclarations, gatewayReferences, objectReferences, siteAt, subsetSymbol, type GatewayKey } from '../engine/model/references';
import type { Resource } from '../engine/model/resource';
import { toLspRange } from './lsp-convert';

/** A located occurrence of a symbol, in engine offsets. */
export interface Occurrence {
  uri: string;
  range: OffsetRange;
  /** The definition (a Gateway's metadata.name, a subset's name) rather than a use. */
  declaration: boolean;
  /** The value as written. */
  value: string;
  /** A VirtualService `gateways` entry: the name is only part of the value (`ns/name`, `name.ns`). */
  qualified?: boolean;
}

export type SymbolOccurrenceKind = 'gateway' | 'subset' | 'listener' | 'listener-set' | 'service' | 'service-entry';

export interface SymbolOccurrences {
  kind: SymbolOccurrenceKind;
  name: string;
  occurrences: Occurrence[];
  /** Gateway API symbols: the object (for a listener, its Gateway or ListenerSet), defaults applied. */
  key?: ObjectKey;
}

/** The symbol kinds an object key can stand for; other kinds (backends of other controllers) are not navigated by name. */
function objectSymbolKind(key: ObjectKey): SymbolOccurrenceKind | undefined {
  if (key.group === gatewayApiGroup && key.kind === 'Gateway') return 'gateway';
  if (key.group === gatewayApiGroup && key.kind === 'ListenerSet') return 'listener-set';
  if (key.group === '' && key.kind === 'Service') return 'service';
  if (key.group === 'networking.istio.io' && key.kind === 'ServiceEntry') return 'service-entry';
  return undefined;
}

const uses = (references: readonly NameReference[]): Occurrence[] =>
  references.map(({ resource, entry, qualified }) => ({ uri: resource.uri, range: entry.range, declaration: false, value: entry.value, ...(qualified ? { qualified } : {}) }));

/**
 * The symbol under the cursor and every occurrence of it across files, declarations first: an Istio Gateway, a subset,
 * a Gateway API Gateway, ListenerSet, Service or ServiceEntry (by name), a listener (by sectionName).
 */
export function symbolOccurrences(engine: Engine, uri: string, offset: number): SymbolOccurrences | undefined {
  const site = siteAt(engine.workspace, uri, offset);
  const index = engine.workspace.index;
  switch (site?.kind) {
    case 'gateway-name':
    case 'gateway-ref': {
      const key: GatewayKey = site.kind === 'gateway-name' ? { namespace: site.resource.namespace, name: site.resource.name } : site.target;
      const declarations = [...gatewayDeclarations(index, key)];
      // A VirtualService bound to a Gateway API Gateway: that Gateway's symbol, with its routes and waypoint users.
      if (declarations.length && declarations.every((g) => g.group === gatewayApiGroup)) return objectSymbol(engine, { group: gatewayApiGroup, kind: 'Gateway', ...key });
      // A Gateway in a file outside the index (a Kustomize patch) still is the declaration under the cursor.
      if (site.kind === 'gateway-name' && !declarations.includes(site.resource)) declarations.unshift(site.resource);
      return {
        kind: 'gateway',
        name: key.name,
        occurrences: [
          ...declarations.map((r) => ({ uri: r.uri, range: r.anchor, declaration: true, value: r.name })),
          ...uses(gatewayReferences(index, key).map((r) => ({ ...r, qualified: true }))),
        ],
      };
    }
    case 'subset-name':
    case 'subset-use': {
      const symbol = subsetSymbol(index, site);
      return {
        kind: 'subset',
        name: symbol.name,
        occurrences: [
          ...symbol.declarations.map(({ rule, subset }) => ({ uri: rule.uri, range: subset.name.range, declaration: true, value: subset.name.value })),
          ...symbol.uses.map(({ resource, destination }) => ({ uri: resource.uri, range: destination.subset.range, declaration: false, value: destination.subset.value })),
        ],
      };
    }
    case 'object-name':
      return objectSymbol(engine, keyOf(site.resource), site.resource);
    case 'parent-ref':
    case 'backend-ref':
    case 'waypoint-label':
      return objectSymbol(engine, site.target);
    case 'listener-name':
      return listenerSymbol(engine, keyOf(site.resource), site.listener.name.value, site.resource);
    case 'section-ref':
      return listenerSymbol(engine, site.target, site.entry.value);
    default:
      return undefined;
  }
}

function objectSymbol(engine: Engine, key: ObjectKey, here?: Resource): SymbolOccurrences | undefined {
  const kind = objectSymbolKind(key);
  if (!kind || !key.name) return undefined;
  const index = engine.workspace.index;
  const declarations = [...objectDeclarations(index, key)];
  if (here && !declarations.includes(here)) declarations.unshift(here);
  return {
    kind,
    name: key.name,
    key,
    occurrences: [...declarations.map((r) => ({ uri: r.uri, range: r.anchor, declaration: true, value: r.name })), ...uses(objectReferences(index, key))],
  };
}

function listenerSymbol(engine: Engine, owner: ObjectKey, name: string, here?: Resource): SymbolOccurrences | undefined {
  if (owner.group !== gatewayApiGroup || (owner.kind !== 'Gateway' && owner.kind !== 'ListenerSet')) return undefined;
  const index = engine.workspace.index;
  const resource = here ?? listenerOwnerOf(index, owner);
  const declarations = resource ? listenersNamed(resource, name) : [];
  return {
    kind: 'listener',
    name,
    key: owner,
    occurrences: [
      ...declarations.map((l) => ({ uri: resource!.uri, range: l.name.range, declaration: true, value: l.name.value })),
      ...uses(sectionNamesNaming(index, owner, name)),
    ],
  };
}

/**
 * Find references: the VirtualService entries bound to a Gateway, the route destinations using a subset, the route
 * parentRefs, backendRefs, sectionNames and use-waypoint labels naming a Gateway API object or listener.
 */
export function doReferences(engine: Engine, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const found = symbolOccurrences(engine, uri, offset);
  if (!found) return [];
  const out: Location[] = [];
  for (const occurrence of found.occurrences) {
    if (occurrence.declaration && !includeDeclaration) continue;
    const lines = engine.workspace.file(occurrence.uri)?.parsed.lines;
    if (lines) out.push({ uri: occurrence.uri, range: toLspRange(lines, occurrence.range) });
  }
  return out;
}
