import { clusterDomain, hostCovers, resolveServiceHost, serviceHostNamespace } from '../../hosts';
import { asMap, getValue } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { backendKey, describeBackendKinds, grantsAllowing, isSupportedBackendKind } from '../gateway-api/backends';
import type { BackendRefView } from '../gateway-api/views';
import { destinationRuleDetails, type SubsetDetail } from '../destinationrule-details';
import { destinationRuleView } from '../istio-views';
import { formatLabels, labelsOf, serviceView, type Labels } from '../kubernetes-views';
import { describeResource, type Resource } from '../resource';
import { lookupHost } from '../service-registry';
import { selectorMatches, workloadsSelectedBy, type SelectedWorkload } from '../workload-selection';

/**
 * Where a route destination lands, as Istio resolves it: the FQDN, the DestinationRule a client applies to it (and
 * the subset's labels), the Service or ServiceEntry behind it and the workloads that receive the traffic.
 */

/** A link of the destination that does not hold, for pictures that draw it. */
export interface DestinationProblem {
  /** Which link: the host's service, the subset, the workloads behind them, the backendRef itself (kind, grant). */
  link: 'host' | 'subset' | 'workloads' | 'backend';
  /** True when the link is broken in these files; false when it only cannot be followed (defined elsewhere, a placeholder). */
  broken: boolean;
  message: string;
}

export interface ResolvedDestination {
  /** The FQDN (lower case); as written when it holds a placeholder. */
  host: string;
  subset: string | null;
  port: number | null;
  /** The DestinationRule that applies (the one defining the subset, when several are merged). */
  destinationRule: Resource | undefined;
  /** The subset's labels, when the subset is defined. */
  subsetLabels?: Labels;
  /** Where the subset is defined, when it is. */
  subsetDefinition?: SubsetDetail;
  /** The Service or ServiceEntry. */
  target: Resource | undefined;
  /** The workloads receiving the traffic; `describeResource` prints each as `Deployment ns/name`. */
  workloads: Resource[];
  warnings: string[];
  /** The same troubles as `warnings`, by link (additive to the brief's shape: the traffic graph draws them). */
  problems: DestinationProblem[];
}

/** Istio's default MeshConfig `rootNamespace`. */
export const defaultRootNamespace = 'istio-system';

export interface ResolveOptions {
  /** MeshConfig rootNamespace (default istio-system): its exported DestinationRules apply last. */
  rootNamespace?: string;
}

/** A VirtualService destination (`host` resolved in the route's namespace), seen from a client (sidecar or gateway) in `clientNamespace`. */
export function resolveIstioDestination(
  index: IndexLookups,
  destination: { host: string; subset?: string; port?: number },
  routeNamespace: string,
  clientNamespace: string,
  options: ResolveOptions = {},
): ResolvedDestination {
  const subset = destination.subset ? destination.subset : null;
  const port = destination.port ?? null;
  if (!destination.host.trim()) {
    const message = 'the destination has no host';
    return { ...empty('', subset, port), warnings: [message], problems: [{ link: 'host', broken: true, message }] };
  }
  if (hasPlaceholder(destination.host)) {
    const message = `host ${destination.host} holds a template placeholder: where it goes is not known until it is rendered`;
    return { ...empty(destination.host, subset, port), warnings: [message], problems: [{ link: 'host', broken: false, message }] };
  }
  const fqdn = resolveServiceHost(destination.host, routeNamespace);
  return resolveFqdn(index, fqdn, subset, port, clientNamespace, options);
}

/**
 * A Gateway API backendRef of a route in `routeNamespace` (kind `routeKind`), seen from a client in `clientNamespace`:
 * a Service ns/name is its cluster FQDN; a cross-namespace reference without a ReferenceGrant is refused, as Istio does.
 */
