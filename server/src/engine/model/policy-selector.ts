import { isScalar, type Node } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, rangeOf } from '../parse/yaml-nodes';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';

/**
 * The `spec.selector` of a policy-like resource (AuthorizationPolicy, RequestAuthentication, Telemetry,
 * WasmPlugin...): a WorkloadSelector whose `matchLabels` pick pods.
 */
export type PolicySelector =
  /** No selector (absent or null): the policy applies namespace-wide, or mesh-wide in the root namespace. */
  | { kind: 'none' }
  /** A selector; `{}` or no `matchLabels` selects every pod. */
  | { kind: 'labels'; labels: Labels; range: OffsetRange }
  /** A selector of a shape we cannot read: not judged. */
  | { kind: 'unreadable' };

/** The policy's selector, with where a finding about it points (its `matchLabels`, else the `selector` key). */
export function policySelector(resource: Resource): PolicySelector {
  const entry = getEntry(asMap(getValue(resource.root, 'spec')), 'selector');
  if (!entry || entry.value === null || isNullScalar(entry.value)) return { kind: 'none' };
  const selector = asMap(entry.value);
  if (!selector) return { kind: 'unreadable' };
  const matchEntry = getEntry(selector, 'matchLabels');
  if (!matchEntry || matchEntry.value === null || isNullScalar(matchEntry.value)) return { kind: 'labels', labels: {}, range: rangeOf(entry.key) };
  const labels = labelsOf(matchEntry.value, resource.document.yaml);
  if (!labels) return { kind: 'unreadable' };
  return { kind: 'labels', labels, range: rangeOf(matchEntry.key) };
}

function isNullScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

/** Whether the policy names its target with the older single `targetRef` field. */
export function hasSingleTargetRef(resource: Resource): boolean {
  const entry = getEntry(asMap(getValue(resource.root, 'spec')), 'targetRef');
  return !!entry && entry.value !== null && !isNullScalar(entry.value);
}

/** Whether the policy attaches to named targets (`targetRef`, or a non-empty `targetRefs`) rather than to pods by selector. */
export function hasTargetRefs(resource: Resource): boolean {
  if (hasSingleTargetRef(resource)) return true;
  return (asSeq(getValue(asMap(getValue(resource.root, 'spec')), 'targetRefs'))?.items.length ?? 0) > 0;
}
