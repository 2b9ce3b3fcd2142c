import type { Analyzer } from '../analyzer';
import { envoyFilterPatchOperationTarget } from './patch-operation-target';
import { envoyFilterRelativeOperationPriority } from './relative-operation-priority';

/** Checks that report on EnvoyFilter, in the order their findings are listed. */
export const envoyFilterAnalyzers: readonly Analyzer[] = [envoyFilterPatchOperationTarget, envoyFilterRelativeOperationPriority];
