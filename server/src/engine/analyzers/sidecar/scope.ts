import { labelsOf } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { knownSelector, type PolicyScope } from '../../model/selector-overlap';
import { asMap, getEntry, rangeOf } from '../../parse/yaml-nodes';

/**
 * How a Sidecar picks its workloads: `spec.workloadSelector.labels` with at least one label; without a selector
 * or with no labels it applies to the whole namespace (as istio does). Unreadable shapes and placeholders: not judged.
 */
export function sidecarScope(sidecar: Resource): PolicyScope {
  const spec = getEntry(sidecar.root, 'spec');
  if (spec?.value && !asMap(spec.value)) return { kind: 'other' };
  const selectorEntry = getEntry(asMap(spec?.value), 'workloadSelector');
  if (!selectorEntry?.value) return { kind: 'namespace' };
  const selector = asMap(selectorEntry.value);
  if (!selector) return { kind: 'other' };
  const labelsEntry = getEntry(selector, 'labels');
  if (!labelsEntry?.value) return { kind: 'namespace' };
  const labels = labelsOf(labelsEntry.value, sidecar.document.yaml);
  if (!labels) return { kind: 'other' };
  if (!Object.keys(labels).length) return asMap(labelsEntry.value)?.items.length ? { kind: 'other' } : { kind: 'namespace' };
  if (!knownSelector(labels)) return { kind: 'other' };
  return { kind: 'selector', labels, anchor: rangeOf(labelsEntry.key) };
}

/** The Sidecar's selector, when it has one that can be judged. */
export function sidecarSelector(sidecar: Resource) {
  const scope = sidecarScope(sidecar);
  return scope.kind === 'selector' ? scope : undefined;
}

/** Whether the Sidecar applies to its whole namespace. */
export function isNamespaceWide(sidecar: Resource): boolean {
  return sidecarScope(sidecar).kind === 'namespace';
}

