import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, scalarText, type LocatedString } from '../../parse/yaml-nodes';
import { labelsOf, type Labels } from '../kubernetes-views';
import type { Resource } from '../resource';
import { SharedView } from '../shared-view';

/**
 * Plain-data views of the Gateway API kinds (gateway.networking.k8s.io), with the API server's defaults applied
 * where a check needs them and the located nodes a finding points at. Shared views: lookups read them without trees.
 */

export const gatewayApiGroup = 'gateway.networking.k8s.io';

/** The route kinds, each with its protocol family (what listeners can carry it). */
export const routeKinds = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;
export type RouteKind = (typeof routeKinds)[number];

export interface LocatedNumber {
  value: number;
  range: OffsetRange;
}

/** group/kind/name/namespace of an object reference; group and kind as written (defaults are the caller's). */
export interface ObjectRefView {
  group?: LocatedString;
  kind?: LocatedString;
  name?: LocatedString;
  namespace?: LocatedString;
  /** The reference's map. */
  range: OffsetRange;
}

export interface LabelSelectorView {
  matchLabels: Labels;
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>;
}

export interface ListenerView {
  name?: LocatedString;
  port?: LocatedNumber;
  protocol?: LocatedString;
  /** Absent or empty: every host. */
  hostname?: LocatedString;
  tls?: { mode?: LocatedString; certificateRefs: ObjectRefView[]; range: OffsetRange };
  /** `allowedRoutes.namespaces.from` as written; absent means Same. */
  from?: LocatedString;
  selector?: LabelSelectorView;
  /** `allowedRoutes.kinds` as written; undefined when absent (the protocol decides). */
  kinds?: Array<{ group?: string; kind: LocatedString }>;
  /** The listener's item. */
  range: OffsetRange;
}

export interface ListenerOwnerView {
  /** Gateway only. */
  className?: LocatedString;
  /** ListenerSet only: the Gateway it attaches to. */
  parentRef?: ObjectRefView;
  listeners: ListenerView[];
  /** `spec.addresses[].value` of a Gateway. */
  addresses: string[];
  /** A Gateway's `spec.allowedListeners.namespaces` (which ListenerSets may attach; absent means None). */
  allowedListeners?: { from?: LocatedString; selector?: LabelSelectorView; range: OffsetRange };
}

export interface ParentRefView extends ObjectRefView {
  sectionName?: LocatedString;
  port?: LocatedNumber;
}

export interface BackendRefView extends ObjectRefView {
  port?: LocatedNumber;
  /** Absent means 1. */
  weight?: LocatedNumber;
}

export interface RouteRuleView {
  name?: LocatedString;
  backendRefs: BackendRefView[];
  /** RequestMirror filters' backendRef (rule-level and per-backend filters). */
  mirrors: BackendRefView[];
  range: OffsetRange;
}

export interface RouteView {
  hostnames: LocatedString[];
  parentRefs: ParentRefView[];
  rules: RouteRuleView[];
}

export interface ReferenceGrantView {
  from: Array<{ group: string; kind: string; namespace: string }>;
  to: Array<{ group: string; kind: string; name?: string }>;
}

export function isGatewayApi(resource: Resource, kind: string): boolean {
  return resource.group === gatewayApiGroup && resource.kind === kind;
}

export function isRouteKind(kind: string): kind is RouteKind {
  return (routeKinds as readonly string[]).includes(kind);
}

export function isGatewayApiRoute(resource: Resource): boolean {
  return resource.group === gatewayApiGroup && isRouteKind(resource.kind);
}

function locatedNumber(node: unknown): LocatedNumber | undefined {
  if (!isScalar(node)) return undefined;
  const text = scalarText(node);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return { value: Number(text), range: rangeOf(node) };
}

function readObjectRef(map: YAMLMap): ObjectRefView {
  const out: ObjectRefView = { range: rangeOf(map) };
  for (const field of ['group', 'kind', 'name', 'namespace'] as const) {
    const value = locatedString(getValue(map, field));
    if (value) out[field] = value;
  }
  return out;
}

function maps(node: unknown): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const item of asSeq(node)?.items ?? []) {
    const map = asMap(item);
    if (map) out.push(map);
  }
  return out;
}

