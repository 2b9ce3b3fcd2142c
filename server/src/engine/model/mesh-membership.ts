import type { YAMLMap } from 'yaml';
import { asMap, asSeq, getValue, scalarText } from '../parse/yaml-nodes';
import type { IndexLookups } from '../workspace/resource-index';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';

/**
 * Whether a workload's pods run in the mesh, as istioctl's analyzers judge it: an `istio-proxy` container with an
 * image, else the pod's `sidecar.istio.io/inject` label, else that annotation, else its Namespace's
 * `istio-injection=enabled`; or the ambient redirection annotation. Ours on top: a namespace the workspace does
 * not declare is taken as injected (its labels are unknown), and a Namespace enrolled by revision (`istio.io/rev`)
 * or in ambient mode counts as in the mesh; a WorkloadEntry is in the mesh by definition.
 */

export interface MeshMembership {
  inMesh: boolean;
  /** Why, in words a message can quote. */
  reason: string;
}

const injectKey = 'sidecar.istio.io/inject';

interface PodShape {
  metadata?: YAMLMap;
  spec?: YAMLMap;
}

function podShapeOf(resource: Resource): PodShape | undefined {
  const spec = asMap(getValue(resource.root, 'spec'));
  const template = (map: YAMLMap | undefined): PodShape => {
    const t = asMap(getValue(map, 'template'));
    return { metadata: asMap(getValue(t, 'metadata')), spec: asMap(getValue(t, 'spec')) };
  };
  switch (resource.kind) {
    case 'Pod':
      return { metadata: asMap(getValue(resource.root, 'metadata')), spec };
    case 'CronJob':
      return template(asMap(getValue(asMap(getValue(spec, 'jobTemplate')), 'spec')));
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return template(spec);
    default:
      return undefined;
  }
}

function hasProxyContainer(spec: YAMLMap | undefined, includeInit: boolean): boolean {
  const lists = includeInit ? ['containers', 'initContainers'] : ['containers'];
  return lists.some((list) =>
    (asSeq(getValue(spec, list))?.items ?? []).some((item) => {
      const container = asMap(item);
      return scalarText(getValue(container, 'name')) === 'istio-proxy' && !!scalarText(getValue(container, 'image'));
    }),
  );
}

function namespaceMembership(index: IndexLookups, namespace: string): MeshMembership {
  const declared = index.findInAnyNamespace('', 'Namespace', namespace);
  if (!declared.length) return { inMesh: true, reason: `namespace ${namespace} is not in the workspace, so it is taken as injected` };
  const labels: Labels = labelsOf(getValue(asMap(getValue(declared[0].root, 'metadata')), 'labels'), declared[0].document.yaml) ?? {};
  if (labels['istio-injection'] === 'enabled') return { inMesh: true, reason: `namespace ${namespace} has istio-injection=enabled` };
  if (labels['istio-injection'] === undefined && labels['istio.io/rev']) return { inMesh: true, reason: `namespace ${namespace} is enrolled by revision (istio.io/rev)` };
  if (labels['istio-injection'] === undefined && labels['istio.io/dataplane-mode'] === 'ambient') return { inMesh: true, reason: `namespace ${namespace} is in ambient mode` };
  return { inMesh: false, reason: `neither it nor namespace ${namespace} enables sidecar injection` };
}

/** Whether the pods of a workload (Pod, controller template, WorkloadEntry) are in the mesh, and why. */
export function meshMembership(index: IndexLookups, workload: Resource): MeshMembership {
  if (workload.kind === 'WorkloadEntry') return { inMesh: true, reason: 'a WorkloadEntry is a mesh workload' };
  const shape = podShapeOf(workload);
  if (!shape) return { inMesh: false, reason: 'it runs no pods' };
  const doc = workload.document.yaml;
  const annotations = labelsOf(getValue(shape.metadata, 'annotations'), doc) ?? {};
  if (annotations['ambient.istio.io/redirection'] === 'enabled') return { inMesh: true, reason: 'its pods are redirected to ambient' };
  if (hasProxyContainer(shape.spec, workload.kind === 'Pod')) return { inMesh: true, reason: 'it has an istio-proxy container' };
  const labels = labelsOf(getValue(shape.metadata, 'labels'), doc) ?? {};
  for (const [what, map] of [['label', labels], ['annotation', annotations]] as const) {
    const value = map[injectKey];
    if (value !== undefined) return { inMesh: value === 'true', reason: `its pods have the ${what} ${injectKey}=${value}` };
  }
  return namespaceMembership(index, workload.namespace);
}
