import { setMapValue } from '../edit/set-map-value';
import { eolOf } from '../edit/text-edit';
import { backendKey, serviceBackend } from '../model/gateway-api/backends';
import { isGatewayApiRoute } from '../model/gateway-api/views';
import { enclosingBackendRef } from './gateway-api-refs';
import type { FixProvider } from './fix';

/**
 * `data: { fix: 'set-backend-port', port }` (IY0212 on a backendRef's `name`, offered when the Service has exactly one
 * port): set `port: <n>` on the backendRef, in the map's block or flow style.
 */
export const setBackendPort: FixProvider = {
  id: 'set-backend-port',
  fixKind: 'set-backend-port',
  fixes(finding, { engine, resource }) {
    const port = finding.data?.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || !resource || !isGatewayApiRoute(resource)) return [];
    const found = enclosingBackendRef(resource, finding.range.start);
    if (!found || found.ref.port) return [];
    const key = backendKey(found.ref, resource.namespace);
    // Only the port the Service has now, and only when it is its only one (the analyzer's condition, checked again).
    const service = serviceBackend(engine.workspace.index, key);
    if (service.status !== 'found' || service.ports?.length !== 1 || service.ports[0] !== port) return [];
    const text = resource.file.text;
    const edit = setMapValue(text, found.map, 'port', port, eolOf(text));
    if (!edit) return [];
    return [
      { title: `Set port: ${port} (the only port of Service ${key.namespace}/${key.name})`, changes: { [resource.uri]: [edit] }, isPreferred: true },
    ];
  },
};
