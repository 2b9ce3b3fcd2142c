import type { Analyzer } from '../analyzer';

/** Checks that report on Sidecar, in the order their findings are listed. */
export const sidecarAnalyzers: readonly Analyzer[] = [];
