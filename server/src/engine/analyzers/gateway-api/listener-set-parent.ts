import { listenerSetParent } from '../../model/gateway-api/listener-sets';
import { gatewayApiGroup, listenerOwnerView } from '../../model/gateway-api/views';
import { hasPlaceholder } from '../../text/templating';
import { finding, relatedTo, type Analyzer } from '../analyzer';

/**
 * IY0201 and IY0219 for a ListenerSet: its parent Gateway must exist and admit ListenerSets from its namespace
 * (`spec.allowedListeners.namespaces.from`, None when absent), or none of its listeners is programmed.
 */
export const listenerSetParentCheck: Analyzer = {
  id: 'gateway-api-listener-set-parent',
  group: gatewayApiGroup,
  kind: 'ListenerSet',
  analyze(resource, { index }) {
    const ref = listenerOwnerView(resource).parentRef;
    if (!ref?.name || hasPlaceholder(ref.name.value) || (ref.namespace && hasPlaceholder(ref.namespace.value))) return [];
    const parent = listenerSetParent(resource, index);
    if (parent.status === 'missing') {
      const namespaces = [...new Set(parent.elsewhere.map((g) => g.namespace))];
      const hint = namespaces.length ? ` A Gateway of that name exists in namespace ${namespaces.join(', ')}.` : ' Create the Gateway or fix the reference.';
      const message = `Parent Gateway ${parent.namespace}/${parent.name} not found: none of this ListenerSet's listeners is programmed.${hint}`;
      return [finding('IY0201', resource, ref.name.range, message, parent.elsewhere.map((g) => relatedTo(g, `Gateway ${g.namespace}/${g.name}`)))];
    }
    if (parent.status !== 'not-allowed') return [];
    const gateway = parent.gateway;
    const remedy =
      parent.from === 'None'
        ? `Its allowedListeners is ${listenerOwnerView(gateway).allowedListeners ? 'from: None' : 'absent (None by default)'}: set spec.allowedListeners.namespaces.from on the Gateway to Same, All or a Selector that admits namespace ${resource.namespace}.`
        : `Its allowedListeners.namespaces.from is ${parent.from}, which does not admit namespace ${resource.namespace}.`;
    const message = `Gateway ${gateway.namespace}/${gateway.name} does not accept this ListenerSet: after apply its status says Accepted=False, reason NotAllowed, and none of its listeners is programmed. ${remedy}`;
    return [finding('IY0219', resource, ref.name.range, message, [relatedTo(gateway, `Gateway ${gateway.namespace}/${gateway.name}`)])];
  },
};
