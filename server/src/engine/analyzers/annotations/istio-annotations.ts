import { isScalar, type YAMLMap } from 'yaml';
import type { Finding } from '../../finding';
import { annotationValueProblem } from '../../model/annotation-values';
import { isIstioAnnotationKey, istioAnnotation, istioAnnotations } from '../../model/istio-annotations';
import { labelsOf } from '../../model/kubernetes-views';
import type { Resource } from '../../model/resource';
import { asMap, getValue, rangeOf, scalarText } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0108 / IST0135 / IST0107 / IST0125: the `*.istio.io` annotations of Namespaces, Services, Pods and
 * Deployments (their own metadata, as istioctl reads them), and of the pod templates of workload controllers
 * (ours: the annotations the pods they run will carry, judged as a Pod's).
 */

/** Annotations Istio's own components write; istioctl never judges them. */
const writtenByIstio = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);

const injectAnnotation = 'sidecar.istio.io/inject';

/** One metadata block to judge: its annotations, its labels, and the kind its annotations are placed on. */
interface AnnotationSite {
  annotations: YAMLMap;
  labels: Readonly<Record<string, string>>;
  /** The kind the annotations count as placed on (a pod template's are a Pod's). */
  placedOn: string;
  /** How a message names the place, e.g. "this Service" or "the pod template". */
  place: string;
}

function siteOf(metadata: YAMLMap | undefined, resource: Resource, placedOn: string, place: string): AnnotationSite | undefined {
  const annotations = asMap(getValue(metadata, 'annotations'));
  if (!annotations?.items.length) return undefined;
  return { annotations, labels: labelsOf(getValue(metadata, 'labels'), resource.document.yaml) ?? {}, placedOn, place };
}

function ownSite(resource: Resource): AnnotationSite | undefined {
  return siteOf(asMap(getValue(resource.root, 'metadata')), resource, resource.kind, `this ${resource.kind}`);
}

/** The pod template's metadata of a controller (a CronJob's is one level deeper). */
function templateSite(resource: Resource): AnnotationSite | undefined {
  let spec = asMap(getValue(resource.root, 'spec'));
  if (resource.kind === 'CronJob') spec = asMap(getValue(asMap(getValue(spec, 'jobTemplate')), 'spec'));
  const metadata = asMap(getValue(asMap(getValue(spec, 'template')), 'metadata'));
  return siteOf(metadata, resource, 'Pod', 'the pod template');
}

/** The catalog name closest to an unknown one (a typo or wrong case), if any is close. */
function closestName(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 10)) + 1;
  for (const candidate of istioAnnotations()) {
    const d = candidate.name.toLowerCase() === name.toLowerCase() ? 0 : editDistance(candidate.name, name, bestDistance);
    if (d < bestDistance) {
      best = candidate.name;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length];
}

function judge(resource: Resource, site: AnnotationSite): Finding[] {
  const out: Finding[] = [];
  for (const pair of site.annotations.items) {
    if (!isScalar(pair.key)) continue;
    const name = scalarText(pair.key);
    if (name === undefined || hasPlaceholder(name) || !isIstioAnnotationKey(name) || writtenByIstio.has(name)) continue;
    const range = rangeOf(pair.key);
    const definition = istioAnnotation(name);
    if (!definition) {
      const suggestion = closestName(name);
      out.push(
        finding(
          'IST0108',
          resource,
          range,
          `Unknown annotation: ${name} on ${site.place}. It is in Istio's domain but Istio defines no annotation of that name, so it has no effect. ` +
            (suggestion ? `Did you mean ${suggestion}?` : `Check its spelling against Istio's annotation reference, or remove it.`),
          undefined,
          suggestion ? { annotation: name, suggestion } : { annotation: name },
        ),
      );
      continue;
    }
    // Keeping the deprecated inject annotation beside its replacement label is deliberate compatibility, not a mistake.
    if (definition.deprecated && !(name === injectAnnotation && site.labels[injectAnnotation] !== undefined)) {
      const instead = name === injectAnnotation ? ` in favor of the "${injectAnnotation}" label` : '';
      out.push(
        finding(
          'IST0135',
          resource,
          range,
          `Annotation "${name}" has been deprecated${instead} and may not work in future Istio versions. ` +
            (instead ? `Set the label ${injectAnnotation} on the pods instead.` : `Remove it or move to what Istio's annotation reference names as its replacement.`),
          undefined,
          { annotation: name },
        ),
      );
    }
    const targets: readonly string[] = definition.targets;
    if (targets.includes('Any')) continue;
    if (!targets.includes(site.placedOn)) {
      const kinds = targets.join(', ');
      const hint = site.placedOn === 'Deployment' && targets.includes('Pod') ? ` Move it to spec.template.metadata.annotations, where the pods get it.` : ` Move it to a ${kinds}.`;
      out.push(
        finding('IST0107', resource, range, `Misplaced annotation: ${name} can only be applied to ${kinds}, so on ${site.place} it has no effect.${hint}`, undefined, {
          annotation: name,
          kinds,
        }),
      );
      continue;
    }
    const value = isScalar(pair.value) ? scalarText(pair.value) ?? '' : pair.value == null ? '' : undefined;
    if (value === undefined || hasPlaceholder(value)) continue;
    const problem = annotationValueProblem(name, value);
    if (problem) {
      const valueNode = isScalar(pair.value) ? pair.value : undefined;
      out.push(finding('IST0125', resource, valueNode ? rangeOf(valueNode) : range, `Invalid annotation ${name}: ${problem}.`, undefined, { annotation: name }));
    }
  }
  return out;
}

/** An analyzer judging the annotations of a kind's own metadata (as istioctl does) and/or of its pod template (ours). */
function annotationsOf(group: string, kind: string, own: boolean, template: boolean): Analyzer {
  return {
    id: 'istio-annotations',
    group,
    kind,
    analyze(resource) {
      const sites = [own ? ownSite(resource) : undefined, template ? templateSite(resource) : undefined];
      return sites.flatMap((site) => (site ? judge(resource, site) : []));
    },
  };
}

/** One analyzer per kind istioctl reads (own metadata), plus the workload controllers whose pod templates we read. */
export const namespaceAnnotations = annotationsOf('', 'Namespace', true, false);
export const serviceAnnotations = annotationsOf('', 'Service', true, false);
export const podAnnotations = annotationsOf('', 'Pod', true, false);
export const deploymentAnnotations = annotationsOf('apps', 'Deployment', true, true);
export const statefulSetAnnotations = annotationsOf('apps', 'StatefulSet', false, true);
export const daemonSetAnnotations = annotationsOf('apps', 'DaemonSet', false, true);
export const replicaSetAnnotations = annotationsOf('apps', 'ReplicaSet', false, true);
export const jobAnnotations = annotationsOf('batch', 'Job', false, true);
export const cronJobAnnotations = annotationsOf('batch', 'CronJob', false, true);
