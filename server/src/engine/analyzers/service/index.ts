import type { Analyzer } from '../analyzer';
import { externalNameServicePort } from './external-name-port';
import { servicePortName } from './port-name';

/** Checks that report on Kubernetes Service, in the order their findings are listed. */
export const serviceAnalyzers: readonly Analyzer[] = [
  servicePortName,
  externalNameServicePort,
];
