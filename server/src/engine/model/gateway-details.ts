import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, stringItems, type LocatedString } from '../parse/yaml-nodes';
import { labelsOf, type Labels } from './kubernetes-views';
import { isIstioGroup, type Resource } from './resource';
import { SharedView } from './shared-view';
import { hasPlaceholder } from '../text/templating';

/** A Gateway's selector and servers (port, hosts, TLS), located. */

export interface GatewayServerDetail {
  index: number;
  port?: number;
  protocol?: string;
  hosts: LocatedString[];
  /** The port's `number` value, else the item. */
  anchor: OffsetRange;
  /** `bind`, "" when absent: servers on the same port with different binds listen apart. */
  bind: string;
  /** The `tls` block, when the server has one. */
  tls?: GatewayServerTls;
}

/** A server's `tls` block as istioctl's certificate checks read it. */
export interface GatewayServerTls {
  /** `tls.credentialName` when non-empty. */
  credentialName?: LocatedString;
  /** `tls.serverCertificate` and `tls.privateKey`, "" when absent. */
  serverCertificate: string;
  privateKey: string;
  /** The `serverCertificate` value, else the `tls` key. */
  anchor: OffsetRange;
  /** `tls.mode`, upper case; SIMPLE when absent (Istio's default). */
  mode: string;
}

export interface GatewayDetails {
  /** `spec.selector`; undefined when absent. */
  selector?: Labels;
  /** The `selector` key. */
  selectorKey?: OffsetRange;
  servers: GatewayServerDetail[];
}

const details = new SharedView('gatewayDetails', (r) => r.kind === 'Gateway' && isIstioGroup(r.group), readGatewayDetails);

export function gatewayDetails(resource: Resource): GatewayDetails {
  return details.of(resource);
}

function readGatewayDetails(resource: Resource): GatewayDetails {
  const spec = asMap(getValue(resource.root, 'spec'));
  const details: GatewayDetails = { servers: [] };
  const selectorEntry = getEntry(spec, 'selector');
  if (selectorEntry) {
    details.selectorKey = rangeOf(selectorEntry.key);
    const selector = labelsOf(selectorEntry.value, resource.document.yaml);
    if (selector) details.selector = selector;
  }
  asSeq(getValue(spec, 'servers'))?.items.forEach((item, index) => {
    const map = asMap(item);
    if (!map) return;
    const port = asMap(getValue(map, 'port'));
    const numberNode = getValue(port, 'number');
    const tlsEntry = getEntry(map, 'tls');
    const tls = asMap(tlsEntry?.value);
    const server: GatewayServerDetail = {
      index,
      hosts: stringItems(getValue(map, 'hosts')),
      anchor: rangeOf(numberNode ?? map),
      bind: locatedString(getValue(map, 'bind'))?.value ?? '',
    };
    if (tls && tlsEntry) server.tls = tlsOf(tls, tlsEntry.key);
    if (isScalar(numberNode) && typeof numberNode.value === 'number') server.port = numberNode.value;
    const protocol = locatedString(getValue(port, 'protocol'));
    if (protocol) server.protocol = protocol.value;
    details.servers.push(server);
  });
  return details;
}

function tlsOf(tls: YAMLMap, key: Node): GatewayServerTls {
  const credentialName = locatedString(getValue(tls, 'credentialName'));
  const serverCertificate = locatedString(getValue(tls, 'serverCertificate'));
  const out: GatewayServerTls = {
    serverCertificate: serverCertificate?.value ?? '',
    privateKey: locatedString(getValue(tls, 'privateKey'))?.value ?? '',
    anchor: serverCertificate?.range ?? rangeOf(key),
    mode: (locatedString(getValue(tls, 'mode'))?.value ?? 'SIMPLE').toUpperCase(),
  };
  if (credentialName && credentialName.value !== '') out.credentialName = credentialName;
  return out;
}

/** A canonical text of a selector (sorted `k=v`), so equal label sets give equal keys; undefined when a value is a placeholder. */
export function selectorKey(selector: Labels | undefined): string | undefined {
  if (!selector) return undefined;
  const entries = Object.entries(selector);
  if (entries.some(([, v]) => hasPlaceholder(v))) return undefined;
  return entries
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',');
}

/**
 * The selector a Gateway's pods are chosen by, as istioctl reads it: an absent selector is empty (it picks every
 * gateway pod). Undefined when a label value is a placeholder: then which pods it picks is unknown.
 */
export function effectiveSelector(resource: Resource): Labels | undefined {
  const details = gatewayDetails(resource);
  // A selector whose value is neither a map nor null is an unknown shape, not an empty selector.
  const value = getValue(asMap(getValue(resource.root, 'spec')), 'selector');
  if (!details.selector && value !== undefined && !(isScalar(value) && value.value === null)) return undefined;
  const selector = details.selector ?? {};
  return Object.values(selector).some(hasPlaceholder) ? undefined : selector;
}

/** A selector the way Kubernetes prints it (`k=v` joined by commas, sorted by key), as istioctl's messages name it. */
export function selectorText(selector: Labels): string {
  return Object.keys(selector)
    .sort()
    .map((k) => `${k}=${selector[k]}`)
    .join(',');
}

/** Whether every label of `small` is in `large` with the same value (the empty selector is a subset of all). */
export function selectorSubset(small: Labels, large: Labels): boolean {
  return Object.entries(small).every(([k, v]) => large[k] === v);
}

/** Gateways are filed under every workload alike: which Gateways share pods is decided by their selectors and the workloads, not by the index key. */
export const anyGatewayWorkload = '*';

/** The index key of a host on a port: istioctl compares host strings exactly (no wildcard matching), and only between servers with the same `bind`. */
export function listenerKey(bind: string, host: string): string {
  return `${bind}|${host}`;
}

/**
 * Which certificate a TLS server presents, as istioctl compares them: its credentialName when set, else its
 * serverCertificate and privateKey files when both are set; undefined otherwise (no certificate to share).
 */
export function certificateIdentity(tls: GatewayServerTls | undefined): string | undefined {
  if (!tls) return undefined;
  if (tls.credentialName) return hasPlaceholder(tls.credentialName.value) ? undefined : `credential:${tls.credentialName.value}`;
  if (!tls.serverCertificate || !tls.privateKey || hasPlaceholder(tls.serverCertificate) || hasPlaceholder(tls.privateKey)) return undefined;
  return `files:${tls.serverCertificate}|${tls.privateKey}`;
}
