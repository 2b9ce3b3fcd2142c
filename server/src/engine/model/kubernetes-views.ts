import { isAlias, type Document, type Node } from 'yaml';
import type { OffsetRange } from '../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf, scalarText, type LocatedString } from '../parse/yaml-nodes';
import type { Resource } from './resource';
import { SharedView } from './shared-view';
import { hasPlaceholder } from '../text/templating';

/** Located views of core Kubernetes objects (Services, workloads) that the Istio checks read. */

export type Labels = Readonly<Record<string, string>>;

export interface ServicePortView {
  name?: LocatedString;
  /** The Service port (what a route's `destination.port.number` names); undefined when absent or not a number. */
  port?: number;
  protocol?: string;
  appProtocol?: string;
  targetPort?: string;
  /** Where a finding about the port as a whole points: its name, else its `port` value, else the item. */
  anchor: OffsetRange;
}

export interface ServiceView {
  ports: ServicePortView[];
  /** `spec.selector`; undefined when absent (a Service without selector has no pods of its own). */
  selector?: Labels;
  type?: string;
}

const services = new SharedView('service', (r) => r.kind === 'Service' && r.group === '', readServiceView);
const podLabelViews = new SharedView('podLabels', (r) => workloadKinds.has(r.kind), (r) => ({ labels: readPodLabels(r) }));

/** The node an alias (`*name`) stands for, given its document; other nodes as they are. */
export function dealias(node: unknown, doc: Document | undefined): unknown {
  if (!isAlias(node) || !doc) return node;
  try {
    return node.resolve(doc);
  } catch {
    return undefined;
  }
}

/**
 * A string → string map of a YAML map node (aliases resolved when `doc` is given); non-scalar
 * values are skipped. Undefined when the node is not a map.
 */
export function labelsOf(node: unknown, doc?: Document): Labels | undefined {
  const map = asMap(dealias(node, doc));
  // Labels a template writes whole (`labels: {{ toYaml .Values.labels }}`): an open map, as a placeholder key makes it.
  const written = map ? undefined : scalarText(dealias(node, doc));
  if (written !== undefined && hasPlaceholder(written)) return { [written]: written };
  if (!map) return undefined;
  const out: Record<string, string> = {};
  for (const pair of map.items) {
    const key = scalarText(dealias(pair.key, doc));
    const value = scalarText(dealias(pair.value, doc));
    if (key !== undefined && value !== undefined) out[key] = value;
  }
  return out;
}

/** Whether every label of `selector` is present with the same value in `labels` (an empty selector selects everything). */
export function labelsMatch(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** "k=v,k2=v2", the way kubectl prints a selector. */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function isKubernetesService(resource: Resource): boolean {
  return resource.group === '' && resource.kind === 'Service';
}

export function serviceView(resource: Resource): ServiceView {
  return services.of(resource);
}

function readServiceView(resource: Resource): ServiceView {
  const spec = asMap(getValue(resource.root, 'spec'));
  const ports: ServicePortView[] = [];
  for (const item of asSeq(getValue(spec, 'ports'))?.items ?? []) {
    const map = asMap(item);
    if (!map) continue;
    const name = locatedString(getValue(map, 'name'));
    const portNode = getValue(map, 'port');
    const portText = scalarText(portNode);
    const port = portText !== undefined && /^\d+$/.test(portText) ? Number(portText) : undefined;
    const anchorNode: Node = (name ? getValue(map, 'name') : portNode) ?? map;
    const out: ServicePortView = { anchor: rangeOf(anchorNode) };
    if (name) out.name = name;
    if (port !== undefined) out.port = port;
    const protocol = scalarText(getValue(map, 'protocol'));
    if (protocol) out.protocol = protocol;
    const appProtocol = scalarText(getValue(map, 'appProtocol'));
    if (appProtocol) out.appProtocol = appProtocol;
    const targetPort = scalarText(getValue(map, 'targetPort'));
    if (targetPort) out.targetPort = targetPort;
    ports.push(out);
  }
  const view: ServiceView = { ports };
  const selectorEntry = getEntry(spec, 'selector');
  const selector = selectorEntry ? labelsOf(selectorEntry.value, resource.document.yaml) : undefined;
  if (selector) view.selector = selector;
  const type = scalarText(getValue(spec, 'type'));
  if (type) view.type = type;
  return view;
}

/**
 * The labels of the pods a workload runs: a Pod's own labels, a controller's pod template labels,
 * a CronJob's job template's, a WorkloadEntry's `spec.labels`. Undefined for other kinds.
 */
export function podLabels(resource: Resource): Labels | undefined {
  return podLabelViews.of(resource).labels;
}

/** The kinds `podLabels` reads labels of. */
const workloadKinds = new Set(['Pod', 'WorkloadEntry', 'CronJob', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

function readPodLabels(resource: Resource): Labels | undefined {
  const doc = resource.document.yaml;
  const metadataLabels = (map: unknown) => labelsOf(getValue(asMap(getValue(asMap(map), 'metadata')), 'labels'), doc) ?? {};
  const spec = asMap(getValue(resource.root, 'spec'));
  switch (resource.kind) {
    case 'Pod':
      return metadataLabels(resource.root);
    case 'WorkloadEntry':
      return resource.group === 'networking.istio.io' ? labelsOf(getValue(spec, 'labels'), doc) ?? {} : undefined;
    case 'CronJob':
      return metadataLabels(getValue(asMap(getValue(asMap(getValue(spec, 'jobTemplate')), 'spec')), 'template'));
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return metadataLabels(getValue(spec, 'template'));
    default:
      return undefined;
  }
}