export function resolveBackend(
  index: IndexLookups,
  backend: BackendRefView,
  routeNamespace: string,
  clientNamespace: string,
  routeKind = 'HTTPRoute',
  options: ResolveOptions = {},
): ResolvedDestination {
  const key = backendKey(backend, routeNamespace);
  const port = backend.port?.value ?? null;
  const kindText = key.group ? `${key.group}/${key.kind}` : key.kind;
  if (!key.name) {
    const message = 'the backendRef has no name';
    return { ...empty('', null, port), warnings: [message], problems: [{ link: 'backend', broken: true, message }] };
  }
  if (hasPlaceholder(key.name) || hasPlaceholder(key.namespace)) {
    const message = `backendRef ${key.namespace}/${key.name} holds a template placeholder: where it goes is not known until it is rendered`;
    return { ...empty(key.name, null, port), warnings: [message], problems: [{ link: 'backend', broken: false, message }] };
  }
  const before: DestinationProblem[] = [];
  if (key.namespace !== routeNamespace && !grantsAllowing(index, { fromKind: routeKind, fromNamespace: routeNamespace, to: key }).length) {
    before.push({
      link: 'backend',
      broken: true,
      message:
        `refused: ${kindText} ${key.namespace}/${key.name} is in another namespace and no ReferenceGrant in namespace ${key.namespace} ` +
        `allows ${routeKind}s of namespace ${routeNamespace} to refer to it; Istio drops the backend (requests to it fail with 500)`,
    });
  }
  let resolved: ResolvedDestination;
  const clusterHost = `${key.name}.${key.namespace}.svc.${clusterDomain}`.toLowerCase();
  if (!isSupportedBackendKind(key)) {
    const message = `Istio does not route to backendRefs of kind ${kindText} (it supports ${describeBackendKinds()}); the backend is dropped`;
    resolved = { ...empty(key.name, null, port), problems: [{ link: 'backend', broken: true, message }], warnings: [] };
  } else if (key.group === '' && key.kind === 'Service') {
    if (key.name.includes('.')) {
      const message = `backendRef name ${key.name} is a host name: Istio takes the name of a Service here, not its host, and rejects the backend`;
      resolved = { ...empty(key.name, null, port), problems: [{ link: 'backend', broken: true, message }], warnings: [] };
    } else {
      resolved = resolveFqdn(index, clusterHost, null, port, clientNamespace, options);
    }
  } else if (key.kind === 'ServiceImport') {
    resolved = resolveFqdn(index, clusterHost, null, port, clientNamespace, options);
    resolved.problems.unshift({
      link: 'backend',
      broken: false,
      message: `ServiceImport ${key.namespace}/${key.name}: Istio routes to Service ${key.namespace}/${key.name} (${clusterHost}); with multi-cluster host support it uses ${key.name}.${key.namespace}.svc.clusterset.local`,
    });
  } else if (key.kind === 'Hostname') {
    resolved = resolveFqdn(index, key.name.toLowerCase(), null, port, clientNamespace, options);
  } else {
    const message = `backendRef kind ${kindText} is not followed here: where ${key.namespace}/${key.name} sends the traffic is not traced`;
    resolved = { ...empty(key.name, null, port), problems: [{ link: 'backend', broken: false, message }], warnings: [] };
  }
  resolved.problems.unshift(...before);
  resolved.warnings = resolved.problems.map((p) => p.message);
  return resolved;
}

function empty(host: string, subset: string | null, port: number | null): ResolvedDestination {
  return { host, subset, port, destinationRule: undefined, target: undefined, workloads: [], warnings: [], problems: [] };
}

