import { plainData } from '../parse/plain-data';
import { isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, type LocatedString } from '../parse/yaml-nodes';
import type { Resource } from './resource';
import { TreeView } from './tree-view';

/** The rules of a VirtualService (http, tcp, tls), with their route entries and matches, located. */

export type RouteProtocol = 'http' | 'tcp' | 'tls';

export interface RouteEntry {
  /** The `destination` key of the entry, else the entry itself. */
  anchor: OffsetRange;
  host?: LocatedString;
  subset?: LocatedString;
  /** `destination.port.number`, when it is an integer. */
  port?: { number: number; range: OffsetRange };
  /** `weight`; `value` is undefined when it is not a plain integer (a placeholder, a string). */
  weight?: { value: number | undefined; raw: string; range: OffsetRange };
}

export interface MatchEntry {
  index: number;
  range: OffsetRange;
  /** The match as plain data; undefined when it is not a map or cannot be read (then nothing is concluded from it). */
  value: Record<string, unknown> | undefined;
}

export interface RouteRule {
  protocol: RouteProtocol;
  /** Position in its protocol's list. */
  index: number;
  name?: LocatedString;
  /** Where a finding about the rule points: its `name` value, else its first key. */
  anchor: OffsetRange;
  /** The `route` key. */
  routeKey?: OffsetRange;
  routes: RouteEntry[];
  /** The `match` key; absent when the rule has no `match`. */
  matchKey?: OffsetRange;
  matches: MatchEntry[];
  /** Set when `match` is neither a list nor empty: the rule's matches are unknown, not absent. */
  matchUnreadable?: boolean;
}

const rulesView = new TreeView(readRules);

/** Every http, tcp and tls rule of a VirtualService, in document order per protocol. */
export function virtualServiceRules(resource: Resource): RouteRule[] {
  return rulesView.of(resource);
}

function readRules(resource: Resource): RouteRule[] {
  const rules: RouteRule[] = [];
  const spec = asMap(getValue(resource.root, 'spec'));
  for (const protocol of ['http', 'tcp', 'tls'] as const) {
    const seq = asSeq(getValue(spec, protocol));
    seq?.items.forEach((item, index) => {
      const map = asMap(item);
      if (map) rules.push(readRule(protocol, index, map, resource.document.yaml));
    });
  }
  return rules;
}

/** A rule's label for messages: `http[1] "name"` or `http[1]`. */
export function describeRule(rule: RouteRule): string {
  return `${rule.protocol}[${rule.index}]${rule.name ? ` "${rule.name.value}"` : ''}`;
}

function readRule(protocol: RouteProtocol, index: number, map: YAMLMap, doc: Document): RouteRule {
  const name = locatedString(getValue(map, 'name'));
  const first = map.items[0]?.key;
  const anchor = name ? name.range : isScalar(first) ? rangeOf(first) : rangeOf(map);
  const rule: RouteRule = { protocol, index, anchor, routes: [], matches: [] };
  if (name) rule.name = name;
  const routeEntry = getEntry(map, 'route');
  if (routeEntry) {
    rule.routeKey = rangeOf(routeEntry.key);
    for (const item of asSeq(routeEntry.value)?.items ?? []) {
      const entry = asMap(item);
      if (entry) rule.routes.push(readRouteEntry(entry));
    }
  }
  const matchEntry = getEntry(map, 'match');
  if (matchEntry) {
    rule.matchKey = rangeOf(matchEntry.key);
    const value = matchEntry.value;
    if (!asSeq(value) && !(value === null || (isScalar(value) && value.value === null))) rule.matchUnreadable = true;
    asSeq(value)?.items.forEach((item, i) => {
      const node = item as Node | null;
      const json = node ? plainData(node, doc) : null;
      const value = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
      rule.matches.push({ index: i, range: node ? rangeOf(node) : rule.matchKey!, value });
    });
  }
  return rule;
}

function readRouteEntry(entry: YAMLMap): RouteEntry {
  const destinationEntry = getEntry(entry, 'destination');
  const destination = asMap(destinationEntry?.value);
  const out: RouteEntry = { anchor: rangeOf(destinationEntry ? destinationEntry.key : entry) };
  const host = locatedString(getValue(destination, 'host'));
  if (host) out.host = host;
  const subset = locatedString(getValue(destination, 'subset'));
  if (subset) out.subset = subset;
  const portNumber = getValue(asMap(getValue(destination, 'port')), 'number');
  if (isScalar(portNumber) && typeof portNumber.value === 'number' && Number.isInteger(portNumber.value)) {
    out.port = { number: portNumber.value, range: rangeOf(portNumber) };
  }
  const weightNode = getValue(entry, 'weight');
  if (isScalar(weightNode) && weightNode.value !== null && weightNode.value !== undefined) {
    const v = weightNode.value;
    out.weight = {
      value: typeof v === 'number' && Number.isInteger(v) ? v : undefined,
      raw: String(v),
      range: rangeOf(weightNode),
    };
  }
  return out;
}
