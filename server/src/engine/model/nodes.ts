import { asMap, getValue, scalarText } from '../parse/yaml-nodes';
import { hasPlaceholder } from '../text/templating';
import type { IndexLookups } from '../workspace/resource-index';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';

/**
 * The labels Istio adds to a pod's own from the Node it runs on (pilot's AugmentLabels): locality from the
 * Node's topology labels and the node name as hostname. A subset may select on them, so a pod is judged
 * against them only where its Node is known.
 */

export const regionLabel = 'topology.kubernetes.io/region';
export const zoneLabel = 'topology.kubernetes.io/zone';
export const subzoneLabel = 'topology.istio.io/subzone';
export const hostnameLabel = 'kubernetes.io/hostname';

/** Every label key Istio derives from a pod's Node. */
export const nodeDerivedLabels: readonly string[] = [regionLabel, zoneLabel, subzoneLabel, hostnameLabel];

export interface PlacedLabels {
  /** The pod's labels with those its Node gives it (the Node's win, as in pilot). */
  labels: Labels;
  /** Node-derived keys whose value is unknown here (no nodeName, or its Node is not in the workspace): any value may hold. */
  unknown: ReadonlySet<string>;
}

const allUnknown: ReadonlySet<string> = new Set(nodeDerivedLabels);
const localityUnknown: ReadonlySet<string> = new Set([regionLabel, zoneLabel, subzoneLabel]);
const noneUnknown: ReadonlySet<string> = new Set();

/** `spec.nodeName` of a Pod (or of a controller's pod template), when set to a literal name. */
export function nodeNameOf(resource: Resource): string | undefined {
  let spec = asMap(getValue(resource.root, 'spec'));
  if (resource.kind === 'CronJob') spec = asMap(getValue(asMap(getValue(spec, 'jobTemplate')), 'spec'));
  if (resource.kind !== 'Pod') spec = asMap(getValue(asMap(getValue(spec, 'template')), 'spec'));
  const name = scalarText(getValue(spec, 'nodeName'));
  return name && !hasPlaceholder(name) ? name : undefined;
}

/** A pod's labels as Istio sees them once placed on its Node (read through the index, so Node edits re-run the check). */
export function placedLabels(index: IndexLookups, workload: Resource, labels: Labels): PlacedLabels {
  const nodeName = nodeNameOf(workload);
  if (nodeName === undefined) return { labels, unknown: allUnknown };
  const out: Record<string, string> = { ...labels };
  const [node] = index.findInAnyNamespace('', 'Node', nodeName);
  let unknown = localityUnknown;
  if (node) {
    unknown = noneUnknown;
    const nodeLabels = labelsOf(getValue(asMap(getValue(node.root, 'metadata')), 'labels'), node.document.yaml) ?? {};
    const region = nodeLabels[regionLabel] ?? '';
    const zone = nodeLabels[zoneLabel] ?? '';
    // Pilot writes the locality as region/zone/subzone and stops at the first empty part after the region,
    // so a subzone without a zone is lost.
    const subzone = zone ? nodeLabels[subzoneLabel] ?? '' : '';
    if (region) out[regionLabel] = region;
    if (zone) out[zoneLabel] = zone;
    if (subzone) out[subzoneLabel] = subzone;
  }
  out[hostnameLabel] = nodeName;
  return { labels: out, unknown };
}
