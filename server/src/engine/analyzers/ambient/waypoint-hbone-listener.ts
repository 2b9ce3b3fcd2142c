import { hboneProtocol } from '../../model/gateway-api/listeners';
import { gatewayApiGroup, listenerOwnerView, type ListenerView } from '../../model/gateway-api/views';
import { hasWaypointClass, hboneListener, hbonePort } from '../../model/gateway-api/waypoints';
import { finding, type Analyzer } from '../analyzer';

/**
 * IY0301: a waypoint (a Gateway of class istio-waypoint, or of a workspace GatewayClass run by istio.io/mesh-controller)
 * needs the listener zTunnel tunnels to: protocol HBONE on port 15008. istiod marks every other listener of a waypoint
 * not accepted ("Expected a single listener on port 15008 with protocol HBONE"), and without that one the waypoint
 * admits only its own namespace.
 */
export const waypointHboneListener: Analyzer = {
  id: 'waypoint-hbone-listener',
  group: gatewayApiGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    if (!hasWaypointClass(resource, index) || hboneListener(resource)) return [];
    const view = listenerOwnerView(resource);
    const range = view.className?.range ?? resource.anchor;
    const near = view.listeners.find((l) => l.protocol?.value === hboneProtocol || l.port?.value === hbonePort);
    let message = `Waypoint Gateway ${resource.namespace}/${resource.name} (class ${view.className?.value}) has no listener with protocol ${hboneProtocol} on port ${hbonePort}: zTunnel sends ambient traffic to the waypoint there`;
    message += near ? `; listener ${describe(near)} comes close but istiod does not accept it.` : '.';
    message += ` Add the listener {name: mesh, port: ${hbonePort}, protocol: ${hboneProtocol}} under spec.listeners (what \`istioctl waypoint generate\` writes).`;
    return [finding('IY0301', resource, range, message)];
  },
};

function describe(listener: ListenerView): string {
  const name = listener.name ? `"${listener.name.value}"` : '(unnamed)';
  return `${name} (protocol ${listener.protocol?.value ?? 'unset'}, port ${listener.port?.value ?? 'unset'})`;
}
