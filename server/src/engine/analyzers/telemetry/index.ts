import type { Analyzer } from '../analyzer';

/** Checks that report on Telemetry, in the order their findings are listed. */
export const telemetryAnalyzers: readonly Analyzer[] = [];
