import { asMap, getValue } from '../parse/yaml-nodes';
import type { IndexLookups } from '../workspace/resource-index';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';

/**
 * Ambient mode as istioctl's analyzers read it (util/in_mesh.go): a namespace is ambient when its Namespace
 * object says so, a workload when its pods carry the redirection annotation the ambient CNI sets.
 */

const dataplaneModeLabel = 'istio.io/dataplane-mode';
const injectionLabel = 'istio-injection';
const revisionLabel = 'istio.io/rev';
const redirectionAnnotation = 'ambient.istio.io/redirection';

/**
 * Whether a Namespace object puts its namespace in ambient mode: labelled `istio.io/dataplane-mode: ambient`,
 * and neither `istio-injection: enabled` nor a non-empty `istio.io/rev` (those mean sidecar injection wins).
 */
export function namespaceIsAmbient(namespace: Resource): boolean {
  const labels = labelsOf(getValue(asMap(getValue(namespace.root, 'metadata')), 'labels'), namespace.document.yaml) ?? {};
  if (labels[injectionLabel] === 'enabled') return false;
  if (labels[revisionLabel]) return false;
  return labels[dataplaneModeLabel] === 'ambient';
}

/** The workspace's Namespace object of that name when it puts the namespace in ambient mode; undefined otherwise (also when the workspace does not declare it). */
export function ambientNamespace(index: IndexLookups, name: string): Resource | undefined {
  return index.findInAnyNamespace('', 'Namespace', name).find(namespaceIsAmbient);
}

/** Whether the workload's pods are redirected to ambient (`ambient.istio.io/redirection: enabled` on the Pod, or on a controller's pod template). */
export function workloadIsAmbient(workload: Resource): boolean {
  return podAnnotations(workload)[redirectionAnnotation] === 'enabled';
}

function podAnnotations(resource: Resource): Labels {
  const doc = resource.document.yaml;
  const annotationsOf = (object: unknown) => labelsOf(getValue(asMap(getValue(asMap(object), 'metadata')), 'annotations'), doc) ?? {};
  const spec = asMap(getValue(resource.root, 'spec'));
  switch (resource.kind) {
    case 'Pod':
      return annotationsOf(resource.root);
    case 'CronJob':
      return annotationsOf(getValue(asMap(getValue(asMap(getValue(spec, 'jobTemplate')), 'spec')), 'template'));
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return annotationsOf(getValue(spec, 'template'));
    default:
      return {};
  }
}
