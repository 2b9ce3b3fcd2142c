import type { Analyzer } from '../analyzer';
import { gatewayClassExists } from './gateway-class';
import { listenerCertificateAnalyzers } from './listener-certificates';
import { listenerConflictAnalyzers } from './listener-conflicts';
import { listenerDuplicates } from './listener-duplicates';
import { listenerKindAnalyzers } from './listener-kinds';
import { listenerSetParentCheck } from './listener-set-parent';
import { routeBackendAnalyzers } from './route-backends';
import { routeParentAnalyzers } from './route-parents';
import { routeWeightAnalyzers } from './route-weights';

/** Checks of the Kubernetes Gateway API kinds (gateway.networking.k8s.io). */
export const gatewayApiAnalyzers: readonly Analyzer[] = [
  ...routeParentAnalyzers,
  ...routeBackendAnalyzers,
  ...routeWeightAnalyzers,
  gatewayClassExists,
  ...listenerConflictAnalyzers,
  listenerDuplicates,
  ...listenerKindAnalyzers,
  ...listenerCertificateAnalyzers,
  listenerSetParentCheck,
];
