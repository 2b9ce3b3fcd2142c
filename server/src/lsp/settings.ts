import { defaultMaxFileSize, type EngineOptions, type SeverityOverride } from '../engine/engine';
import { maxWorkers } from '../parallel-scan';
import type { RepoConfig } from '../engine/config/repo-config';

export interface ServerSettings {
  enable: boolean;
  defaultNamespace: string;
  /** Globs (relative to a workspace folder) of files not to index, on top of `files.exclude`. */
  exclude: string[];
  /** Publish findings only for open documents (files on disk are still indexed). */
  openFilesOnly: boolean;
  /** Per-code severity changes, e.g. `{ "IST0132": "error", "IY0103": "off" }`. */
  severity: Record<string, SeverityOverride>;
  /** Files with more characters than this are not analyzed (one informational finding instead). */
  maxFileSize: number;
  /** Severity of unknown fields and values: `warning` for users on a newer Istio than our schemas describe. */
  unknownFieldSeverity: 'error' | 'warning';
  /** Worker threads for the workspace scan: null for the platform's default (none), 0 for none (this thread). */
  scanWorkers: number | null;
}

/** The settings until the client says otherwise; package.json's `contributes.configuration` states the same defaults. */
export const defaultSettings: Readonly<ServerSettings> = Object.freeze({
  enable: true,
  defaultNamespace: 'default',
  exclude: [],
  openFilesOnly: false,
  severity: {},
  maxFileSize: defaultMaxFileSize,
  unknownFieldSeverity: 'error',
  scanWorkers: null,
});

const severityValues = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** The well-formed settings of `raw` (an `istio` section as a client sends it); a missing or bad value is left out, so it keeps its current value. */
export function pickSettings(raw: unknown): Partial<ServerSettings> {
  const out: Partial<ServerSettings> = {};
  if (!raw || typeof raw !== 'object') return out;
  const given = raw as { [K in keyof ServerSettings]?: unknown };
  if (typeof given.enable === 'boolean') out.enable = given.enable;
  if (typeof given.defaultNamespace === 'string' && given.defaultNamespace.trim()) out.defaultNamespace = given.defaultNamespace.trim();
  if (Array.isArray(given.exclude)) out.exclude = given.exclude.filter((g): g is string => typeof g === 'string');
  if (typeof given.openFilesOnly === 'boolean') out.openFilesOnly = given.openFilesOnly;
  if (typeof given.maxFileSize === 'number' && given.maxFileSize > 0) out.maxFileSize = given.maxFileSize;
  if (given.unknownFieldSeverity === 'error' || given.unknownFieldSeverity === 'warning') out.unknownFieldSeverity = given.unknownFieldSeverity;
  const workers = given.scanWorkers;
  if (workers === null || (typeof workers === 'number' && Number.isInteger(workers) && workers >= 0 && workers <= maxWorkers)) out.scanWorkers = workers;
  if (given.severity && typeof given.severity === 'object') {
    out.severity = Object.fromEntries(Object.entries(given.severity).filter(([, v]) => severityValues.has(String(v)))) as Record<string, SeverityOverride>;
  }
  return out;
}

/** The globs switched on in a `files.exclude` object (`{ "**\/dist": true }`); anything else gives none. */
export function enabledGlobs(filesExclude: unknown): string[] {
  if (!filesExclude || typeof filesExclude !== 'object') return [];
  return Object.entries(filesExclude)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** The engine options the settings decide (the size limit is set on its own, see Engine.setMaxFileSize), with the repository's suppressions. */
export function engineOptions(
  settings: ServerSettings,
  suppress: readonly string[] = [],
): Pick<EngineOptions, 'defaultNamespace' | 'severityOverrides' | 'unknownFieldSeverity' | 'suppress'> {
  return { defaultNamespace: settings.defaultNamespace, severityOverrides: settings.severity, unknownFieldSeverity: settings.unknownFieldSeverity, suppress };
}

/**
 * The editor's settings with the repository configuration files' values over them (`.istio-yaml.yaml`, in file
 * order): the file's defaultNamespace wins (the first file's, in a multi-root workspace), severities merge code by code
 * with the file winning, excludes add up; its suppressions are returned beside, as the editor has no such setting.
 */
export function withRepositoryConfig(editor: ServerSettings, configs: readonly RepoConfig[]): { settings: ServerSettings; suppress: string[] } {
  if (!configs.length) return { settings: editor, suppress: [] };
  const namespace = configs.find((c) => c.defaultNamespace)?.defaultNamespace;
  const settings: ServerSettings = {
    ...editor,
    defaultNamespace: namespace ?? editor.defaultNamespace,
    severity: Object.assign({}, editor.severity, ...configs.map((c) => c.severity ?? {})),
    exclude: [...editor.exclude, ...configs.flatMap((c) => c.exclude ?? [])],
  };
  return { settings, suppress: configs.flatMap((c) => c.suppress ?? []) };
}

/** The part of the connection that answers `workspace/configuration`. */
export interface ConfigurationSource {
  getConfiguration(items: Array<{ section: string }>): Promise<unknown>;
}

/** Asks the client for the `istio` and `files.exclude` sections: `istio` over the defaults, and the enabled exclude globs. */
export async function pullSettings(source: ConfigurationSource): Promise<{ settings: ServerSettings; filesExclude: string[] }> {
  const answer = await source.getConfiguration([{ section: 'istio' }, { section: 'files.exclude' }]);
  // A client that answers with something else than a list is broken: destructuring throws and the caller logs it.
  const [istio, exclude] = answer as [unknown, unknown];
  return { settings: { ...defaultSettings, ...pickSettings(istio) }, filesExclude: enabledGlobs(exclude) };
}

/** The `istio` section of a `workspace/didChangeConfiguration` push; undefined when the push has none. */
export function pushedSettings(changeSettings: unknown): unknown {
  if (!changeSettings || typeof changeSettings !== 'object') return undefined;
  return (changeSettings as { istio?: unknown }).istio || undefined;
}
