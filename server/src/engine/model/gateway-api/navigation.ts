import type { OffsetRange } from '../../finding';
import { asMap, asSeq, getValue, locatedString, type LocatedString } from '../../parse/yaml-nodes';
import type { IndexLookups } from '../../workspace/resource-index';
import type { Resource } from '../resource';
import { waypointLabelOf } from '../waypoint-labels';
import { listenerParent, parentKey, type ParentKey } from './attachment';
import { backendKey, grantsAllowing } from './backends';
import {
  gatewayApiGroup,
  isGatewayApi,
  isGatewayApiRoute,
  listenerOwnerView,
  routeKinds,
  routeView,
  type BackendRefView,
  type ListenerView,
  type ObjectRefView,
} from './views';

/**
 * Which Gateway API (and ambient) node names what: the navigation half of the model (go to definition, references,
 * rename, lenses), resolved with the same defaults as the checks (`parentKey`, `backendKey`).
 */

/** group/kind/namespace/name of a Kubernetes object, defaults applied. */
export type ObjectKey = ParentKey;

export type NamedListener = ListenerView & { name: LocatedString };

export interface GrantTo {
  group: string;
  kind: string;
  name?: string;
}

export interface GrantFrom {
  group: string;
  kind: string;
  namespace: string;
}

/** A navigable node of a Gateway API resource, or an `istio.io/use-waypoint` label. */
export type GatewayApiSite =
  /** A route parentRef's `name` (or a ListenerSet's `spec.parentRef.name`). */
  | { kind: 'parent-ref'; resource: Resource; entry: LocatedString; target: ObjectKey }
  /** A route parentRef's `sectionName`: a listener of the parent. */
  | { kind: 'section-ref'; resource: Resource; entry: LocatedString; target: ObjectKey }
  /** `metadata.name` of a Gateway API Gateway, a ListenerSet or a Service: a declaration. */
  | { kind: 'object-name'; resource: Resource; range: OffsetRange }
  /** A Gateway's or ListenerSet's listener `name`. */
  | { kind: 'listener-name'; resource: Resource; listener: NamedListener }
  /** A backendRef's `name` (rule backends and RequestMirror backends). */
  | { kind: 'backend-ref'; resource: Resource; entry: LocatedString; target: ObjectKey }
  /** A backendRef's `namespace` other than the route's: the reference a ReferenceGrant must allow. */
  | { kind: 'backend-namespace'; resource: Resource; entry: LocatedString; target: ObjectKey }
  /** A ReferenceGrant `to` entry's `kind` or `name`. */
  | { kind: 'grant-to'; resource: Resource; entry: LocatedString; to: GrantTo }
  /** A ReferenceGrant `from` entry's `kind` or `namespace`. */
  | { kind: 'grant-from'; resource: Resource; entry: LocatedString; from: GrantFrom }
  /** The value of `istio.io/use-waypoint`: a waypoint Gateway. */
  | { kind: 'waypoint-label'; resource: Resource; entry: LocatedString; target: ObjectKey };

/** A node naming an object, and the resource it is in. */
export interface NameReference {
  resource: Resource;
  entry: LocatedString;
  /** A VirtualService `gateways` entry (`ns/name`, `name.ns`): only part of the value is the name. */
  qualified?: boolean;
}

const within = (range: OffsetRange, offset: number) => range.start <= offset && offset <= range.end;

/** Whether two keys name the same object. */
export function sameKey(a: ObjectKey, b: ObjectKey): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** A Gateway API Gateway or ListenerSet: a resource with listeners. */
export function isListenerOwner(resource: Resource): boolean {
  return isGatewayApi(resource, 'Gateway') || isGatewayApi(resource, 'ListenerSet');
}

/** A Kubernetes Service (the core group). */
export function isCoreService(resource: Resource): boolean {
  return resource.group === '' && resource.kind === 'Service';
}

/** The resource's own group/kind/namespace/name. */
export function keyOf(resource: Resource): ObjectKey {
  return { group: resource.group, kind: resource.kind, namespace: resource.namespace, name: resource.name };
}

/** The Gateway API or waypoint node at `offset` of `resource`, if any. */
export function gatewayApiSiteAt(resource: Resource, offset: number): GatewayApiSite | undefined {
  if (isGatewayApiRoute(resource)) return routeSiteAt(resource, offset);
  if (isListenerOwner(resource) || isCoreService(resource)) {
    if (resource.name && within(resource.anchor, offset)) return { kind: 'object-name', resource, range: resource.anchor };
  }
  if (isListenerOwner(resource)) {
    const view = listenerOwnerView(resource);
    for (const listener of view.listeners) {
      if (listener.name && within(listener.name.range, offset)) return { kind: 'listener-name', resource, listener: listener as NamedListener };
    }
    const parent = view.parentRef;
    if (parent?.name && within(parent.name.range, offset)) return { kind: 'parent-ref', resource, entry: parent.name, target: parentKey(parent, resource.namespace) };
  }
  if (isGatewayApi(resource, 'ReferenceGrant')) return grantSiteAt(resource, offset);
  const waypoint = waypointLabelOf(resource);
  if (waypoint && within(waypoint.entry.range, offset)) {
    return { kind: 'waypoint-label', resource, entry: waypoint.entry, target: { group: gatewayApiGroup, kind: 'Gateway', ...waypoint.target } };
  }
  return undefined;
}

