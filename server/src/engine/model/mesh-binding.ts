import { parseGatewayRef } from './gateway-ref';
import { virtualServiceView } from './istio-views';
import type { Resource } from './resource';
import { stringItems, getValue, asMap } from '../parse/yaml-nodes';

/** Whether a VirtualService applies to sidecars: no `gateways`, or `mesh` among them. */
export function boundToMesh(virtualService: Resource): boolean {
  const gateways = virtualServiceView(virtualService).gateways;
  return !gateways.length || gateways.some((g) => parseGatewayRef(g.value, virtualService.namespace).mesh);
}

/** Whether a VirtualService is bound to at least one Gateway (not only the mesh). */
export function boundToGateway(virtualService: Resource): boolean {
  return virtualServiceView(virtualService).gateways.some((g) => !parseGatewayRef(g.value, virtualService.namespace).mesh);
}

/** A VirtualService's `exportTo`. */
export function virtualServiceExportTo(virtualService: Resource): string[] {
  return stringItems(getValue(asMap(getValue(virtualService.root, 'spec')), 'exportTo')).map((e) => e.value);
}

/** Whether some namespace sees both resources, given their `exportTo` (empty or `*` is every namespace, `.` the own one). */
export function exportScopesOverlap(a: readonly string[], aNamespace: string, b: readonly string[], bNamespace: string): boolean {
  const scope = (exportTo: readonly string[], own: string): Set<string> | 'all' => {
    if (!exportTo.length || exportTo.includes('*')) return 'all';
    return new Set(exportTo.map((e) => (e === '.' ? own : e)).filter((e) => e !== '~'));
  };
  const sa = scope(a, aNamespace);
  const sb = scope(b, bNamespace);
  if (sa === 'all') return sb === 'all' || sb.size > 0;
  if (sb === 'all') return sa.size > 0;
  return [...sa].some((ns) => sb.has(ns));
}
