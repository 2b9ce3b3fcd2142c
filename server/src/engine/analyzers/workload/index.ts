import type { Analyzer } from '../analyzer';
import { applicationUidAnalyzers } from './application-uid';
import { deploymentConflictingTargetPorts } from './conflicting-target-ports';
import { deploymentMultipleServiceProtocols } from './multiple-service-protocols';

/** Checks that report on Deployments and Pods, in the order their findings are listed. */
export const workloadAnalyzers: readonly Analyzer[] = [
  deploymentMultipleServiceProtocols,
  deploymentConflictingTargetPorts,
  ...applicationUidAnalyzers,
];
