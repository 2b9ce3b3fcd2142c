import type { Finding, FindingData } from '../../finding';
import { attachmentOf, parentController, parentKey, type Attachment, type ParentKey } from '../../model/gateway-api/attachment';
import type { IndexLookups } from '../../workspace/resource-index';
import { routeView, type ListenerView, type ParentRefView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { hasPlaceholder } from '../../text/templating';
import { finding, relatedTo } from '../analyzer';
import { forEveryRouteKind } from './route-analyzers';

/**
 * IY0201, IY0203–IY0206: each parentRef of a route must attach, judged as the route's `status.parents` would report
 * it after apply. One finding per parentRef, for the first stage that fails (the one condition its status shows).
 */
export const routeParentAnalyzers = forEveryRouteKind('gateway-api-route-parents', (resource, { index }) => {
  const findings: Finding[] = [];
  for (const ref of routeView(resource).parentRefs) {
    if (!ref.name || hasPlaceholder(ref.name.value) || (ref.namespace && hasPlaceholder(ref.namespace.value))) continue;
    const attachment = attachmentOf(resource, ref, index);
    const out = describe(resource, ref, attachment, index);
    if (out) findings.push(out);
  }
  return findings;
});

function describe(route: Resource, ref: ParentRefView, attachment: Attachment, index: IndexLookups): Finding | undefined {
  const key = parentKey(ref, route.namespace);
  switch (attachment.status) {
    case 'accepted':
    case 'foreign':
    case 'unknown':
      return undefined;
    case 'missing':
      return missingParent(route, ref, key, attachment.elsewhere);
    case 'rejected': {
      // Istio does not program routes on a remote Gateway: it reports nothing about them.
      if (parentController(attachment.parent, index) === 'remote') return undefined;
      const parent = `${attachment.parent.kind} ${attachment.parent.namespace}/${attachment.parent.name}`;
      const related = [relatedTo(attachment.parent, parent), ...listenerLocations(attachment.parent, attachment.listeners)];
      switch (attachment.reason) {
        case 'NoMatchingParent': {
          const names = attachment.listeners.map(listenerLabel).join(', ') || 'none';
          const range = ref.sectionName?.range ?? ref.port?.range ?? ref.range;
          return finding(
            'IY0203',
            route,
            range,
            `${route.kind} ${route.namespace}/${route.name} does not attach to ${parent}: ${attachment.detail} (its listeners: ${names}). ` +
              `After apply its status says Accepted=False, reason NoMatchingParent. Name one of its listeners in sectionName/port, or drop them to attach to every listener.`,
            related,
            { gateway: `${attachment.parent.namespace}/${attachment.parent.name}` },
          );
        }
        case 'NoMatchingListenerHostname': {
          const hostnames = routeView(route).hostnames.map((h) => h.value);
          const listenerHosts = attachment.listeners.map((l) => `${listenerLabel(l)}: ${l.hostname?.value ?? '*'}`).join(', ');
          return finding(
            'IY0206',
            route,
            ref.sectionName?.range ?? ref.name?.range ?? ref.range,
            `None of the hostnames of ${route.kind} ${route.namespace}/${route.name} (${hostnames.join(', ')}) is served by a listener of ${parent} it targets (${listenerHosts}). ` +
              `After apply its status says Accepted=False, reason NoMatchingListenerHostname, and no request reaches it. Fix the hostnames, or give the Gateway a listener for them.`,
            related,
            {
              fix: 'add-listener-for-hostname',
              parentKind: attachment.parent.kind,
              gateway: `${attachment.parent.namespace}/${attachment.parent.name}`,
              listener: attachment.listeners.find((l) => l.name)?.name?.value ?? '',
              hostnames,
            },
          );
        }
        case 'NotAllowedByListeners:namespace': {
          const froms = attachment.listeners.map((l) => `${listenerLabel(l)}: from ${l.from?.value ?? 'Same (default)'}`).join(', ');
          const remedy =
            route.namespace === attachment.parent.namespace
              ? 'Label the namespace so the selector admits it.'
              : `Set allowedRoutes.namespaces.from to All, or to Selector with a selector that admits namespace ${route.namespace} (its kubernetes.io/metadata.name label is its name).`;
          return finding(
            'IY0204',
            route,
            ref.namespace?.range ?? ref.name?.range ?? ref.range,
            `${parent} does not admit routes from namespace ${route.namespace} (${froms}). After apply the route's status says Accepted=False, reason NotAllowedByListeners. ${remedy}`,
            related,
          );
        }
        case 'NotAllowedByListeners:kind': {
          const kinds = attachment.listeners.map((l) => `${listenerLabel(l)} (${l.protocol?.value ?? 'no protocol'})`).join(', ');
          return finding(
            'IY0205',
            route,
            ref.sectionName?.range ?? ref.name?.range ?? ref.range,
            `The listeners of ${parent} that this parentRef targets do not admit ${route.kind} (${kinds}: by protocol or allowedRoutes.kinds). ` +
              `After apply the route's status says Accepted=False, reason NotAllowedByListeners. Target a listener whose protocol carries ${route.kind}, or add it to allowedRoutes.kinds.`,
            related,
          );
        }
      }
    }
  }
}

function missingParent(route: Resource, ref: ParentRefView, key: ParentKey, elsewhere: Resource[]): Finding {
  const namespaces = [...new Set(elsewhere.map((r) => r.namespace))].filter((ns) => ns !== key.namespace);
  let message = `Parent ${key.kind} ${key.namespace}/${key.name} not found`;
  if (namespaces.length && !ref.namespace) {
    message += `. A ${key.kind} of that name exists in namespace ${namespaces.join(', ')}: a parentRef without namespace means the route's own namespace, so add "namespace: ${namespaces[0]}".`;
  } else if (namespaces.length) {
    message += `. It exists in namespace ${namespaces.join(', ')}.`;
  } else {
    message += `; the route attaches to nothing and serves no request. Create the ${key.kind} or fix the reference.`;
  }
  const data: FindingData = namespaces.length ? { fix: 'qualify-parent-namespace', namespace: namespaces[0], parentKind: key.kind, name: key.name } : { parentKind: key.kind, name: key.name };
  return finding('IY0201', route, ref.name?.range ?? ref.range, message, elsewhere.map((r) => relatedTo(r, `${r.kind} ${r.namespace}/${r.name}`)), data);
}

export function listenerLabel(listener: ListenerView): string {
  const name = listener.name?.value ?? '<unnamed>';
  return listener.port ? `${name} (port ${listener.port.value})` : name;
}

function listenerLocations(parent: Resource, listeners: readonly ListenerView[]) {
  return listeners.slice(0, 5).map((l) => ({ uri: parent.uri, range: l.name?.range ?? l.range, message: `listener ${listenerLabel(l)}` }));
}