function readSelector(node: Node | undefined, resource: Resource): LabelSelectorView | undefined {
  const map = asMap(node);
  if (!map) return undefined;
  const matchExpressions = maps(getValue(map, 'matchExpressions')).map((e) => ({
    key: scalarText(getValue(e, 'key')) ?? '',
    operator: scalarText(getValue(e, 'operator')) ?? '',
    values: (asSeq(getValue(e, 'values'))?.items ?? []).map(scalarText).filter((v): v is string => v !== undefined),
  }));
  return { matchLabels: labelsOf(getValue(map, 'matchLabels'), resource.document.yaml) ?? {}, matchExpressions };
}

function readListener(map: YAMLMap, resource: Resource): ListenerView {
  const out: ListenerView = { range: rangeOf(map) };
  const name = locatedString(getValue(map, 'name'));
  if (name) out.name = name;
  const port = locatedNumber(getValue(map, 'port'));
  if (port) out.port = port;
  const protocol = locatedString(getValue(map, 'protocol'));
  if (protocol) out.protocol = protocol;
  const hostname = locatedString(getValue(map, 'hostname'));
  if (hostname && hostname.value.trim()) out.hostname = hostname;
  const tls = asMap(getValue(map, 'tls'));
  if (tls) {
    const view: NonNullable<ListenerView['tls']> = { certificateRefs: maps(getValue(tls, 'certificateRefs')).map(readObjectRef), range: rangeOf(tls) };
    const mode = locatedString(getValue(tls, 'mode'));
    if (mode) view.mode = mode;
    out.tls = view;
  }
  const allowed = asMap(getValue(map, 'allowedRoutes'));
  const namespaces = asMap(getValue(allowed, 'namespaces'));
  const from = locatedString(getValue(namespaces, 'from'));
  if (from) out.from = from;
  const selector = readSelector(getValue(namespaces, 'selector'), resource);
  if (selector) out.selector = selector;
  const kindsEntry = getEntry(allowed, 'kinds');
  if (kindsEntry && asSeq(kindsEntry.value)?.items.length) {
    out.kinds = [];
    for (const kindMap of maps(kindsEntry.value)) {
      const kind = locatedString(getValue(kindMap, 'kind'));
      if (!kind) continue;
      const group = scalarText(getValue(kindMap, 'group'));
      out.kinds.push(group === undefined ? { kind } : { group, kind });
    }
  }
  return out;
}

function readListenerOwner(resource: Resource): ListenerOwnerView {
  const spec = asMap(getValue(resource.root, 'spec'));
  const view: ListenerOwnerView = { listeners: maps(getValue(spec, 'listeners')).map((m) => readListener(m, resource)), addresses: [] };
  const className = locatedString(getValue(spec, 'gatewayClassName'));
  if (className) view.className = className;
  const parent = asMap(getValue(spec, 'parentRef'));
  if (parent) view.parentRef = readObjectRef(parent);
  const allowed = asMap(getValue(spec, 'allowedListeners'));
  if (allowed) {
    const namespaces = asMap(getValue(allowed, 'namespaces'));
    const entry: NonNullable<ListenerOwnerView['allowedListeners']> = { range: rangeOf(allowed) };
    const from = locatedString(getValue(namespaces, 'from'));
    if (from) entry.from = from;
    const selector = readSelector(getValue(namespaces, 'selector'), resource);
    if (selector) entry.selector = selector;
    view.allowedListeners = entry;
  }
  for (const address of maps(getValue(spec, 'addresses'))) {
    const value = scalarText(getValue(address, 'value'));
    if (value) view.addresses.push(value);
  }
  return view;
}

function readBackendRef(map: YAMLMap): BackendRefView {
  const out: BackendRefView = readObjectRef(map);
  const port = locatedNumber(getValue(map, 'port'));
  if (port) out.port = port;
  const weight = locatedNumber(getValue(map, 'weight'));
  if (weight) out.weight = weight;
  return out;
}

function mirrorsOf(filters: unknown): BackendRefView[] {
  const out: BackendRefView[] = [];
  for (const filter of maps(filters)) {
    const backend = asMap(getValue(asMap(getValue(filter, 'requestMirror')), 'backendRef'));
    if (backend) out.push(readBackendRef(backend));
  }
  return out;
}

