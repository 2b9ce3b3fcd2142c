import type { Finding } from '../../finding';
import { backendKey, describeBackendKinds, grantsAllowing, isSupportedBackendKind, serviceBackend, type BackendKey } from '../../model/gateway-api/backends';
import { attachmentOf, isMeshParent, parentController, parentKey } from '../../model/gateway-api/attachment';
import type { ParentRefView } from '../../model/gateway-api/views';
import { routeView, type BackendRefView } from '../../model/gateway-api/views';
import type { Resource } from '../../model/resource';
import { hasPlaceholder } from '../../text/templating';
import type { IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo } from '../analyzer';
import { forEveryRouteKind } from './route-analyzers';

/**
 * IY0208–IY0212: every backendRef and RequestMirror backendRef of a route must lead somewhere Istio can send traffic:
 * a kind it routes to, a port, a Service that exists with that port, and a ReferenceGrant when it crosses namespaces.
 */
export const routeBackendAnalyzers = forEveryRouteKind('gateway-api-route-backends', (resource, { index }) => {
  const findings: Finding[] = [];
  const view = routeView(resource);
  // Istio enforces ReferenceGrants for routes it programs on Gateways, not for mesh routes (parents that are Services).
  const enforceGrants = !view.parentRefs.length || view.parentRefs.some((ref) => !isMeshParent(parentKey(ref, resource.namespace)));
  // Backend kinds are Istio's rule: a route whose every parent another controller programs may use that one's kinds.
  const istioKinds = !view.parentRefs.length || view.parentRefs.some((ref) => !isForeignParent(resource, ref, index));
  for (const rule of view.rules) {
    for (const ref of rule.backendRefs) findings.push(...checkBackend(resource, ref, 'backendRef', index, enforceGrants, istioKinds));
    for (const ref of rule.mirrors) findings.push(...checkBackend(resource, ref, 'RequestMirror backendRef', index, enforceGrants, istioKinds));
  }
  return findings;
});

function checkBackend(route: Resource, ref: BackendRefView, what: string, index: IndexLookups, enforceGrants: boolean, istioKinds: boolean): Finding[] {
  if (!ref.name || hasPlaceholder(ref.name.value) || (ref.namespace && hasPlaceholder(ref.namespace.value))) return [];
  const key = backendKey(ref, route.namespace);
  const label = `${what} ${describeKey(key)}`;
  if (!isSupportedBackendKind(key)) {
    if (!istioKinds) return [];
    const message =
      `${label}: Istio cannot route to kind ${key.group ? `${key.group}/` : ''}${key.kind} (it routes to ${describeBackendKinds()}). ` +
      `After apply the route's status says ResolvedRefs=False, reason InvalidKind, and requests to this backend fail with 500.`;
    return [finding('IY0208', route, ref.kind?.range ?? ref.group?.range ?? ref.range, message)];
  }
  const isService = key.group === '' && key.kind === 'Service';
  if (isService && key.name.includes('.')) {
    const message = `${label}: a Service backendRef takes the Service's name, not a host name ("${key.name}"). Write the name and set namespace if it is elsewhere (Istio reports ResolvedRefs=False).`;
    return [finding('IY0208', route, ref.name.range, message)];
  }
  const findings: Finding[] = [];
  const crossNamespace = key.namespace !== route.namespace;
  if (crossNamespace && enforceGrants && !grantsAllowing(index, { fromKind: route.kind, fromNamespace: route.namespace, to: key }).length) {
    const message =
      `${label} is in another namespace, and no ReferenceGrant in namespace ${key.namespace} allows ${route.kind}s from namespace ${route.namespace} to reference it. ` +
      `After apply the route's status says ResolvedRefs=False, reason RefNotPermitted, and requests to this backend fail with 500. Add the ReferenceGrant (quick fix).`;
    findings.push(
      finding('IY0211', route, ref.namespace?.range ?? ref.range, message, undefined, {
        fix: 'add-reference-grant',
        fromKind: route.kind,
        fromNamespace: route.namespace,
        toGroup: key.group,
        toKind: key.kind,
        toName: key.name,
        toNamespace: key.namespace,
      }),
    );
  }
  if (!isService && !(key.group === 'multicluster.x-k8s.io' && key.kind === 'ServiceImport')) return findings;
  const service = serviceBackend(index, key);
  if (!ref.port) {
    const ports = service.status === 'found' ? service.ports ?? [] : [];
    const known = ports.length ? ` Service ${key.namespace}/${key.name} exposes ${ports.join(', ')}.` : '';
    const data = ports.length === 1 ? { fix: 'set-backend-port', port: ports[0] } : undefined;
    findings.push(
      finding('IY0212', route, ref.name.range, `${label} has no port: the API server rejects the route ("Must have port for Service reference").${known} Set port.`, undefined, data),
    );
  }
  if (service.status === 'missing') {
    const candidates = service.candidates.length ? ` Services in namespace ${key.namespace}: ${service.candidates.slice(0, 8).join(', ')}.` : '';
    const message = `${label}: Service ${key.namespace}/${key.name} not found. After apply the route's status says ResolvedRefs=False, reason BackendNotFound, and requests to it fail with 500.${candidates}`;
    findings.push(finding('IY0209', route, ref.name.range, message));
  } else if (service.status === 'found' && ref.port && service.ports && !service.ports.includes(ref.port.value)) {
    const message =
      `${label}: Service ${key.namespace}/${key.name} has no port ${ref.port.value} (its ports: ${service.ports.join(', ') || 'none'}). ` +
      `No status condition reports this; requests sent to it fail with 503. Use one of the Service's ports (the Service port, not the targetPort).`;
    findings.push(finding('IY0210', route, ref.port.range, message, [relatedTo(service.service, `Service ${key.namespace}/${key.name}`)]));
  }
  return findings;
}

function describeKey(key: BackendKey): string {
  const kind = key.group === '' && key.kind === 'Service' ? '' : `${key.group ? `${key.group}/` : ''}${key.kind} `;
  return `${kind}${key.namespace}/${key.name}`;
}

/** Whether another controller than Istio programs the parent (judged only where the workspace says so). */
function isForeignParent(route: Resource, ref: ParentRefView, index: IndexLookups): boolean {
  const attachment = attachmentOf(route, ref, index);
  if (attachment.status === 'foreign') return true;
  return (attachment.status === 'accepted' || attachment.status === 'rejected') && parentController(attachment.parent, index) === 'foreign';
}
