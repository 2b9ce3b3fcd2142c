import type { YAMLMap } from 'yaml';
import type { Finding, OffsetRange, RelatedLocation } from '../../finding';
import { gatewayApiGroup } from '../../model/gateway-api/views';
import { waypointClassName } from '../../model/gateway-api/waypoints';
import type { Resource } from '../../model/resource';
import { asMap, asSeq, getValue, locatedString, rangeOf, type LocatedString } from '../../parse/yaml-nodes';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup, type IndexLookups } from '../../workspace/resource-index';
import { finding, relatedTo, type Analyzer, type AnalysisContext } from '../analyzer';

/**
 * IY0304: each `targetRef`/`targetRefs` entry of an Istio policy must name what istiod attaches policies to
 * (validation.go allowedTargetRefs, model/policyattachment.go): a Service (core group), a ServiceEntry
 * (networking.istio.io), a Gateway API Gateway, or the GatewayClass istio-waypoint from the root namespace. The CRDs
 * reject any `namespace` ("cross namespace referencing is not currently supported"). A Service, ServiceEntry or
 * Gateway must exist in the policy's namespace, judged only where the workspace holds that kind there.
 */

interface TargetRef {
  group?: LocatedString;
  kind?: LocatedString;
  name?: LocatedString;
  namespace?: LocatedString;
  range: OffsetRange;
}

function readRef(map: YAMLMap): TargetRef {
  const out: TargetRef = { range: rangeOf(map) };
  for (const field of ['group', 'kind', 'name', 'namespace'] as const) {
    const value = locatedString(getValue(map, field));
    if (value) out[field] = value;
  }
  return out;
}

function targetRefsOf(resource: Resource): TargetRef[] {
  const spec = asMap(getValue(resource.root, 'spec'));
  const out: TargetRef[] = [];
  const single = asMap(getValue(spec, 'targetRef'));
  if (single) out.push(readRef(single));
  for (const item of asSeq(getValue(spec, 'targetRefs'))?.items ?? []) {
    const map = asMap(item);
    if (map) out.push(readRef(map));
  }
  return out;
}

/** The group with Kubernetes' spelling of the core group ("" or "core") folded to "". */
const canonicalGroup = (group: string | undefined) => (!group || group === 'core' ? '' : group);

const allowedTargets = [
  { group: '', kind: 'Service' },
  { group: networkingGroup, kind: 'ServiceEntry' },
  { group: gatewayApiGroup, kind: 'Gateway' },
  { group: gatewayApiGroup, kind: 'GatewayClass' },
];

const allowedList = `Service (core group), ServiceEntry (group ${networkingGroup}), Gateway (group ${gatewayApiGroup}) or GatewayClass ${waypointClassName} (group ${gatewayApiGroup}, from the root namespace)`;

function check(resource: Resource, context: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  for (const ref of targetRefsOf(resource)) {
    const problem = judge(resource, ref, context);
    if (problem) out.push(finding('IY0304', resource, problem.range, problem.message, problem.related ?? []));
  }
  return out;
}

interface Problem {
  range: OffsetRange;
  message: string;
  related?: RelatedLocation[];
}

function judge(resource: Resource, ref: TargetRef, context: AnalysisContext): Problem | undefined {
  if (!ref.kind || [ref.group, ref.kind, ref.name, ref.namespace].some((v) => v && hasPlaceholder(v.value))) return undefined;
  const group = canonicalGroup(ref.group?.value);
  const kind = ref.kind.value;
  const policy = `${resource.kind} ${resource.namespace}/${resource.name}`;
  if (!allowedTargets.some((t) => t.group === group && t.kind === kind)) return wrongKind(ref, group, kind);
  if (ref.namespace && ref.namespace.value !== '') {
    const same = ref.namespace.value === resource.namespace;
    const message = same
      ? `targetRef namespace ${ref.namespace.value}: the API server rejects any targetRef namespace, even the policy's own ("cross namespace referencing is not currently supported"). Remove the namespace field: the target is looked up in the policy's namespace.`
      : `targetRef namespace ${ref.namespace.value}: a policy attaches only to targets in its own namespace (${resource.namespace}), and the API server rejects any targetRef namespace. ` +
        `Remove the namespace field and create the policy in namespace ${ref.namespace.value}.`;
    return { range: ref.namespace.range, message };
  }
  const name = ref.name?.value;
  if (!name) return undefined;
  if (kind === 'GatewayClass') {
    const root = context.mesh().rootNamespace;
    if (name !== waypointClassName) {
      return {
        range: ref.name!.range,
        message: `targetRef GatewayClass ${name}: istiod attaches policies to a GatewayClass only for ${waypointClassName} (every waypoint of the mesh). Target the Gateway itself (kind Gateway, group ${gatewayApiGroup}) instead.`,
      };
    }
    if (resource.namespace !== root) {
      return {
        range: ref.kind.range,
        message: `targetRef GatewayClass ${waypointClassName} takes effect only from a policy in the root namespace ${root}; ${policy} is in ${resource.namespace}, so it applies to no waypoint. Move the policy to namespace ${root}, or target a Gateway of namespace ${resource.namespace}.`,
      };
    }
    return undefined;
  }
  return missingTarget(resource, ref.name!, group, kind, context.index);
}