function routeSiteAt(resource: Resource, offset: number): GatewayApiSite | undefined {
  const view = routeView(resource);
  for (const ref of view.parentRefs) {
    const target = parentKey(ref, resource.namespace);
    if (ref.name && within(ref.name.range, offset)) return { kind: 'parent-ref', resource, entry: ref.name, target };
    if (ref.sectionName && within(ref.sectionName.range, offset)) return { kind: 'section-ref', resource, entry: ref.sectionName, target };
  }
  for (const backend of allBackendRefs(resource)) {
    const target = backendKey(backend, resource.namespace);
    if (backend.name && within(backend.name.range, offset)) return { kind: 'backend-ref', resource, entry: backend.name, target };
    if (backend.namespace && within(backend.namespace.range, offset) && target.namespace !== resource.namespace) {
      return { kind: 'backend-namespace', resource, entry: backend.namespace, target };
    }
  }
  return undefined;
}

/** A route's backendRefs and RequestMirror backendRefs, rule by rule. */
export function allBackendRefs(route: Resource): BackendRefView[] {
  return routeView(route).rules.flatMap((rule) => [...rule.backendRefs, ...rule.mirrors]);
}

interface LocatedGrantEntry {
  fields: Record<string, LocatedString | undefined>;
}

/** A ReferenceGrant's `from` and `to` entries with their located fields (read from the tree: navigation only). */
function locatedGrant(grant: Resource): { from: LocatedGrantEntry[]; to: LocatedGrantEntry[] } {
  const spec = asMap(getValue(grant.root, 'spec'));
  const entries = (key: string, fields: string[]) =>
    (asSeq(getValue(spec, key))?.items ?? []).map((item) => {
      const map = asMap(item);
      return { fields: Object.fromEntries(fields.map((f) => [f, locatedString(getValue(map, f))])) };
    });
  return { from: entries('from', ['group', 'kind', 'namespace']), to: entries('to', ['group', 'kind', 'name']) };
}

function grantSiteAt(grant: Resource, offset: number): GatewayApiSite | undefined {
  const { from, to } = locatedGrant(grant);
  for (const { fields } of to) {
    const entry = [fields.kind, fields.name].find((f) => f && within(f.range, offset));
    if (!entry || !fields.kind) continue;
    const target: GrantTo = { group: fields.group?.value ?? '', kind: fields.kind.value };
    if (fields.name?.value) target.name = fields.name.value;
    return { kind: 'grant-to', resource: grant, entry, to: target };
  }
  for (const { fields } of from) {
    const entry = [fields.kind, fields.namespace].find((f) => f && within(f.range, offset));
    if (!entry || !fields.kind || !fields.namespace) continue;
    return { kind: 'grant-from', resource: grant, entry, from: { group: fields.group?.value ?? '', kind: fields.kind.value, namespace: fields.namespace.value } };
  }
  return undefined;
}

/** The objects an object key names: a Gateway, ListenerSet, Service, ServiceEntry, or any other kind by its identity. */
export function objectDeclarations(index: IndexLookups, key: ObjectKey): readonly Resource[] {
  if (!key.name) return [];
  // Istio routes a Hostname backend to the ServiceEntry declaring that host.
  if (key.group === 'networking.istio.io' && key.kind === 'Hostname') return index.forHost('networking.istio.io', 'ServiceEntry', key.name.toLowerCase());
  return index.find(key.group, key.kind, key.namespace, key.name);
}

/** Route parentRefs (any namespace, any route kind) whose defaults resolve to `key`. */
export function parentRefsNaming(index: IndexLookups, key: ObjectKey): NameReference[] {
  const out: NameReference[] = [];
  for (const route of index.routesWithParent(key.kind, key.namespace, key.name)) {
    for (const ref of routeView(route).parentRefs) {
      if (ref.name && sameKey(parentKey(ref, route.namespace), key)) out.push({ resource: route, entry: ref.name });
    }
  }
  return out;
}

