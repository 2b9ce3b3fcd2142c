import type { Analyzer } from '../analyzer';
import { telemetryEmptyProviders } from './empty-providers';
import { telemetrySelectorMatches } from './selector-matches';
import { telemetryConflictingSelectors } from './conflicting-selectors';
import { telemetryMultipleWithoutSelector } from './multiple-without-selector';
import { telemetryLightstepProvider } from './lightstep-provider';

/** Checks that report on Telemetry, in the order their findings are listed. */
export const telemetryAnalyzers: readonly Analyzer[] = [
  telemetryEmptyProviders,
  telemetrySelectorMatches,
  telemetryConflictingSelectors,
  telemetryMultipleWithoutSelector,
  telemetryLightstepProvider,
];
