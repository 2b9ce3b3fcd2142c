import { isScalar, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, type LocatedString } from '../parse/yaml-nodes';
import type { Resource } from './resource';

/**
 * Every destination of a VirtualService the way istioctl's virtualservice analyzers walk them: the `route`
 * entries of tcp, tls and http rules, then the `mirror` and `mirrors` of http rules.
 */

export type DestinationPort =
  /** No `port`: the destination relies on the service having one port. */
  | { state: 'absent' }
  | { state: 'number'; number: number; range: OffsetRange }
  /** A `port` whose number we cannot read (a placeholder, a string): not judged. */
  | { state: 'unknown' };

export interface DestinationRef {
  role: 'route' | 'mirror';
  protocol: 'http' | 'tcp' | 'tls';
  /** Position of the rule in its protocol's list. */
  rule: number;
  /** The destination's `host`; undefined when there is none we can read. */
  host?: LocatedString;
  /** A non-empty `subset`. */
  subset?: LocatedString;
  port: DestinationPort;
  /** Where a finding about the destination as a whole points: its host, else its key. */
  anchor: OffsetRange;
}

const cache = new WeakMap<Resource, DestinationRef[]>();

/** The route and mirror destinations of a VirtualService, in istioctl's order (tcp, tls, http routes; then http mirrors). */
export function routeDestinations(virtualService: Resource): DestinationRef[] {
  const hit = cache.get(virtualService);
  if (hit) return hit;
  const out: DestinationRef[] = [];
  const spec = asMap(getValue(virtualService.root, 'spec'));
  for (const protocol of ['tcp', 'tls', 'http'] as const) {
    asSeq(getValue(spec, protocol))?.items.forEach((item, rule) => {
      for (const route of asSeq(getValue(asMap(item), 'route'))?.items ?? []) {
        const entry = getEntry(asMap(route), 'destination');
        const ref = entry && readDestination(asMap(entry.value), rangeOf(entry.key), 'route', protocol, rule);
        if (ref) out.push(ref);
      }
    });
  }
  asSeq(getValue(spec, 'http'))?.items.forEach((item, rule) => {
    const map = asMap(item);
    const mirror = getEntry(map, 'mirror');
    const ref = mirror && readDestination(asMap(mirror.value), rangeOf(mirror.key), 'mirror', 'http', rule);
    if (ref) out.push(ref);
    for (const m of asSeq(getValue(map, 'mirrors'))?.items ?? []) {
      const entry = getEntry(asMap(m), 'destination');
      const mirrored = entry && readDestination(asMap(entry.value), rangeOf(entry.key), 'mirror', 'http', rule);
      if (mirrored) out.push(mirrored);
    }
  });
  cache.set(virtualService, out);
  return out;
}

function readDestination(map: YAMLMap | undefined, key: OffsetRange, role: DestinationRef['role'], protocol: DestinationRef['protocol'], rule: number): DestinationRef | undefined {
  if (!map) return undefined;
  const host = locatedString(getValue(map, 'host'));
  const subset = locatedString(getValue(map, 'subset'));
  const ref: DestinationRef = { role, protocol, rule, port: readPort(map), anchor: host ? host.range : key };
  if (host) ref.host = host;
  if (subset && subset.value !== '') ref.subset = subset;
  return ref;
}

function readPort(destination: YAMLMap): DestinationPort {
  const entry = getEntry(destination, 'port');
  if (!entry || entry.value === null) return { state: 'absent' };
  const port = asMap(entry.value);
  if (!port) return { state: 'unknown' };
  const numberEntry = getEntry(port, 'number');
  // A `port` without a number is port 0 to istioctl.
  if (!numberEntry) return { state: 'number', number: 0, range: rangeOf(entry.key) };
  const node = numberEntry.value;
  if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value)) return { state: 'number', number: node.value, range: rangeOf(node) };
  return { state: 'unknown' };
}
