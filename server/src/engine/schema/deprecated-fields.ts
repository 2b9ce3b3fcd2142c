import type { SchemaNode } from './catalog';
import type { SchemaPathSegment } from './schema-walk';

/**
 * Fields the API still accepts but has deprecated. The generated schemas say so only in some descriptions
 * ("Deprecated: use `warmup` instead."); the fields below have no description saying it (the Istio protos mark them
 * deprecated in options the declarations drop), so they are listed here, with what to write instead. A parent
 * starting with `**.` matches at any depth.
 */
const knownDeprecated: ReadonlyArray<{ group: string; kind: string; parent: string; field: string; instead: string }> = [
  { group: 'networking.istio.io', kind: 'VirtualService', parent: 'spec.http[]', field: 'mirror_percent', instead: 'mirrorPercentage' },
  { group: 'networking.istio.io', kind: 'VirtualService', parent: 'spec.http[]', field: 'mirrorPercent', instead: 'mirrorPercentage' },
  { group: 'networking.istio.io', kind: 'VirtualService', parent: 'spec.http[].fault.delay', field: 'percent', instead: 'percentage' },
  // Istio ignores it (the deprecated-fields analyzer reports IST0002 on it).
  { group: 'networking.istio.io', kind: 'Sidecar', parent: 'spec.outboundTrafficPolicy', field: 'egressProxy', instead: 'an egress gateway' },
  // Their descriptions say "Deprecated" but name the replacement vaguely or not at all (the analyzer's IST0002 names these).
  { group: 'networking.istio.io', kind: 'DestinationRule', parent: '**.loadBalancer', field: 'warmupDurationSecs', instead: 'warmup.duration' },
  { group: 'networking.istio.io', kind: 'DestinationRule', parent: '**.loadBalancer.consistentHash', field: 'minimumRingSize', instead: 'ringHash.minimumRingSize' },
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
