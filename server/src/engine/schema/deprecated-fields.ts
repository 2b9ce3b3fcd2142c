import type { SchemaNode } from './catalog';
import type { SchemaPathSegment } from './schema-walk';

/** A field the API still accepts but has deprecated, at `parent` of a `group` `kind` (`**.` matches at any depth). */
export interface DeprecatedField {
  group: string;
  kind: string;
  parent: string;
  field: string;
  /** What to write instead, relative to `parent`. */
  instead: string;
}

const networking = 'networking.istio.io';

// The fields the IST0002 analyzers report: they read the field name and its replacement from here.
/** VirtualService `fault.delay.percent` (analyzers/common/deprecated-fields.ts). */
export const faultDelayPercent: DeprecatedField = { group: networking, kind: 'VirtualService', parent: 'spec.http[].fault.delay', field: 'percent', instead: 'percentage' };
/** Sidecar `outboundTrafficPolicy.egressProxy`, which Istio ignores (analyzers/common/deprecated-fields.ts). */
export const sidecarEgressProxy: DeprecatedField = { group: networking, kind: 'Sidecar', parent: 'spec.outboundTrafficPolicy', field: 'egressProxy', instead: 'an egress gateway' };
/** DestinationRule `loadBalancer.warmupDurationSecs` (analyzers/destinationrule/deprecated.ts). */
export const warmupDurationSecs: DeprecatedField = { group: networking, kind: 'DestinationRule', parent: '**.loadBalancer', field: 'warmupDurationSecs', instead: 'warmup.duration' };
/** DestinationRule `consistentHash.minimumRingSize` (analyzers/destinationrule/deprecated.ts). */
export const minimumRingSize: DeprecatedField = { group: networking, kind: 'DestinationRule', parent: '**.loadBalancer.consistentHash', field: 'minimumRingSize', instead: 'ringHash.minimumRingSize' };

/**
 * Deprecated fields whose schema description does not say so or names the replacement vaguely or not at all (the
 * Istio protos mark them deprecated in options the declarations drop; warmupDurationSecs says "use `warmup`",
 * minimumRingSize only "Deprecated."). Other fields are deprecated when their description starts with "Deprecated".
 */
const knownDeprecated: readonly DeprecatedField[] = [
  { group: networking, kind: 'VirtualService', parent: 'spec.http[]', field: 'mirror_percent', instead: 'mirrorPercentage' },
  { group: networking, kind: 'VirtualService', parent: 'spec.http[]', field: 'mirrorPercent', instead: 'mirrorPercentage' },
  faultDelayPercent,
  sidecarEgressProxy,
  warmupDurationSecs,
  minimumRingSize,
];

/** A deprecation: `instead` names the replacement when one is known. */
export interface FieldDeprecation {
  instead?: string;
}

/**
 * Whether the field `name` of the map at `parentPath` of a `group` `kind` resource is deprecated: listed above, or
 * its schema description starts with "Deprecated".
 */
export function fieldDeprecation(group: string, kind: string, parentPath: readonly SchemaPathSegment[], name: string, schema: SchemaNode): FieldDeprecation | undefined {
  const parent = formatPath(parentPath);
  const known = knownDeprecated.find(
    (d) => d.group === group && d.kind === kind && d.field === name && (d.parent.startsWith('**.') ? `.${parent}`.endsWith(d.parent.slice(2)) : d.parent === parent),
  );
  if (known) return { instead: known.instead };
  const description = schema.description ?? '';
  if (!/^Deprecated\b/.test(description)) return undefined;
  const instead = /^Deprecated[.:]?\s*use `([^`]+)` instead/i.exec(description)?.[1];
  return instead ? { instead } : {};
}

/** `spec.http[].fault`: keys joined by dots, list items as `[]`. */
function formatPath(path: readonly SchemaPathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (segment === '[]' || typeof segment === 'number') return `${text}[]`;
    return text ? `${text}.${segment}` : segment;
  }, '');
}
