import type { Analyzer } from '../analyzer';
import { apiVersionAnalyzers } from './api-version';
import { deprecatedFieldAnalyzers } from './deprecated-fields';

/** Checks that report on any kind, in the order their findings are listed. */
export const commonAnalyzers: readonly Analyzer[] = [
  ...apiVersionAnalyzers,
  ...deprecatedFieldAnalyzers,
];