function readRoute(resource: Resource): RouteView {
  const spec = asMap(getValue(resource.root, 'spec'));
  const hostnames: LocatedString[] = [];
  for (const item of asSeq(getValue(spec, 'hostnames'))?.items ?? []) {
    const host = locatedString(item);
    if (host) hostnames.push(host);
  }
  const parentRefs = maps(getValue(spec, 'parentRefs')).map((map) => {
    const ref: ParentRefView = readObjectRef(map);
    const sectionName = locatedString(getValue(map, 'sectionName'));
    if (sectionName) ref.sectionName = sectionName;
    const port = locatedNumber(getValue(map, 'port'));
    if (port) ref.port = port;
    return ref;
  });
  const rules = maps(getValue(spec, 'rules')).map((rule) => {
    const backends = maps(getValue(rule, 'backendRefs'));
    const view: RouteRuleView = {
      backendRefs: backends.map(readBackendRef),
      mirrors: [...mirrorsOf(getValue(rule, 'filters')), ...backends.flatMap((b) => mirrorsOf(getValue(b, 'filters')))],
      range: rangeOf(rule),
    };
    const name = locatedString(getValue(rule, 'name'));
    if (name) view.name = name;
    return view;
  });
  return { hostnames, parentRefs, rules };
}

function readReferenceGrant(resource: Resource): ReferenceGrantView {
  const spec = asMap(getValue(resource.root, 'spec'));
  const text = (map: YAMLMap, key: string) => scalarText(getValue(map, key)) ?? '';
  return {
    from: maps(getValue(spec, 'from')).map((m) => ({ group: text(m, 'group'), kind: text(m, 'kind'), namespace: text(m, 'namespace') })),
    to: maps(getValue(spec, 'to')).map((m) => {
      const name = scalarText(getValue(m, 'name'));
      return name ? { group: text(m, 'group'), kind: text(m, 'kind'), name } : { group: text(m, 'group'), kind: text(m, 'kind') };
    }),
  };
}

const listenerOwners = new SharedView('gatewayApiListeners', (r) => isGatewayApi(r, 'Gateway') || isGatewayApi(r, 'ListenerSet'), readListenerOwner);
const routes = new SharedView('gatewayApiRoute', isGatewayApiRoute, readRoute);
const grants = new SharedView('referenceGrant', (r) => isGatewayApi(r, 'ReferenceGrant'), readReferenceGrant);
const classes = new SharedView('gatewayClass', (r) => isGatewayApi(r, 'GatewayClass'), (r) => ({
  controllerName: scalarText(getValue(asMap(getValue(r.root, 'spec')), 'controllerName')),
}));
const metadataLabels = new SharedView('metadataLabels', (r) => labelledKinds.has(r.kind), (r) => ({
  labels: labelsOf(getValue(asMap(getValue(r.root, 'metadata')), 'labels'), r.document.yaml) ?? {},
}));

/** Kinds whose own `metadata.labels` the Gateway API and ambient checks read (namespace selectors, waypoints). */
const labelledKinds = new Set(['Namespace', 'Service', 'ServiceEntry', 'Pod', 'WorkloadEntry', 'Gateway', 'GatewayClass']);

/** A Gateway's or ListenerSet's listeners. */
export function listenerOwnerView(resource: Resource): ListenerOwnerView {
  return listenerOwners.of(resource);
}

/** An HTTPRoute's, GRPCRoute's, TLSRoute's, TCPRoute's or UDPRoute's hostnames, parents and backends. */
export function routeView(resource: Resource): RouteView {
  return routes.of(resource);
}

export function referenceGrantView(resource: Resource): ReferenceGrantView {
  return grants.of(resource);
}

export function gatewayClassController(resource: Resource): string | undefined {
  return classes.of(resource).controllerName;
}

/** `metadata.labels` of a Namespace, Service, ServiceEntry, Pod, WorkloadEntry, Gateway or GatewayClass; {} for other kinds. */
export function metadataLabelsOf(resource: Resource): Labels {
  return labelledKinds.has(resource.kind) ? metadataLabels.of(resource).labels : {};
}
