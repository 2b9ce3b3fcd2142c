import { builtinGatewayClasses } from '../../model/gateway-api/attachment';
import { gatewayApiGroup, listenerOwnerView } from '../../model/gateway-api/views';
import { hasPlaceholder } from '../../text/templating';
import { finding, type Analyzer } from '../analyzer';

/** IY0202: a gatewayClassName that is neither built in nor a GatewayClass of the workspace (a hint: another controller may own it). */
export const gatewayClassExists: Analyzer = {
  id: 'gateway-api-gateway-class',
  group: gatewayApiGroup,
  kind: 'Gateway',
  analyze(resource, { index }) {
    const className = listenerOwnerView(resource).className;
    if (!className || hasPlaceholder(className.value) || builtinGatewayClasses.includes(className.value)) return [];
    if (index.findInAnyNamespace(gatewayApiGroup, 'GatewayClass', className.value).length) return [];
    const message =
      `gatewayClassName "${className.value}" is not one of Istio's built-in classes (${builtinGatewayClasses.join(', ')}) and no GatewayClass of that name is in the workspace. ` +
      `Unless another controller owns it, nothing programs this Gateway and its status stays Accepted=Unknown (Pending).`;
    return [finding('IY0202', resource, className.range, message)];
  },
};