/** The shared part: service, DestinationRule, subset and workloads of an FQDN. */
function resolveFqdn(index: IndexLookups, fqdn: string, subset: string | null, port: number | null, clientNamespace: string, options: ResolveOptions): ResolvedDestination {
  const out = empty(fqdn, subset, port);
  const problems = out.problems;
  const found = lookupHost(index, fqdn, clientNamespace);
  let ownWorkloads: SelectedWorkload[] = [];
  if (found.kind === 'service' || found.kind === 'serviceentry') {
    out.target = found.resource;
    ownWorkloads = serviceWorkloads(index, found.resource);
  } else if (found.kind === 'installation') {
    problems.push({ link: 'host', broken: false, message: `host ${fqdn} is a service of the Istio installation, not declared in these files` });
  } else if (found.kind === 'missing') {
    const namespace = serviceHostNamespace(fqdn);
    const others = found.candidates.length ? ` (the Services of namespace ${namespace} here: ${found.candidates.slice(0, 8).join(', ')}${found.candidates.length > 8 ? ', ...' : ''})` : '';
    problems.push({ link: 'host', broken: true, message: `host ${fqdn} not found: no Service or ServiceEntry visible from namespace ${clientNamespace} declares it${others}` });
  } else {
    problems.push({
      link: 'host',
      broken: false,
      message: `host ${fqdn} is not declared in these files: an external host, or a service defined elsewhere`,
    });
  }
  const serviceNamespace = out.target?.namespace ?? serviceHostNamespace(fqdn);
  const rules = applicableDestinationRules(index, fqdn, clientNamespace, serviceNamespace, options.rootNamespace ?? defaultRootNamespace);
  out.destinationRule = rules[0];
  let workloads = ownWorkloads;
  if (subset !== null) {
    if (hasPlaceholder(subset)) {
      problems.push({ link: 'subset', broken: false, message: `subset ${subset} holds a template placeholder` });
    } else {
      const defined = definingRule(rules, subset);
      if (defined) {
        out.destinationRule = defined.rule;
        out.subsetDefinition = defined.subset;
        const labels = defined.subset.labels ?? {};
        out.subsetLabels = labels;
        workloads = ownWorkloads.filter((w) => selectorMatches(labels, w.labels));
        if (ownWorkloads.length && !workloads.length) {
          problems.push({
            link: 'workloads',
            broken: true,
            message:
              `subset ${subset} (labels ${formatLabels(labels) || 'none'}) selects none of the ${ownWorkloads.length} workload${ownWorkloads.length === 1 ? '' : 's'} ` +
              `of ${out.target ? describeResource(out.target) : fqdn}: traffic to it fails (503, no healthy upstream)`,
          });
        }
      } else if (rules.length) {
        const names = [...new Set(rules.flatMap((r) => destinationRuleView(r).subsets.map((s) => s.name.value)))];
        problems.push({
          link: 'subset',
          broken: true,
          message: `subset ${subset} is not defined by DestinationRule ${rules.map(nameOf).join(', ')} (its subsets: ${names.length ? names.join(', ') : 'none'})`,
        });
      } else {
        problems.push({ link: 'subset', broken: true, message: `subset ${subset} is not defined: no DestinationRule for ${fqdn} applies to clients in namespace ${clientNamespace}` });
      }
    }
  }
  if (out.destinationRule && destinationRuleDetails(out.destinationRule).workloadSelector) {
    problems.push({ link: 'subset', broken: false, message: `DestinationRule ${nameOf(out.destinationRule)} has a workloadSelector: it applies only to the client workloads it selects` });
  }
  out.workloads = workloads.map((w) => w.resource);
  out.warnings = problems.map((p) => p.message);
  return out;
}

/**
 * The workloads behind a Service (its selector, in its namespace) or a ServiceEntry (its workloadSelector, in its
 * namespace); none without a selector, and none for an empty Service selector, which manages no endpoints.
 */
export function serviceWorkloads(index: IndexLookups, target: Resource): SelectedWorkload[] {
  const selector = serviceSelector(target);
  return selector && Object.keys(selector).length ? workloadsSelectedBy(index, selector, target.namespace) : [];
}

/** The selector of a Service or the workloadSelector labels of a ServiceEntry. */
export function serviceSelector(target: Resource): Labels | undefined {
  return target.kind === 'Service' ? serviceView(target).selector : serviceEntrySelector(target);
}

/** A ServiceEntry's `workloadSelector.labels`, when it has them. */
function serviceEntrySelector(entry: Resource): Labels | undefined {
  return labelsOf(getValue(asMap(getValue(asMap(getValue(entry.root, 'spec')), 'workloadSelector')), 'labels'), entry.document.yaml);
}

function definingRule(rules: readonly Resource[], subset: string): { rule: Resource; subset: SubsetDetail } | undefined {
  for (const rule of rules) {
    // Of two subsets with one name, Istio keeps the first it reads.
    const found = destinationRuleDetails(rule).subsets.find((s) => s.name?.value === subset);
    if (found) return { rule, subset: found };
  }
  return undefined;
}

function nameOf(resource: Resource): string {
  return `${resource.namespace}/${resource.name}`;
}

interface RuleCandidate {
  rule: Resource;
  /** The rule's host as an FQDN. */
  host: string;
  exportTo: ReadonlySet<string>;
}

