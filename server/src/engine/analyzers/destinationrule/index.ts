import type { Analyzer } from '../analyzer';
import { destinationRuleDuplicateSubset } from './duplicate-subset';
import { destinationRuleSubsetLabels } from './subset-labels';
import { destinationRuleDuplicateHost } from './duplicate-host';
import { destinationRuleHostExists } from './host-exists';
import { destinationRuleSubsetPods } from './subset-pods';
import { destinationRuleDeprecated } from './deprecated';
import { destinationRuleTlsVerification } from './tls-verification';

/** Checks that report on DestinationRule, in the order their findings are listed. */
export const destinationRuleAnalyzers: readonly Analyzer[] = [
  destinationRuleDuplicateSubset,
  destinationRuleSubsetLabels,
  destinationRuleDuplicateHost,
  destinationRuleHostExists,
  destinationRuleSubsetPods,
  destinationRuleDeprecated,
  destinationRuleTlsVerification,
];
