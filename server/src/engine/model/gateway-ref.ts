/** A VirtualService's reference to a Gateway, resolved as Istio resolves it. */
export type GatewayRef = { mesh: true } | { mesh: false; namespace: string; name: string; explicitNamespace: boolean };

/** `mesh` is reserved; `ns/name` is explicit; `name.ns[.svc.cluster.local]` is the legacy form; `name` is in the VirtualService's namespace. */
export function parseGatewayRef(ref: string, virtualServiceNamespace: string): GatewayRef {
  const trimmed = ref.trim();
  if (trimmed === 'mesh') return { mesh: true };
  const slash = trimmed.indexOf('/');
  if (slash >= 0) return { mesh: false, namespace: trimmed.slice(0, slash), name: trimmed.slice(slash + 1), explicitNamespace: true };
  const dot = trimmed.indexOf('.');
  if (dot >= 0) {
    const [name, namespace] = trimmed.split('.');
    return { mesh: false, namespace, name, explicitNamespace: true };
  }
  return { mesh: false, namespace: virtualServiceNamespace, name: trimmed, explicitNamespace: false };
}
