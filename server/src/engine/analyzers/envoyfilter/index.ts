import type { Analyzer } from '../analyzer';

/** Checks that report on EnvoyFilter, in the order their findings are listed. */
export const envoyFilterAnalyzers: readonly Analyzer[] = [];
