import { isScalar, type Node } from 'yaml';
import { asMap, asSeq, getEntry, getValue, rangeOf } from '../../parse/yaml-nodes';
import { finding, type Analyzer } from '../analyzer';
import { telemetryGroup } from './group';

/**
 * IST0157 (InvalidTelemetryProvider): an access-logging entry that is not disabled and names no provider falls back
 * to the mesh's `defaultProviders.accessLogging`; when the mesh config sets none, the entry logs nothing. Reported
 * once per Telemetry (istioctl's messages for the entries of one Telemetry are identical and collapse into one).
 */
export const telemetryEmptyProviders: Analyzer = {
  id: 'empty-providers',
  group: telemetryGroup,
  kind: 'Telemetry',
  analyze(resource, { mesh }) {
    const entries = asSeq(getValue(asMap(getValue(resource.root, 'spec')), 'accessLogging'))?.items ?? [];
    const empty = entries.filter((item): item is Node => isEmptyEntry(item));
    if (!empty.length || mesh().defaultAccessLogProviders.length) return [];
    const which = empty.length === 1 ? 'An accessLogging entry names' : `${empty.length} accessLogging entries name`;
    const message =
      `The Telemetry ${resource.name} in namespace ${resource.namespace} with empty providers will be ignored: ${which} no provider, ` +
      `and the mesh config sets no defaultProviders.accessLogging to fall back to, so nothing is logged. ` +
      `Name a provider (e.g. providers: [{name: envoy}]), or set defaultProviders.accessLogging in the mesh config.`;
    return [finding('IST0157', resource, rangeOf(empty[0]), message)];
  },
};

/** An entry that is not disabled and has no providers; unknown shapes (placeholders, wrong types) are not judged. */
function isEmptyEntry(item: unknown): boolean {
  const entry = asMap(item);
  if (!entry) return false;
  const disabled = getValue(entry, 'disabled');
  // Only `disabled: false` (or nothing) leaves the entry active; `true` turns it off, anything else is not judged.
  if (disabled && !(isScalar(disabled) && (disabled.value === false || disabled.value === null))) return false;
  const providers = getEntry(entry, 'providers')?.value;
  if (!providers) return true;
  const list = asSeq(providers);
  return !!list && list.items.length === 0;
}
