import { isScalar, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, type LocatedString } from '../parse/yaml-nodes';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';

/** A DestinationRule's subsets and traffic policies, located (richer than `destinationRuleView`). */

export interface SubsetDetail {
  name?: LocatedString;
  /** The subset's `name` value, else the item. */
  anchor: OffsetRange;
  /** Undefined when the subset has no `labels` map. */
  labels?: Labels;
  hasTrafficPolicy: boolean;
}

/** One `trafficPolicy` map: the top-level one, a port-level one, or a subset's (and its port levels). */
export interface TrafficPolicyAt {
  policy: YAMLMap;
  /** The subset it belongs to, if any. */
  subset?: string;
  /** `portLevelSettings[].port.number`, for port-level policies. */
  port?: number;
  portLevel: boolean;
}

export interface DestinationRuleDetails {
  subsets: SubsetDetail[];
  /** Whether `spec.workloadSelector` is set (the rule then applies only to the selected workloads). */
  workloadSelector: boolean;
  /** Every traffic policy in document order: top level, its port levels, then each subset's. */
  policies: TrafficPolicyAt[];
}

const cache = new WeakMap<Resource, DestinationRuleDetails>();

export function destinationRuleDetails(resource: Resource): DestinationRuleDetails {
  let details = cache.get(resource);
  if (details) return details;
  const spec = asMap(getValue(resource.root, 'spec'));
  const policies: TrafficPolicyAt[] = [];
  collectPolicies(asMap(getValue(spec, 'trafficPolicy')), undefined, policies);
  const subsets: SubsetDetail[] = [];
  for (const item of asSeq(getValue(spec, 'subsets'))?.items ?? []) {
    const map = asMap(item);
    if (!map) continue;
    const name = locatedString(getValue(map, 'name'));
    const labelsEntry = getEntry(map, 'labels');
    const labels = labelsEntry ? labelsOf(labelsEntry.value, resource.document.yaml) : undefined;
    const policy = asMap(getValue(map, 'trafficPolicy'));
    const subset: SubsetDetail = { anchor: name ? name.range : rangeOf(map), hasTrafficPolicy: !!policy };
    if (name) subset.name = name;
    if (labels) subset.labels = labels;
    subsets.push(subset);
    collectPolicies(policy, name?.value ?? '', policies);
  }
  // `workloadSelector: null` is no selector; an empty map is one (it selects every workload).
  const selector = getEntry(spec, 'workloadSelector');
  const hasSelector = !!selector && selector.value !== null && !(isScalar(selector.value) && selector.value.value === null);
  details = { subsets, workloadSelector: hasSelector, policies };
  cache.set(resource, details);
  return details;
}

function collectPolicies(policy: YAMLMap | undefined, subset: string | undefined, out: TrafficPolicyAt[]): void {
  if (!policy) return;
  out.push(subset === undefined ? { policy, portLevel: false } : { policy, subset, portLevel: false });
  for (const item of asSeq(getValue(policy, 'portLevelSettings'))?.items ?? []) {
    const map = asMap(item);
    if (!map) continue;
    const numberNode = getValue(asMap(getValue(map, 'port')), 'number');
    const at: TrafficPolicyAt = { policy: map, portLevel: true };
    if (isScalar(numberNode) && typeof numberNode.value === 'number') at.port = numberNode.value;
    if (subset !== undefined) at.subset = subset;
    out.push(at);
  }
}

/** "port 443 of subset v1", "subset v1", "port 443", or "the destination": where a traffic policy applies. */
export function describePolicyScope(at: TrafficPolicyAt): string {
  const parts: string[] = [];
  if (at.portLevel) parts.push(at.port !== undefined ? `port ${at.port}` : 'a port');
  if (at.subset !== undefined) parts.push(`subset ${at.subset || '<unnamed>'}`);
  return parts.length ? parts.join(' of ') : 'the destination';
}

/** A scalar field of a map as a located string (numbers and booleans as text). */
export function scalarAt(map: YAMLMap | undefined, key: string): LocatedString | undefined {
  return locatedString(getValue(map, key));
}
