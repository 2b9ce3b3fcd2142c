import { formatLabels } from '../../model/kubernetes-views';
import { selectionTargets, workspaceHasWorkloads } from '../../model/workload-selection';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';
import { sidecarSelector } from './scope';

/**
 * IST0101 (selector): a Sidecar's workloadSelector must pick some workload of its own namespace, else it configures
 * no proxy. Spoken only where the workspace holds workloads: otherwise it says nothing about which pods run.
 */
export const sidecarSelectorMatches: Analyzer = {
  id: 'selector-matches',
  group: networkingGroup,
  kind: 'Sidecar',
  analyze(resource, { index }) {
    const selector = sidecarSelector(resource);
    if (!selector) return [];
    if (selectionTargets(index, selector.labels, resource.namespace).length) return [];
    if (!workspaceHasWorkloads(index)) return [];
    const labels = formatLabels(selector.labels);
    const message =
      `Referenced selector not found: "${labels}" — no workload in namespace ${resource.namespace} has pods with these labels, ` +
      `so this Sidecar configures no proxy (a Sidecar only applies to pods of its own namespace). ` +
      `Fix workloadSelector.labels, or move the Sidecar to the namespace of the workload it is meant for.`;
    return [finding('IST0101', resource, selector.anchor, message, undefined, { selector: labels })];
  },
};
