import { hostCovers, resolveServiceHost } from '../hosts';
import { asMap, getValue } from '../parse/yaml-nodes';
import type { IndexLookups } from '../workspace/resource-index';
import { labelsOf, type Labels } from './kubernetes-views';
import type { Resource } from './resource';
import { findDestinationService } from './service-registry';
import { serviceEntryView } from './serviceentry-views';

/**
 * Which service a DestinationRule host names, the way istioctl's analyzers look it up: the same lookup as a
 * VirtualService destination's (`findDestinationService`), from the rule's namespace and exportTo.
 */

const networkingGroup = 'networking.istio.io';

export interface DestinationService {
  resource: Resource;
  /** A ServiceEntry's `workloadSelector.labels`; istioctl gives a Service none (not even its selector). */
  workloadSelector?: Labels;
}

/** The Service or ServiceEntry a host reaches from `namespace` under istioctl's lookup; `'uncertain'` when a placeholder leaves it open. */
export function destinationService(index: IndexLookups, host: string, namespace: string, exportTo: readonly string[]): DestinationService | 'uncertain' | undefined {
  const found = findDestinationService(index, host, { namespace, exportTo });
  if (found === undefined || found === 'uncertain') return found;
  return found.kind === 'serviceentry' ? withSelector(found.resource) : { resource: found.resource };
}

/** A Service or ServiceEntry whose host a wildcard host covers (any namespace), for hosts istioctl never finds. */
export function serviceCoveredBy(index: IndexLookups, wildcard: string): Resource | undefined {
  const pattern = wildcard.trim().toLowerCase();
  return (
    index.ofKind('', 'Service').find((s) => hostCovers(pattern, resolveServiceHost(s.name, s.namespace))) ??
    index.ofKind(networkingGroup, 'ServiceEntry').find((se) => serviceEntryView(se).hosts.some((h) => hostCovers(pattern, resolveServiceHost(h.value, se.namespace))))
  );
}

function withSelector(entry: Resource): DestinationService {
  const selector = labelsOf(getValue(asMap(getValue(asMap(getValue(entry.root, 'spec')), 'workloadSelector')), 'labels'), entry.document.yaml);
  return selector ? { resource: entry, workloadSelector: selector } : { resource: entry };
}
