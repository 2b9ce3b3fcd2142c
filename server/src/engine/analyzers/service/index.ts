import type { Analyzer } from '../analyzer';
import { servicePortName } from './port-name';

/** Checks that report on Kubernetes Service, in the order their findings are listed. */
export const serviceAnalyzers: readonly Analyzer[] = [
  servicePortName,
];
