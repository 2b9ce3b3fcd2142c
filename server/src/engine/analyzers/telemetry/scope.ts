import { labelsOf } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { knownSelector, type PolicyScope } from '../../model/selector-overlap';
import { asMap, getEntry, getValue, rangeOf } from '../../parse/yaml-nodes';

/**
 * How a Telemetry picks its workloads, as istioctl's checks read it: `spec.selector.matchLabels` with at least one
 * label selects; no `selector` at all makes it the namespace's default. A `selector` without labels is neither
 * (istioctl ignores it in both checks). A Telemetry attached by `targetRef`/`targetRefs` is not a namespace default
 * either (istioctl counts it as one; see the README).
 */
export function telemetryScope(telemetry: Resource): PolicyScope {
  const specEntry = getEntry(telemetry.root, 'spec');
  if (specEntry?.value && !asMap(specEntry.value)) return { kind: 'other' };
  const spec = asMap(specEntry?.value);
  const selectorEntry = getEntry(spec, 'selector');
  if (!selectorEntry?.value) {
    return getValue(spec, 'targetRef') || getValue(spec, 'targetRefs') ? { kind: 'other' } : { kind: 'namespace' };
  }
  const labelsEntry = getEntry(asMap(selectorEntry.value), 'matchLabels');
  if (!labelsEntry?.value) return { kind: 'other' };
  const labels = labelsOf(labelsEntry.value, telemetry.document.yaml);
  if (!knownSelector(labels)) return { kind: 'other' };
  return { kind: 'selector', labels, anchor: rangeOf(labelsEntry.key) };
}

/** The Telemetry's selector, when it has one that can be judged. */
export function telemetrySelector(telemetry: Resource) {
  const scope = telemetryScope(telemetry);
  return scope.kind === 'selector' ? scope : undefined;
}

/** Whether the Telemetry is its namespace's default (no selector, no target reference). */
export function isNamespaceDefault(telemetry: Resource): boolean {
  return telemetryScope(telemetry).kind === 'namespace';
}
