import { dataHazard } from '../parse/data-hazards';
import { isMap, isNode, isScalar } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, scalarText, type LocatedString } from '../parse/yaml-nodes';
import { hasPlaceholder } from '../text/templating';
import type { Resource } from './resource';

/** An EnvoyFilter's config patches as istioctl's EnvoyFilter analyzer reads them, located. */

const applyToValues = new Set(['INVALID', 'LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER', 'ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE', 'CLUSTER', 'EXTENSION_CONFIG', 'BOOTSTRAP', 'LISTENER_FILTER']);
const operationValues = new Set(['INVALID', 'MERGE', 'ADD', 'REMOVE', 'INSERT_BEFORE', 'INSERT_AFTER', 'INSERT_FIRST', 'REPLACE']);

export interface EnvoyPatch {
  /** Position in `configPatches` (0-based). */
  position: number;
  /** The enum name, `INVALID` when absent; undefined when it is unknown or a placeholder (then not judged). */
  applyTo: string | undefined;
  operation: string | undefined;
  /** The `operation` value, else the `patch` key, else the item: where a finding about the patch points. */
  anchor: OffsetRange;
  /**
   * What istioctl compares to tie patches together: the value's `name` field (typed, as proto text is), else the
   * listener filter chain's filter name; "" when neither.
   */
  instanceKey: string;
  /** The same name as written, for messages. */
  instanceName: string;
  /** `match.proxy.proxyVersion` is set. */
  proxyVersion: boolean;
  /** `patch.value` is written as a scalar (`null`): istioctl then gives its messages the value's line, so they are not merged. */
  scalarValue: boolean;
}

export interface EnvoyFilterPatches {
  /** The patches istioctl reads: it stops at the first one without a `patch`. */
  patches: EnvoyPatch[];
  /** `spec.priority`, 0 when absent; undefined when not a literal integer. */
  priority: number | undefined;
}

const cache = new WeakMap<Resource, EnvoyFilterPatches>();

/** The patches and priority of an EnvoyFilter (memoized per parsed resource). */
export function envoyFilterPatches(resource: Resource): EnvoyFilterPatches {
  let hit = cache.get(resource);
  if (hit) return hit;
  const spec = asMap(getValue(resource.root, 'spec'));
  const patches: EnvoyPatch[] = [];
  const items = asSeq(getValue(spec, 'configPatches'))?.items ?? [];
  for (let position = 0; position < items.length; position++) {
    const item = asMap(items[position]);
    const patchEntry = getEntry(item, 'patch');
    const patch = asMap(patchEntry?.value);
    if (!item || !patch || !patchEntry) break;
    const operationNode = locatedString(getValue(patch, 'operation'));
    const match = asMap(getValue(item, 'match'));
    const valueNode = getValue(patch, 'value');
    const name = instanceNameOf(valueNode, match);
    patches.push({
      position,
      applyTo: enumValue(locatedString(getValue(item, 'applyTo')), getEntry(item, 'applyTo') !== undefined, applyToValues),
      operation: enumValue(operationNode, getEntry(patch, 'operation') !== undefined, operationValues),
      anchor: operationNode ? operationNode.range : rangeOf(patchEntry.key ?? patch),
      instanceKey: name.key,
      instanceName: name.text,
      proxyVersion: !!scalarText(getValue(asMap(getValue(match, 'proxy')), 'proxyVersion')),
      scalarValue: getEntry(patch, 'value') !== undefined && (valueNode === undefined || valueNode === null || isScalar(valueNode)),
    });
  }
  hit = { patches, priority: priorityOf(getValue(spec, 'priority'), getEntry(spec, 'priority') !== undefined) };
  cache.set(resource, hit);
  return hit;
}

function enumValue(value: LocatedString | undefined, present: boolean, allowed: ReadonlySet<string>): string | undefined {
  if (!present || (value && value.value === '')) return 'INVALID';
  if (!value || hasPlaceholder(value.value) || !allowed.has(value.value)) return undefined;
  return value.value;
}

function priorityOf(node: unknown, present: boolean): number | undefined {
  if (!present) return 0;
  const text = scalarText(node);
  if (text === undefined || !/^[-+]?\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

function instanceNameOf(value: unknown, match: ReturnType<typeof asMap>): { key: string; text: string } {
  // Only a value with fields is looked at; an empty value or none gives no name at all.
  if (!isMap(value) || !value.items.length) return { key: '', text: '' };
  const nameEntry = getEntry(value, 'name');
  if (nameEntry) {
    const node = nameEntry.value;
    // Same guard as before any toJS: collection keys and alias bombs make it explode.
    const json = node && isNode(node) && !dataHazard(node) ? (node as { toJSON(): unknown }).toJSON() : null;
    return { key: `value:${JSON.stringify(json ?? null)}`, text: scalarText(node) ?? JSON.stringify(json ?? null) };
  }
  const listener = asMap(getValue(match, 'listener'));
  const filterChain = asMap(getValue(listener, 'filterChain'));
  const filterName = scalarText(getValue(asMap(getValue(filterChain, 'filter')), 'name')) ?? '';
  return filterName ? { key: `match:${filterName}`, text: filterName } : { key: '', text: '' };
}
