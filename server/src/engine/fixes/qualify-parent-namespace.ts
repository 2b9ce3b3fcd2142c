import { enclosingParentRef } from './gateway-api-refs';
import { setMapValue } from '../edit/set-map-value';
import { eolOf } from '../edit/text-edit';
import { parentKey } from '../model/gateway-api/attachment';
import { isGatewayApiRoute } from '../model/gateway-api/views';
import { dataString, type FixProvider } from './fix';

/**
 * `data: { fix: 'qualify-parent-namespace', namespace, parentKind, name }` (IY0201 on a parentRef's `name`): the parent
 * exists in another namespace; set `namespace:` on the parentRef (added in the map's block or flow style, or rewritten).
 */
export const qualifyParentNamespace: FixProvider = {
  id: 'qualify-parent-namespace',
  fixKind: 'qualify-parent-namespace',
  fixes(finding, { engine, resource }) {
    const namespace = dataString(finding, 'namespace');
    const kind = dataString(finding, 'parentKind');
    const name = dataString(finding, 'name');
    if (!namespace || !kind || !name || !resource || !isGatewayApiRoute(resource)) return [];
    const found = enclosingParentRef(resource, finding.range.start);
    if (!found) return [];
    const key = parentKey(found.ref, resource.namespace);
    // A finding computed on other text (or data naming another parent) must not edit this one.
    if (key.name !== name || key.kind !== kind || key.namespace === namespace) return [];
    if (!engine.workspace.index.find(key.group, key.kind, namespace, key.name).length) return [];
    const text = resource.file.text;
    const edit = setMapValue(text, found.map, 'namespace', namespace, eolOf(text));
    if (!edit) return [];
    return [{ title: `Set namespace: ${namespace} on the parentRef`, changes: { [resource.uri]: [edit] }, isPreferred: true }];
  },
};
