import type { Analyzer } from '../analyzer';
import {
  cronJobAnnotations,
  daemonSetAnnotations,
  deploymentAnnotations,
  jobAnnotations,
  namespaceAnnotations,
  podAnnotations,
  replicaSetAnnotations,
  serviceAnnotations,
  statefulSetAnnotations,
} from './istio-annotations';

/** Checks that report on istio.io annotations, in the order their findings are listed. */
export const annotationAnalyzers: readonly Analyzer[] = [
  namespaceAnnotations,
  serviceAnnotations,
  podAnnotations,
  deploymentAnnotations,
  statefulSetAnnotations,
  daemonSetAnnotations,
  replicaSetAnnotations,
  jobAnnotations,
  cronJobAnnotations,
];
