import { hostsOverlap } from '../../hosts';
import type { Labels } from '../kubernetes-views';
import { gatewayApiGroup, type LabelSelectorView, type ListenerView } from './views';

/** What a listener admits, as the Gateway API defines it and Istio implements it (gatewaycommon's supported kinds). */

export interface RouteGroupKind {
  group: string;
  kind: string;
}

const kindOf = (kind: string): RouteGroupKind => ({ group: gatewayApiGroup, kind });

/** Istio's waypoint tunnel protocol: it carries any application protocol, so routes of every kind may attach. */
export const hboneProtocol = 'HBONE';

/**
 * The route kinds a listener's protocol can carry; undefined for a protocol this model does not know (an
 * implementation-specific one), which no check judges.
 */
export function kindsForProtocol(listener: ListenerView): RouteGroupKind[] | undefined {
  switch (listener.protocol?.value) {
    case 'HTTP':
    case 'HTTPS':
      return [kindOf('HTTPRoute'), kindOf('GRPCRoute')];
    case 'TLS':
      // A terminating TLS listener hands plain TCP to its routes.
      return listener.tls?.mode?.value === 'Terminate' ? [kindOf('TLSRoute'), kindOf('TCPRoute')] : [kindOf('TLSRoute')];
    case 'TCP':
      return [kindOf('TCPRoute')];
    case 'UDP':
      return [kindOf('UDPRoute')];
    case hboneProtocol:
      return [kindOf('HTTPRoute'), kindOf('GRPCRoute'), kindOf('TCPRoute'), kindOf('TLSRoute')];
    default:
      return undefined;
  }
}

/** `allowedRoutes.kinds` entries the listener's protocol cannot carry (Istio reports them as InvalidRouteKinds). */
export function unsupportedAllowedKinds(listener: ListenerView): NonNullable<ListenerView['kinds']> {
  const supported = kindsForProtocol(listener);
  if (!supported || !listener.kinds) return [];
  return listener.kinds.filter((k) => !supported.some((s) => s.kind === k.kind.value && s.group === (k.group ?? gatewayApiGroup)));
}

/** The kinds the listener admits: the protocol's, narrowed by `allowedRoutes.kinds`; undefined when not judged. */
export function admittedKinds(listener: ListenerView): RouteGroupKind[] | undefined {
  const supported = kindsForProtocol(listener);
  if (!supported || !listener.kinds) return supported;
  return supported.filter((s) => listener.kinds!.some((k) => k.kind.value === s.kind && (k.group ?? gatewayApiGroup) === s.group));
}

/** Whether the listener admits routes of that kind; true when the listener's protocol is not judged. */
export function listenerAdmitsKind(listener: ListenerView, routeKind: string): boolean {
  const kinds = admittedKinds(listener);
  return !kinds || kinds.some((k) => k.group === gatewayApiGroup && k.kind === routeKind);
}

/** How a listener's `allowedRoutes.namespaces` judges a route namespace: true, false, or undefined when it cannot be known. */
export function listenerAdmitsNamespace(
  listener: ListenerView,
  gatewayNamespace: string,
  routeNamespace: string,
  namespaceLabels: (name: string) => Labels | undefined,
): boolean | undefined {
  switch (listener.from?.value ?? 'Same') {
    case 'Same':
      return routeNamespace === gatewayNamespace;
    case 'All':
      return true;
    case 'Selector': {
      if (!listener.selector) return false;
      const labels = namespaceLabels(routeNamespace);
      if (!labels) return undefined;
      return selectorMatches(listener.selector, { ...labels, 'kubernetes.io/metadata.name': routeNamespace });
    }
    default:
      // `None` (ListenerSet's allowedListeners) or an unknown value: nothing is admitted on a value the schema rejects anyway.
      return undefined;
  }
}

