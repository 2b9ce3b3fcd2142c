import { asMap, asSeq, getValue, scalarText } from '../parse/yaml-nodes';
import { hasPlaceholder } from '../text/templating';
import type { IndexLookups } from '../workspace/resource-index';
import { labelsOf } from './kubernetes-views';
import type { Resource } from './resource';

/** Whether a workload gets a sidecar, read the way istioctl's analyzers read it from manifests. */

const injectKey = 'sidecar.istio.io/inject';

/**
 * Whether a Deployment's pods are in the mesh as istioctl decides it: a container named `istio-proxy` with an
 * image; else the pod template's `sidecar.istio.io/inject` label, else that annotation ("true" means yes); else a
 * Namespace in the workspace labelled `istio-injection: enabled`. A placeholder counts as yes: it may be.
 */
export function deploymentInMesh(resource: Resource, index: IndexLookups): boolean {
  const doc = resource.document.yaml;
  const template = asMap(getValue(asMap(getValue(resource.root, 'spec')), 'template'));
  const metadata = asMap(getValue(template, 'metadata'));
  const containers = asSeq(getValue(asMap(getValue(template, 'spec')), 'containers'))?.items ?? [];
  const proxy = containers.map(asMap).find((c) => scalarText(getValue(c, 'name')) === 'istio-proxy');
  if (proxy && scalarText(getValue(proxy, 'image'))) return true;
  for (const field of ['labels', 'annotations']) {
    const value = labelsOf(getValue(metadata, field), doc)?.[injectKey];
    if (value !== undefined) return isYes(value);
  }
  const [namespace] = index.findInAnyNamespace('', 'Namespace', resource.namespace);
  if (!namespace) return false;
  const label = labelsOf(getValue(asMap(getValue(namespace.root, 'metadata')), 'labels'), namespace.document.yaml)?.['istio-injection'];
  return label !== undefined && isYes(label, 'enabled');
}

function isYes(value: string, yes = 'true'): boolean {
  return value === yes || hasPlaceholder(value);
}
