import { parse } from 'yaml';
import type { IndexLookups } from '../workspace/resource-index';
import { asMap, getValue, scalarText } from '../parse/yaml-nodes';

/** The MeshConfig settings that change what the checks conclude. */
export interface MeshSettings {
  /** Namespace whose config applies mesh-wide (MeshConfig `rootNamespace`, default istio-system). */
  rootNamespace: string;
  /** Sidecars capture DNS (`defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE: "true"`). */
  dnsCapture: boolean;
  /** Sidecars allocate addresses for ServiceEntries themselves (`ISTIO_META_DNS_AUTO_ALLOCATE` or `PILOT_ENABLE_IP_AUTOALLOCATE` "true"). */
  dnsAutoAllocate: boolean;
  /** `defaultProviders.accessLogging`: the providers a Telemetry access-logging entry without providers uses. */
  defaultAccessLogProviders: readonly string[];
  /** Names of `extensionProviders`; undefined when no mesh config is known (then provider names are not judged). */
  extensionProviders?: readonly string[];
  /** Names of the `extensionProviders` of type `lightstep` (deprecated in favour of OpenTelemetry). */
  lightstepProviders?: readonly string[];
}

export const defaultMesh: MeshSettings = { rootNamespace: 'istio-system', dnsCapture: false, dnsAutoAllocate: false, defaultAccessLogProviders: [] };

/**
 * Reads MeshConfig YAML: the `mesh` key of the `istio` ConfigMap, a MeshConfig file given to the CLI, or the whole
 * ConfigMap as `kubectl get cm istio -o yaml` prints it. Bad input gives the defaults.
 */
export function parseMeshConfig(text: string): MeshSettings {
  const raw = readYaml(text);
  if (!raw || typeof raw !== 'object') return defaultMesh;
  const value = objectOf(raw);
  if (value.kind !== 'ConfigMap') return meshFrom(value);
  const mesh = objectOf(value.data).mesh;
  return typeof mesh === 'string' ? meshFrom(objectOf(readYaml(mesh))) : defaultMesh;
}

function readYaml(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function meshFrom(mesh: Record<string, unknown>): MeshSettings {
  const metadata = objectOf(objectOf(mesh.defaultConfig).proxyMetadata);
  const isTrue = (value: unknown) => String(value).toLowerCase() === 'true';
  const names = (list: unknown) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  return {
    rootNamespace: typeof mesh.rootNamespace === 'string' && mesh.rootNamespace ? mesh.rootNamespace : defaultMesh.rootNamespace,
    dnsCapture: isTrue(metadata.ISTIO_META_DNS_CAPTURE),
    dnsAutoAllocate: isTrue(metadata.ISTIO_META_DNS_AUTO_ALLOCATE) || isTrue(metadata.PILOT_ENABLE_IP_AUTOALLOCATE),
    defaultAccessLogProviders: names(objectOf(mesh.defaultProviders).accessLogging),
    extensionProviders: Array.isArray(mesh.extensionProviders) ? mesh.extensionProviders.map((p) => objectOf(p).name).filter((n): n is string => typeof n === 'string') : [],
    ...lightstepProviders(mesh.extensionProviders),
  };
}

/** `lightstepProviders`, present only when some extension provider is of type lightstep (most meshes have none). */
function lightstepProviders(providers: unknown): Pick<MeshSettings, 'lightstepProviders'> {
  if (!Array.isArray(providers)) return {};
  const names = providers
    .map(objectOf)
    .filter((p) => typeof p.lightstep === 'object' && p.lightstep !== null)
    .map((p) => p.name)
    .filter((n): n is string => typeof n === 'string');
  return names.length ? { lightstepProviders: names } : {};
}

/**
 * The mesh settings in force: the explicitly given ones (CLI --mesh-config), else the `istio` ConfigMap in
 * istio-system when the workspace holds it (read through the index, so editing it re-runs the checks that asked).
 */
export function meshSettings(index: IndexLookups, explicit: MeshSettings | undefined): MeshSettings {
  if (explicit) return explicit;
  const [configMap] = index.find('', 'ConfigMap', 'istio-system', 'istio');
  if (!configMap) return defaultMesh;
  const text = scalarText(getValue(asMap(getValue(configMap.root, 'data')), 'mesh'));
  return text ? parseMeshConfig(text) : defaultMesh;
}
