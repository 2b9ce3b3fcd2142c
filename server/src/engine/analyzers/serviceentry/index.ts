import type { Analyzer } from '../analyzer';
import { serviceEntryAddresses } from './addresses';
import { serviceEntryConflictingProtocol } from './conflicting-protocol';

/** Checks that report on ServiceEntry, in the order their findings are listed. */
export const serviceEntryAnalyzers: readonly Analyzer[] = [
  serviceEntryAddresses,
  serviceEntryConflictingProtocol,
];
