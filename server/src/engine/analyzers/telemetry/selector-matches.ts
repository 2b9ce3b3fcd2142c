import { formatLabels } from '../../model/kubernetes-views';
import { selectionTargets, workspaceHasWorkloads } from '../../model/workload-selection';
import { finding, type Analyzer } from '../analyzer';
import { telemetryGroup } from './group';
import { telemetrySelector } from './scope';

/**
 * IST0101 (selector): a Telemetry's `selector.matchLabels` must pick some workload of its own namespace, else it
 * configures nothing. Spoken only where the workspace holds workloads.
 */
export const telemetrySelectorMatches: Analyzer = {
  id: 'selector-matches',
  group: telemetryGroup,
  kind: 'Telemetry',
  analyze(resource, { index }) {
    const selector = telemetrySelector(resource);
    if (!selector) return [];
    if (selectionTargets(index, selector.labels, resource.namespace).length) return [];
    if (!workspaceHasWorkloads(index)) return [];
    const labels = formatLabels(selector.labels);
    const message =
      `Referenced selector not found: "${labels}" — no workload in namespace ${resource.namespace} has pods with these labels, ` +
      `so this Telemetry applies to nothing (its selector only reaches pods of its own namespace). ` +
      `Fix selector.matchLabels, or move the Telemetry to the namespace of the workload it is meant for.`;
    return [finding('IST0101', resource, selector.anchor, message, undefined, { selector: labels })];
  },
};
