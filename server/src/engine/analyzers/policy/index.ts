import type { Analyzer } from '../analyzer';

/** Checks that report on AuthorizationPolicy, RequestAuthentication, WasmPlugin and Telemetry selectors, in the order their findings are listed. */
export const policyAnalyzers: readonly Analyzer[] = [];
