import { nameList, policiesIn } from '../../model/selector-overlap';
import { finding, relatedTo, type Analyzer } from '../analyzer';
import { telemetryGroup } from './group';
import { isNamespaceDefault } from './scope';

/**
 * IST0160: more than one Telemetry of a namespace without selector; each is the namespace's default (the mesh's,
 * in the root namespace), so which one applies is undefined. Reported on each.
 */
export const telemetryMultipleWithoutSelector: Analyzer = {
  id: 'multiple-without-selector',
  group: telemetryGroup,
  kind: 'Telemetry',
  analyze(resource, { index, mesh }) {
    if (!isNamespaceDefault(resource)) return [];
    const defaults = policiesIn(index, resource.group, resource.kind, resource.namespace).filter(isNamespaceDefault);
    if (defaults.length < 2) return [];
    const scope = resource.namespace === mesh().rootNamespace ? 'the whole mesh (this is the root namespace)' : `every workload of namespace ${resource.namespace}`;
    const message =
      `The Telemetries ${nameList(defaults)} in namespace ${resource.namespace} have no workload selector: each claims ${scope}, ` +
      `and which one applies is undefined. Merge them into one Telemetry, or give the others a selector.`;
    const related = defaults.filter((t) => t !== resource).map((t) => relatedTo(t, `Telemetry ${t.namespace}/${t.name}, also without selector`));
    return [finding('IST0160', resource, resource.anchor, message, related)];
  },
};
