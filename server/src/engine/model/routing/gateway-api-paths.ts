import { hasPlaceholder } from '../../text/templating';

/** The path condition of a Gateway API route match, as Istio derives it (pilot/pkg/config/kube/gateway/conversion.go createURIMatch, createGRPCURIMatch). */

/** A path condition as Istio builds it from a route match. */
export interface PathCondition {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
  /** How a GRPCRoute method is shown in reasons, e.g. `method service "pkg.Svc"`. */
  label?: string;
}

/** The path condition of an HTTPRouteMatch (default PathPrefix `/`, a trailing `/` of a prefix dropped); a string says why it cannot be read. */
export function httpRoutePath(match: Record<string, unknown> | undefined): PathCondition | string {
  const path = match?.path;
  if (path === undefined || path === null) return { type: 'PathPrefix', value: '/' };
  if (typeof path !== 'object' || Array.isArray(path)) return 'path is not a map';
  const { type = 'PathPrefix', value = '/' } = path as { type?: unknown; value?: unknown };
  if (typeof value !== 'string' || hasPlaceholder(value)) return `path value ${JSON.stringify(value)} cannot be read`;
  if (type !== 'Exact' && type !== 'PathPrefix' && type !== 'RegularExpression') return `path type ${JSON.stringify(type)} is not Exact, PathPrefix or RegularExpression`;
  return { type, value: type === 'PathPrefix' && value !== '/' ? value.replace(/\/$/, '') : value };
}

/**
 * The path condition Istio derives from a GRPCRoute method match: Exact service+method → exact
 * `/s/m`; service alone → prefix `/s/`; method alone or RegularExpression → a regex; none → undefined.
 */
export function grpcMethodPath(method: unknown): PathCondition | undefined | string {
  if (method === undefined || method === null) return undefined;
  if (typeof method !== 'object' || Array.isArray(method)) return 'method is not a map';
  const { type = 'Exact', service, method: name } = method as { type?: unknown; service?: unknown; method?: unknown };
  for (const v of [service, name]) if (v !== undefined && (typeof v !== 'string' || hasPlaceholder(v))) return `method ${JSON.stringify(method)} cannot be read`;
  const s = service as string | undefined;
  const m = name as string | undefined;
  if (s === undefined && m === undefined) return 'method names neither service nor method';
  const label = `method ${[s !== undefined ? `service "${s}"` : '', m !== undefined ? `method "${m}"` : ''].filter(Boolean).join(' ')}`;
  if (type === 'Exact') {
    if (m === undefined) return { type: 'PathPrefix', value: `/${s}/`, label };
    if (s === undefined) return { type: 'RegularExpression', value: `/[^/]+/${escapeRegex(m)}`, label };
    return { type: 'Exact', value: `/${s}/${m}`, label };
  }
  if (type !== 'RegularExpression') return `method type ${JSON.stringify(type)} is not Exact or RegularExpression`;
  return { type: 'RegularExpression', value: `/${s ?? '[^/]+'}/${m ?? '.+'}`, label: `${label} (regular expressions)` };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
