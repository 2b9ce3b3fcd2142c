import type { Analyzer } from '../analyzer';

/** Checks that report on Deployments and Pods, in the order their findings are listed. */
export const workloadAnalyzers: readonly Analyzer[] = [];
