import type { Analyzer } from '../analyzer';
import { selectorNotFound } from '../common/selector-not-found';
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
    return selector ? selectorNotFound(resource, index, selector, { field: 'selector.matchLabels', effect: 'applies to nothing' }) : [];
  },
};
