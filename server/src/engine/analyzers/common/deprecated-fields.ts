import { isScalar, type Node } from 'yaml';
import type { OffsetRange } from '../../finding';
import { asMap, asSeq, getEntry, getValue, locatedString, rangeOf } from '../../parse/yaml-nodes';
import { faultDelayPercent, sidecarEgressProxy } from '../../schema/deprecated-fields';
import { hasPlaceholder } from '../../text/templating';
import { networkingGroup } from '../../workspace/resource-index';
import { finding, type Analyzer } from '../analyzer';

/**
 * IST0002 for the fields and kinds istioctl's deprecation analyzer names: HTTP fault `delay.percent`,
 * Sidecar `outboundTrafficPolicy.egressProxy`, and CustomResourceDefinitions of the removed
 * rbac.istio.io kinds. (DestinationRule and Telemetry deprecations live with their kinds.)
 */

/** IST0002 on a VirtualService whose http fault delay sets `percent` above 0; istioctl says it once per VirtualService. */
export const virtualServiceDeprecatedFields: Analyzer = {
  id: 'deprecated-fields',
  group: networkingGroup,
  kind: 'VirtualService',
  analyze(resource) {
    const found: Array<{ rule: number; pair: OffsetRange; value: number; delayHasPercentage: boolean }> = [];
    asSeq(getValue(asMap(getValue(resource.root, 'spec')), 'http'))?.items.forEach((item, rule) => {
      const delay = asMap(getValue(asMap(getValue(asMap(item), 'fault')), 'delay'));
      const entry = getEntry(delay, faultDelayPercent.field);
      const value = entry && positiveInteger(entry.value);
      if (!entry || value === undefined) return;
      const end = entry.value ? rangeOf(entry.value).end : rangeOf(entry.key).end;
      found.push({ rule, pair: { start: rangeOf(entry.key).start, end }, value, delayHasPercentage: !!getEntry(delay, faultDelayPercent.instead) });
    });
    const [first, ...others] = found;
    if (!first) return [];
    const also = others.length ? ` (also in ${others.map((o) => `http[${o.rule}]`).join(', ')})` : '';
    const message =
      `Deprecated: fault.delay.${faultDelayPercent.field} in http[${first.rule}]${also} is deprecated; use fault.delay.${faultDelayPercent.instead}.value instead ` +
      `(a number from 0 to 100 that also takes fractions).`;
    const related = others.map((o) => ({ uri: resource.uri, range: o.pair, message: `fault.delay.${faultDelayPercent.field} in http[${o.rule}]` }));
    // The mechanical rewrite only where it cannot clash with a percentage already written.
    const replacement = `${faultDelayPercent.instead}: {value: ${first.value}}`;
    const data = first.delayHasPercentage ? undefined : { fix: 'replace-value', replacement, title: `Write ${replacement}` };
    return [finding('IST0002', resource, first.pair, message, related, data)];
  },
};

/** IST0002 on a Sidecar that sets `outboundTrafficPolicy.egressProxy`, which Istio ignores. */
export const sidecarDeprecatedFields: Analyzer = {
  id: 'deprecated-fields',
  group: networkingGroup,
  kind: 'Sidecar',
  analyze(resource) {
    const policy = asMap(getValue(asMap(getValue(resource.root, 'spec')), 'outboundTrafficPolicy'));
    const entry = getEntry(policy, sidecarEgressProxy.field);
    if (!entry || !isSet(entry.value)) return [];
    const message =
      `Deprecated: outboundTrafficPolicy.${sidecarEgressProxy.field} is ignored; traffic to unknown destinations is not sent to it. ` +
      `Remove it, and send outbound traffic through ${sidecarEgressProxy.instead} with a ServiceEntry and VirtualService instead.`;
    return [finding('IST0002', resource, rangeOf(entry.key), message)];
  },
};

/** The rbac.istio.io kinds removed from Istio, whose CustomResourceDefinitions istioctl reports. */
const removedKinds = new Set(['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding']);

/** IST0002 on a CustomResourceDefinition (apiextensions.k8s.io/v1) of a removed rbac.istio.io kind. */
export const customResourceDefinitionDeprecatedFields: Analyzer = {
  id: 'deprecated-fields',
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  analyze(resource) {
    // istioctl reads CustomResourceDefinitions only in this version.
    if (resource.version !== 'v1') return [];
    const spec = asMap(getValue(resource.root, 'spec'));
    const group = locatedString(getValue(spec, 'group'));
    const kind = locatedString(getValue(asMap(getValue(spec, 'names')), 'kind'));
    if (group?.value !== 'rbac.istio.io' || !kind || !removedKinds.has(kind.value)) return [];
    const message =
      `Deprecated: custom resource type rbac.istio.io ${kind.value} is removed from Istio; nothing reads its resources. ` +
      `Delete this CustomResourceDefinition and write AuthorizationPolicy (security.istio.io) resources instead.`;
    return [finding('IST0002', resource, kind.range, message)];
  },
};

/** The deprecated-field analyzers, one per kind. */
export const deprecatedFieldAnalyzers: readonly Analyzer[] = [
  virtualServiceDeprecatedFields,
  sidecarDeprecatedFields,
  customResourceDefinitionDeprecatedFields,
];

/** An int32 above 0, written as a number or a numeric string (as the proto JSON reader takes it). */
function positiveInteger(node: Node | null): number | undefined {
  if (!isScalar(node)) return undefined;
  const raw = node.value;
  if (typeof raw === 'string' && hasPlaceholder(raw)) return undefined;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 0x7fffffff ? n : undefined;
}

/** A message field is set unless it is `null` (or `key:` with nothing after it). */
function isSet(node: Node | null): boolean {
  return !!node && !(isScalar(node) && node.value === null);
}
