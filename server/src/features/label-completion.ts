import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { resolveServiceHost } from '../engine/hosts';
import { serviceView, type Labels } from '../engine/model/kubernetes-views';
import type { Resource } from '../engine/model/resource';
import { serviceWorkloads } from '../engine/model/routing/destinations';
import { assumedIngressGateway, gatewayNameLabel, workloadsOf, type SelectedWorkload } from '../engine/model/workload-selection';
import type { IndexLookups } from '../engine/workspace/resource-index';
import { closeness, sourceDetail, type SourceSite } from './completion-sources';

/** Which workloads a selector map may pick, and so whose labels it completes. */
export type LabelMapKind =
  /** A Gateway's `spec.selector`: gateway pods of any namespace first. */
  | { kind: 'gateway' }
  /** A DestinationRule subset's `labels`: the pods of the host's Service. */
  | { kind: 'subset'; host: string | undefined }
  /** A policy's workload selector: the pods of its namespace. */
  | { kind: 'namespace' };

/** The selector maps of Istio kinds whose keys are pod labels, by kind and path (`[]` for a sequence item). */
const labelMaps: Record<string, string[]> = {
  Gateway: ['spec.selector'],
  DestinationRule: ['spec.subsets.[].labels', 'spec.workloadSelector.matchLabels'],
  Sidecar: ['spec.workloadSelector.labels'],
  EnvoyFilter: ['spec.workloadSelector.labels'],
  ServiceEntry: ['spec.workloadSelector.labels'],
  AuthorizationPolicy: ['spec.selector.matchLabels'],
  RequestAuthentication: ['spec.selector.matchLabels'],
  PeerAuthentication: ['spec.selector.matchLabels'],
  Telemetry: ['spec.selector.matchLabels'],
  WasmPlugin: ['spec.selector.matchLabels'],
};

/** Whether `path` (of the map being typed in) is a pod-label map of `kind`, and which workloads it is about. */
export function labelMapAt(kind: string, path: readonly unknown[], specHost: string | undefined): LabelMapKind | undefined {
  const joined = path.join('.');
  if (!labelMaps[kind]?.includes(joined)) return undefined;
  if (kind === 'Gateway') return { kind: 'gateway' };
  if (joined === 'spec.subsets.[].labels') return { kind: 'subset', host: specHost };
  return { kind: 'namespace' };
}

interface Candidate {
  labels: Labels;
  /** The workload, or a description of the assumed ingress gateway. */
  source: Resource | string;
  /** 0 preferred (gateway pods for a Gateway, labels beyond the Service's selector for a subset). */
  preference: (key: string) => number;
}

function candidates(index: IndexLookups, map: LabelMapKind, namespace: string): Candidate[] {
  if (map.kind === 'namespace') return workloadsOf(index, namespace).map((w) => ({ labels: w.labels, source: w.resource, preference: () => 0 }));
  if (map.kind === 'gateway') {
    const isGateway = (w: SelectedWorkload) => 'istio' in w.labels || gatewayNameLabel in w.labels || /gateway/.test(w.resource.name);
    const assumed: Candidate = {
      labels: assumedIngressGateway.labels,
      source: `the ingress gateway pod ${assumedIngressGateway.namespace}/${assumedIngressGateway.name} (assumed installed)`,
      preference: () => 1,
    };
    return [...workloadsOf(index).map((w) => ({ labels: w.labels, source: w.resource, preference: () => (isGateway(w) ? 0 : 2) })), assumed];
  }
  if (!map.host) return [];
  const out: Candidate[] = [];
  for (const service of index.forHost('', 'Service', resolveServiceHost(map.host, namespace))) {
    const selector = serviceView(service).selector ?? {};
    // The Service's own selector labels are on every pod of it: they do not tell subsets apart.
    for (const w of serviceWorkloads(index, service)) out.push({ labels: w.labels, source: w.resource, preference: (key) => (key in selector ? 1 : 0) });
  }
  return out;
}

/**
 * In a pod-label map being typed (a Gateway selector, subset labels, a policy's workload selector): `key: value`
 * pairs of the labels the workloads in question carry (with `key` given: the values of that key), keys already in
 * the map left out. Each names the workload and file; the preferred workloads and the closest files sort first.
 */
export function labelItems(index: IndexLookups, map: LabelMapKind, site: SourceSite, taken: ReadonlySet<string>, key?: string): CompletionItem[] {
  const best = new Map<string, { rank: string; detail: string; count: number; label: string; text: string }>();
  for (const candidate of candidates(index, map, site.namespace)) {
    for (const [k, v] of Object.entries(candidate.labels)) {
      if (key !== undefined ? k !== key : taken.has(k)) continue;
      const label = key !== undefined ? v : `${k}: ${v}`;
      const near = typeof candidate.source === 'string' ? 1 : closeness(candidate.source, site.uri, site.namespace);
      const rank = `${candidate.preference(k)}${near}`;
      const detail = typeof candidate.source === 'string' ? candidate.source : sourceDetail(candidate.source);
      const seen = best.get(label);
      if (seen && seen.rank <= rank) {
        seen.count++;
        continue;
      }
      best.set(label, { rank, detail, count: (seen?.count ?? 0) + 1, label, text: key !== undefined ? quoted(v) : `${quoted(k)}: ${quoted(v)}` });
    }
  }
  return [...best.values()].map((b) => ({
    label: b.label,
    kind: CompletionItemKind.Value,
    detail: b.count > 1 ? `${b.detail} (and ${b.count - 1} more)` : b.detail,
    textEdit: { range: site.range, newText: b.text },
    sortText: `${b.rank}${b.label}`,
  }));
}

/** A label key or value as a YAML scalar: quoted when plain style would read it as something else. */
function quoted(value: string): string {
  return /^[A-Za-z0-9][\w./-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|~|[-+]?\d[\d._]*(e[-+]?\d+)?)$/i.test(value) ? value : JSON.stringify(value);
}