/** ListenerSets whose `spec.parentRef` resolves to the Gateway `key`. */
export function listenerSetsNaming(index: IndexLookups, key: ObjectKey): NameReference[] {
  if (key.group !== gatewayApiGroup || key.kind !== 'Gateway') return [];
  const out: NameReference[] = [];
  for (const set of index.ofKind(gatewayApiGroup, 'ListenerSet')) {
    const ref = listenerOwnerView(set).parentRef;
    if (ref?.name && sameKey(parentKey(ref, set.namespace), key)) out.push({ resource: set, entry: ref.name });
  }
  return out;
}

/** backendRefs and mirror backendRefs of every route whose defaults resolve to `key` (a Service, usually). */
export function backendRefsNaming(index: IndexLookups, key: ObjectKey): NameReference[] {
  const out: NameReference[] = [];
  for (const kind of routeKinds) {
    for (const route of index.ofKind(gatewayApiGroup, kind)) {
      for (const backend of allBackendRefs(route)) {
        if (backend.name && sameKey(backendKey(backend, route.namespace), key)) out.push({ resource: route, entry: backend.name });
      }
    }
  }
  return out;
}

/** The listener owner (Gateway or ListenerSet) a parentRef key names, when it is one. */
export function listenerOwnerOf(index: IndexLookups, key: ObjectKey): Resource | undefined {
  if (key.group !== gatewayApiGroup || (key.kind !== 'Gateway' && key.kind !== 'ListenerSet') || !key.name) return undefined;
  return listenerParent(index, key);
}

/** The listeners named `name` of an owner (several means a duplicate). */
export function listenersNamed(owner: Resource, name: string): NamedListener[] {
  return listenerOwnerView(owner).listeners.filter((l): l is NamedListener => l.name?.value === name);
}

/** parentRefs naming the owner `key` whose `sectionName` is `name`. */
export function sectionNamesNaming(index: IndexLookups, key: ObjectKey, name: string): NameReference[] {
  const out: NameReference[] = [];
  for (const route of index.routesWithParent(key.kind, key.namespace, key.name)) {
    for (const ref of routeView(route).parentRefs) {
      if (ref.sectionName?.value === name && sameKey(parentKey(ref, route.namespace), key)) out.push({ resource: route, entry: ref.sectionName });
    }
  }
  return out.sort(byPlace);
}

/** File order: by file, then by offset. */
export function byPlace(a: NameReference, b: NameReference): number {
  return a.resource.uri < b.resource.uri ? -1 : a.resource.uri > b.resource.uri ? 1 : a.entry.range.start - b.entry.range.start;
}

/** The objects a ReferenceGrant `to` entry lets others refer to, in the grant's namespace. */
export function grantTargets(index: IndexLookups, grant: Resource, to: GrantTo): readonly Resource[] {
  if (to.name) return index.find(to.group, to.kind, grant.namespace, to.name);
  return index.ofKind(to.group, to.kind).filter((r) => r.namespace === grant.namespace);
}

/**
 * The resources a ReferenceGrant `from` entry stands for: routes (or Gateways, by their certificateRefs) of that kind
 * in that namespace with a reference into the grant's namespace that one of its `to` entries allows.
 */
export function grantReferrers(index: IndexLookups, grant: Resource, from: GrantFrom): Resource[] {
  if (from.group !== gatewayApiGroup) return [];
  const to = locatedGrant(grant).to.map(({ fields }) => ({ group: fields.group?.value ?? '', kind: fields.kind?.value ?? '', name: fields.name?.value }));
  const allowed = (key: ObjectKey) => key.namespace === grant.namespace && to.some((t) => t.group === key.group && t.kind === key.kind && (!t.name || t.name === key.name));
  const inNamespace = index.ofKind(gatewayApiGroup, from.kind).filter((r) => r.namespace === from.namespace);
  if (from.kind === 'Gateway') {
    return inNamespace.filter((gw) =>
      listenerOwnerView(gw).listeners.some((l) => l.tls?.certificateRefs.some((ref) => allowed(certificateKey(ref, gw.namespace))) ?? false),
    );
  }
  return inNamespace.filter((route) => isGatewayApiRoute(route) && allBackendRefs(route).some((b) => allowed(backendKey(b, route.namespace))));
}

/** A listener certificateRef with its defaults (kind Secret of the core group, the Gateway's namespace). */
function certificateKey(ref: ObjectRefView, gatewayNamespace: string): ObjectKey {
  return { group: ref.group?.value ?? '', kind: ref.kind?.value ?? 'Secret', namespace: ref.namespace?.value ?? gatewayNamespace, name: ref.name?.value ?? '' };
}

/** The ReferenceGrants that allow a route's cross-namespace backendRef. */
export function grantsForBackend(index: IndexLookups, route: Resource, target: ObjectKey): Resource[] {
  return grantsAllowing(index, { fromKind: route.kind, fromNamespace: route.namespace, to: target });
}