/** A Kubernetes LabelSelector (matchLabels and matchExpressions, ANDed) against labels. */
export function selectorMatches(selector: LabelSelectorView, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (labels[key] !== value) return false;
  for (const { key, operator, values } of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * Whether a route's hostnames and a listener's hostname share a host (the spec's intersection: absent means any,
 * `*.a.b` covers deeper names but not `a.b`, in both directions).
 */
export function hostnamesIntersect(routeHostnames: readonly string[], listenerHostname: string | undefined): boolean {
  if (!listenerHostname || !routeHostnames.length) return true;
  return routeHostnames.some((h) => hostsOverlap(h.trim().toLowerCase(), listenerHostname.trim().toLowerCase()));
}

interface HostnameIndex {
  /** Listeners without hostname: every host. */
  any: ListenerView[];
  /** By exact hostname. */
  exact: Map<string, ListenerView[]>;
  /** Exact-hostname listeners by each proper parent domain of their hostname (`a.b.c` under `b.c` and `c`). */
  under: Map<string, ListenerView[]>;
  wildcards: Array<{ listener: ListenerView; host: string }>;
}

const hostnameIndexes = new WeakMap<readonly ListenerView[], HostnameIndex>();

function hostnameIndexOf(listeners: readonly ListenerView[]): HostnameIndex {
  let index = hostnameIndexes.get(listeners);
  if (index) return index;
  index = { any: [], exact: new Map(), under: new Map(), wildcards: [] };
  const add = (map: Map<string, ListenerView[]>, key: string, l: ListenerView) => {
    const list = map.get(key);
    if (list) list.push(l);
    else map.set(key, [l]);
  };
  for (const listener of listeners) {
    const host = listener.hostname?.value.trim().toLowerCase();
    if (!host) index.any.push(listener);
    else if (host.startsWith('*')) index.wildcards.push({ listener, host });
    else {
      add(index.exact, host, listener);
      for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) add(index.under, host.slice(dot + 1), listener);
    }
  }
  hostnameIndexes.set(listeners, index);
  return index;
}

/**
 * The listeners of `selected` (a subset of the owner's `all`, in its order) whose hostname intersects one of the
 * route's hostnames. Indexed by hostname, so thousands of listeners and routes do not meet pairwise.
 */
export function listenersServing(routeHostnames: readonly string[], selected: readonly ListenerView[], all: readonly ListenerView[]): ListenerView[] {
  if (!routeHostnames.length) return [...selected];
  if (selected.length < 32) return selected.filter((l) => hostnamesIntersect(routeHostnames, l.hostname?.value));
  const index = hostnameIndexOf(all);
  const hits = new Set<ListenerView>(index.any);
  for (const raw of routeHostnames) {
    const host = raw.trim().toLowerCase();
    if (host === '*') return [...selected];
    if (host.startsWith('*')) {
      // `*.a.b` meets listeners named under a.b, and wildcard listeners either side of it.
      for (const l of index.under.get(host.slice(2)) ?? []) hits.add(l);
    } else {
      for (const l of index.exact.get(host) ?? []) hits.add(l);
    }
    for (const { listener, host: pattern } of index.wildcards) if (hostsOverlap(pattern, host)) hits.add(listener);
  }
  return selected.filter((l) => hits.has(l));
}

const isTcpUdp = (protocol: string) => protocol === 'TCP' || protocol === 'UDP';
const isHttpLike = (protocol: string) => protocol === 'HTTP' || protocol === 'HTTPS' || protocol === 'TLS';
const hostnameOrAny = (listener: ListenerView) => listener.hostname?.value.trim().toLowerCase() || '*';

/**
 * Why a listener cannot coexist with an earlier one of the same Gateway (Istio programs the earlier and marks this one
 * Conflicted), or undefined: the same port with an L4 and an HTTP-like protocol, two L4 ones, or HTTP-like ones with the
 * same hostname.
 */
export function listenerConflict(listener: ListenerView, earlier: ListenerView): 'ProtocolConflict' | 'HostnameConflict' | undefined {
  if (!listener.port || !earlier.port || listener.port.value !== earlier.port.value) return undefined;
  const a = listener.protocol?.value ?? '';
  const b = earlier.protocol?.value ?? '';
  let distinct: boolean;
  if ((isTcpUdp(a) && isHttpLike(b)) || (isHttpLike(a) && isTcpUdp(b)) || (isTcpUdp(a) && isTcpUdp(b))) distinct = false;
  else if (isHttpLike(a) && isHttpLike(b)) distinct = hostnameOrAny(listener) !== hostnameOrAny(earlier);
  else distinct = a !== b;
  if (distinct) return undefined;
  if (isTcpUdp(a) && isTcpUdp(b)) return 'ProtocolConflict';
  return a !== b ? 'ProtocolConflict' : 'HostnameConflict';
}

/**
 * Each listener that loses to an earlier winner, with that winner, in listener order (Istio compares against the
 * listeners that won only). Grouped by port and hostname, so a Gateway with thousands of listeners stays linear.
 */
export function conflictedListeners(listeners: readonly ListenerView[]): Array<{ listener: ListenerView; winner: ListenerView }> {
  const out: Array<{ listener: ListenerView; winner: ListenerView }> = [];
  // Per port, the first winner of each group: every winner of a group conflicts with the same newcomers.
  const byPort = new Map<number, { l4?: ListenerView; httpLike?: ListenerView; byHost: Map<string, ListenerView>; byProtocol: Map<string, ListenerView> }>();
  const order = new Map<ListenerView, number>();
  listeners.forEach((l, i) => order.set(l, i));
  const earliest = (...found: Array<ListenerView | undefined>) =>
    found.filter((l): l is ListenerView => l !== undefined).sort((x, y) => order.get(x)! - order.get(y)!)[0];
  for (const listener of listeners) {
    if (!listener.port) continue;
    let port = byPort.get(listener.port.value);
    if (!port) byPort.set(listener.port.value, (port = { byHost: new Map(), byProtocol: new Map() }));
    const protocol = listener.protocol?.value ?? '';
    const host = hostnameOrAny(listener);
    const winner = isTcpUdp(protocol)
      ? earliest(port.l4, port.httpLike)
      : isHttpLike(protocol)
        ? earliest(port.byHost.get(host), port.l4)
        : port.byProtocol.get(protocol);
    if (winner) {
      out.push({ listener, winner });
      continue;
    }
    if (isTcpUdp(protocol)) port.l4 ??= listener;
    if (isHttpLike(protocol)) {
      port.httpLike ??= listener;
      if (!port.byHost.has(host)) port.byHost.set(host, listener);
    }
    if (!port.byProtocol.has(protocol)) port.byProtocol.set(protocol, listener);
  }
  return out;
}
