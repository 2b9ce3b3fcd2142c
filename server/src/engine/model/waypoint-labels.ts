import { isScalar } from 'yaml';
import { asMap, getValue, locatedString, type LocatedString } from '../parse/yaml-nodes';
import type { IndexLookups } from '../workspace/resource-index';
import { metadataLabelsOf } from './gateway-api/views';
import { useWaypointLabel, useWaypointOf } from './gateway-api/waypoints';
import type { Resource } from './resource';

/**
 * `istio.io/use-waypoint` as ambient mode reads it: on a Namespace, Service, ServiceEntry, Pod or WorkloadEntry it names
 * the waypoint Gateway, in `istio.io/use-waypoint-namespace` when set, else the object's namespace (a Namespace's own name).
 */

const waypointKinds: ReadonlyArray<{ group: string; kind: string }> = [
  { group: '', kind: 'Namespace' },
  { group: '', kind: 'Service' },
  { group: 'networking.istio.io', kind: 'ServiceEntry' },
  { group: '', kind: 'Pod' },
  { group: 'networking.istio.io', kind: 'WorkloadEntry' },
];

function takesWaypoint(resource: Resource): boolean {
  return waypointKinds.some((k) => k.group === resource.group && k.kind === resource.kind);
}

/** The object's use-waypoint label value (located) and the waypoint it names; undefined for other kinds, no label or `none`. */
export function waypointLabelOf(resource: Resource): { entry: LocatedString; target: { namespace: string; name: string } } | undefined {
  if (!takesWaypoint(resource)) return undefined;
  // Read as the ambient checks read it: `none` opts out, use-waypoint-namespace overrides the object's namespace.
  const use = useWaypointOf(metadataLabelsOf(resource), resource.kind === 'Namespace' ? resource.name : resource.namespace);
  if (use?.kind !== 'named' || !use.name) return undefined;
  const labels = asMap(getValue(asMap(getValue(resource.root, 'metadata')), 'labels'));
  const pair = labels?.items.find((p) => isScalar(p.key) && String(p.key.value) === useWaypointLabel);
  const entry = locatedString(pair?.value);
  return entry ? { entry, target: { namespace: use.namespace, name: use.name } } : undefined;
}

/** Every use-waypoint label in the workspace that names the waypoint Gateway namespace/name. */
export function waypointLabelsNaming(index: IndexLookups, namespace: string, name: string): Array<{ resource: Resource; entry: LocatedString }> {
  const out: Array<{ resource: Resource; entry: LocatedString }> = [];
  for (const { group, kind } of waypointKinds) {
    for (const resource of index.ofKind(group, kind)) {
      // The plain labels first: only the few objects that name this waypoint are read from their trees.
      if (metadataLabelsOf(resource)[useWaypointLabel] !== name) continue;
      const label = waypointLabelOf(resource);
      if (label && label.target.namespace === namespace && label.target.name === name) out.push({ resource, entry: label.entry });
    }
  }
  return out;
}
