import type { Analyzer } from '../analyzer';
import { sidecarSelectorMatches } from './selector-matches';
import { sidecarConflictingSelectors } from './conflicting-selectors';
import { sidecarMultipleWithoutSelector } from './multiple-without-selector';
import { sidecarAmbientIneffective } from './ambient-ineffective';

/** Checks that report on Sidecar, in the order their findings are listed. */
export const sidecarAnalyzers: readonly Analyzer[] = [
  sidecarSelectorMatches,
  sidecarConflictingSelectors,
  sidecarMultipleWithoutSelector,
  sidecarAmbientIneffective,
];