/**
 * The DestinationRules a client in `clientNamespace` applies to `fqdn`, in Istio's order (PushContext.destinationRule):
 * the client's namespace first (its rules not exported elsewhere only; in the root namespace, its private ones), then
 * the rules the service's namespace exports to the client, then those the root namespace exports. In each place the
 * exact host wins over the most specific wildcard. Several rules of one place and host are merged by Istio: all are
 * returned, in file order. A rule with a workloadSelector is private to its namespace.
 */
export function applicableDestinationRules(
  index: IndexLookups,
  fqdn: string,
  clientNamespace: string,
  serviceNamespace: string | undefined,
  rootNamespace = defaultRootNamespace,
): Resource[] {
  const candidates: RuleCandidate[] = [];
  for (const rule of index.forHost(networkingGroup, 'DestinationRule', fqdn.toLowerCase())) {
    const host = destinationRuleView(rule).host?.value;
    if (host === undefined || hasPlaceholder(host)) continue;
    const exportTo = destinationRuleDetails(rule).workloadSelector ? new Set(['.']) : new Set(destinationRuleView(rule).exportTo);
    candidates.push({ rule, host: resolveServiceHost(host, rule.namespace), exportTo });
  }
  if (!candidates.length) return [];
  const privateOnly = (c: RuleCandidate) => c.exportTo.size === 1 && (c.exportTo.has('.') || c.exportTo.has(c.rule.namespace));
  const local = (c: RuleCandidate) => !c.exportTo.size || c.exportTo.has('*') || c.exportTo.has('.') || c.exportTo.has(c.rule.namespace);
  const visible = (c: RuleCandidate) => !c.exportTo.size || c.exportTo.has('*') || c.exportTo.has(clientNamespace);
  const first =
    clientNamespace !== rootNamespace
      ? mostSpecific(fqdn, candidates.filter((c) => c.rule.namespace === clientNamespace && local(c)))
      : mostSpecific(fqdn, candidates.filter((c) => c.rule.namespace === rootNamespace && privateOnly(c)));
  if (first.length) return first.map((c) => c.rule);
  for (const namespace of serviceNamespace === undefined ? [rootNamespace] : [serviceNamespace, rootNamespace]) {
    // Istio picks the most specific exported host first, then keeps the rules exported to the client.
    const exported = mostSpecific(fqdn, candidates.filter((c) => c.rule.namespace === namespace && !privateOnly(c))).filter(visible);
    if (exported.length) return exported.map((c) => c.rule);
  }
  return [];
}

/** Istio's MostSpecificHostMatch: the candidates with the exact host, else those with the longest wildcard covering it. */
function mostSpecific(fqdn: string, candidates: readonly RuleCandidate[]): RuleCandidate[] {
  const needle = fqdn.toLowerCase();
  const exact = candidates.filter((c) => c.host === needle);
  if (exact.length) return exact;
  let best: string | undefined;
  for (const c of candidates) {
    if (!c.host.startsWith('*') || !hostCovers(c.host, needle)) continue;
    if (best === undefined || c.host.length > best.length) best = c.host;
  }
  return best === undefined ? [] : candidates.filter((c) => c.host === best);
}

/**
 * The percent of a rule's traffic each VirtualService route destination gets, as Istio applies `weight`: a single
 * destination takes 100 whatever its weight; several are weighted clusters whose weights (absent = 0) count relative
 * to their sum (Envoy's weighted clusters), so 0 gets nothing; all 0 is rejected by Istio's validation: nothing is sent.
 */
export function effectiveWeights(weights: ReadonlyArray<number | undefined>): number[] {
  if (weights.length === 1) return [100];
  return shares(weights.map((w) => (w !== undefined && w > 0 ? w : 0)));
}

/**
 * The percent each Gateway API backendRef gets: weights (absent = 1) relative to their sum, weight 0 gets nothing,
 * and a rule whose weights total 0 sends nothing (Istio answers 500); the same for a single backend of weight 0.
 */
export function effectiveBackendWeights(weights: ReadonlyArray<number | undefined>): number[] {
  return shares(weights.map((w) => (w === undefined ? 1 : Math.max(0, w))));
}

function shares(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 ? (w * 100) / total : 0));
}
