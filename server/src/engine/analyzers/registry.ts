import type { Analyzer } from './analyzer';
import { destinationRuleAnalyzers } from './destinationrule';
import { gatewayAnalyzers } from './gateway';
import { serviceAnalyzers } from './service';
import { serviceEntryAnalyzers } from './serviceentry';
import { virtualServiceAnalyzers } from './virtualservice';
import { commonAnalyzers } from './common';
import { sidecarAnalyzers } from './sidecar';
import { telemetryAnalyzers } from './telemetry';
import { policyAnalyzers } from './policy';
import { envoyFilterAnalyzers } from './envoyfilter';
import { annotationAnalyzers } from './annotations';
import { workloadAnalyzers } from './workload';
import { gatewayApiAnalyzers } from './gateway-api';
import { ambientAnalyzers } from './ambient';

/** Every cross-resource check, grouped by the kind it reports on; one folder per kind, one file per check. */
export const analyzers: readonly Analyzer[] = [
  ...virtualServiceAnalyzers,
  ...destinationRuleAnalyzers,
  ...gatewayAnalyzers,
  ...serviceEntryAnalyzers,
  ...serviceAnalyzers,
  ...commonAnalyzers,
  ...sidecarAnalyzers,
  ...telemetryAnalyzers,
  ...policyAnalyzers,
  ...envoyFilterAnalyzers,
  ...annotationAnalyzers,
  ...workloadAnalyzers,
  ...gatewayApiAnalyzers,
  ...ambientAnalyzers,
];

/** The analyzers that apply to a resource of this group and kind. */
export function analyzersFor(group: string, kind: string): Analyzer[] {
  return analyzers.filter((a) => a.group === group && a.kind === kind);
}
