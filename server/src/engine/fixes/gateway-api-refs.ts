import type { YAMLMap } from 'yaml';
import { routeView, type BackendRefView, type ParentRefView } from '../model/gateway-api/views';
import type { Resource } from '../model/resource';
import { mapWithValueAt } from '../edit/enclosing-map';

/** The parentRef of a Gateway API route whose `name` (or `sectionName`) value starts at `offset`, with its map. */
export function enclosingParentRef(route: Resource, offset: number): { ref: ParentRefView; map: YAMLMap } | undefined {
  const ref = routeView(route).parentRefs.find((r) => r.name?.range.start === offset || r.sectionName?.range.start === offset);
  const map = ref && mapWithValueAt(route.root, ref.name?.range.start === offset ? 'name' : 'sectionName', offset);
  return ref && map && map.range?.[0] === ref.range.start ? { ref, map } : undefined;
}

/** The backendRef (or RequestMirror backendRef) of a Gateway API route whose `name` value starts at `offset`, with its map. */
export function enclosingBackendRef(route: Resource, offset: number): { ref: BackendRefView; map: YAMLMap } | undefined {
  const ref = routeView(route)
    .rules.flatMap((rule) => [...rule.backendRefs, ...rule.mirrors])
    .find((r) => r.name?.range.start === offset);
  const map = ref && mapWithValueAt(route.root, 'name', offset);
  return ref && map && map.range?.[0] === ref.range.start ? { ref, map } : undefined;
}
