import type { Analyzer } from '../analyzer';

/** Checks that report on istio.io annotations, in the order their findings are listed. */
export const annotationAnalyzers: readonly Analyzer[] = [];
