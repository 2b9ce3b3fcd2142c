import { ambientNamespace } from '../../model/ambient';
import { nameList, policiesIn } from '../../model/selector-overlap';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { isNamespaceWide } from './scope';

/**
 * IST0111: more than one Sidecar of a namespace without workload selector; each would be the namespace's default,
 * so which one applies is undefined. Reported on each. In an ambient namespace IST0167 speaks instead.
 */
export const sidecarMultipleWithoutSelector: Analyzer = {
  id: 'multiple-without-selector',
  group: networkingGroup,
  kind: 'Sidecar',
  analyze(resource, { index }) {
    if (!isNamespaceWide(resource)) return [];
    const defaults = policiesIn(index, resource.group, resource.kind, resource.namespace).filter(isNamespaceWide);
    if (defaults.length < 2 || ambientNamespace(index, resource.namespace)) return [];
    const others = defaults.filter((s) => s !== resource);
    const message =
      `The Sidecars ${nameList(defaults)} in namespace ${resource.namespace} have no workload selector: each claims every workload of the namespace, ` +
      `and which one a proxy uses is undefined. Keep one Sidecar without selector per namespace, and give the others a workloadSelector.`;
    const related = others.map((s) => relatedTo(s, `Sidecar ${s.namespace}/${s.name}, also without workload selector`));
    return [finding('IST0111', resource, resource.anchor, message, related)];
  },
};
