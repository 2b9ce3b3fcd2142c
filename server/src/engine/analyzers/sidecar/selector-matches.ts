import { networkingGroup } from '../../workspace/resource-index';
import type { Analyzer } from '../analyzer';
import { selectorNotFound } from '../common/selector-not-found';
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
    return selector ? selectorNotFound(resource, index, selector, { field: 'workloadSelector.labels', effect: 'configures no proxy' }) : [];
  },
};