function wrongKind(ref: TargetRef, group: string, kind: string): Problem {
  const kindRange = ref.kind!.range;
  const groupRange = ref.group?.range ?? kindRange;
  const groupText = group ? `group ${group}` : 'the core group';
  const sameKind = allowedTargets.find((t) => t.kind === kind);
  if (kind === 'Gateway' && group === networkingGroup) {
    return {
      range: groupRange,
      message: `targetRef to an Istio Gateway (group ${networkingGroup}): policies attach by targetRef only to Gateway API Gateways. Use group ${gatewayApiGroup} for a Gateway API Gateway, or a workload selector for the Istio gateway's pods.`,
    };
  }
  if (sameKind) {
    const wanted = sameKind.group ? `group: ${sameKind.group}` : 'no group (or group: "")';
    return { range: groupRange, message: `targetRef kind ${kind} with ${groupText}: istiod knows ${kind} only in ${sameKind.group ? `group ${sameKind.group}` : 'the core group'}, so the policy attaches to nothing. Write ${wanted}.` };
  }
  const hint = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'WorkloadEntry'].includes(kind) ? ' To apply to workloads, use a selector (matchLabels) instead of targetRefs.' : '';
  return {
    range: kindRange,
    message: `targetRef kind ${kind} (${groupText}) is not one istiod attaches policies to: use ${allowedList}.${hint}`,
  };
}

/** A Service, ServiceEntry or Gateway target missing from the policy's namespace, where the workspace holds that kind there. */
function missingTarget(resource: Resource, name: LocatedString, group: string, kind: string, index: IndexLookups): Problem | undefined {
  if (index.find(group, kind, resource.namespace, name.value).length) return undefined;
  const elsewhere = index.findInAnyNamespace(group, kind, name.value).filter((r) => r.namespace !== resource.namespace);
  const [istioGateway] = kind === 'Gateway' ? index.find(networkingGroup, 'Gateway', resource.namespace, name.value) : [];
  // A few names of the namespace suffice, both to know it is in the workspace and to list in the message.
  const known = elsewhere.length || istioGateway ? [] : firstInNamespace(index.ofKind(group, kind), resource.namespace, 6);
  if (!known.length && !elsewhere.length && !istioGateway) return undefined;
  let message = `targetRef ${kind} "${name.value}" not found in namespace ${resource.namespace}, the policy's namespace (where istiod looks for it): the policy applies to nothing.`;
  const related = elsewhere.map((r) => relatedTo(r, `${kind} ${r.namespace}/${r.name}`));
  if (istioGateway) {
    message += ` ${resource.namespace}/${name.value} is an Istio Gateway (${networkingGroup}), which targetRefs cannot name: select its pods with a selector instead.`;
    related.push(relatedTo(istioGateway, `Istio Gateway ${istioGateway.namespace}/${istioGateway.name}`));
  } else if (elsewhere.length) {
    const namespaces = [...new Set(elsewhere.map((r) => r.namespace))];
    message += ` A ${kind} of that name exists in namespace ${namespaces.join(', ')}: create the policy there (targetRefs cannot cross namespaces).`;
  } else {
    const names = known.map((r) => r.name).slice(0, 5);
    message += ` ${kind}s of namespace ${resource.namespace}: ${names.join(', ')}${known.length > names.length ? ', …' : ''}. Fix the name or create the ${kind}.`;
  }
  return { range: name.range, message, related };
}

function firstInNamespace(resources: readonly Resource[], namespace: string, limit: number): Resource[] {
  const out: Resource[] = [];
  for (const r of resources) if (r.namespace === namespace && out.push(r) >= limit) break;
  return out;
}

function targetRefCheck(group: string, kind: string): Analyzer {
  return { id: 'policy-target-ref', group, kind, analyze: check };
}

/** IY0304 for each Istio kind with `targetRef`/`targetRefs`. */
export const policyTargetRefAnalyzers: readonly Analyzer[] = [
  targetRefCheck('security.istio.io', 'AuthorizationPolicy'),
  targetRefCheck('security.istio.io', 'RequestAuthentication'),
  targetRefCheck('telemetry.istio.io', 'Telemetry'),
  targetRefCheck('extensions.istio.io', 'WasmPlugin'),
  targetRefCheck('extensions.istio.io', 'TrafficExtension'),
  targetRefCheck(networkingGroup, 'EnvoyFilter'),
];
