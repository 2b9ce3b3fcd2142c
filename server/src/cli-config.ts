import * as fs from 'node:fs';
import * as path from 'node:path';
import { configFileName, readRepoConfig, type ConfigReading } from './engine/config/repo-config';
import { globMatcher } from './engine/text/glob';

/** The configuration file a check uses, read. */
export interface FoundConfig {
  /** The file's path as the CLI prints it. */
  file: string;
  /** Its folder, absolute: globs and meshConfig are relative to it. */
  folder: string;
  text: string;
  reading: ConfigReading;
}

/**
 * The `.istio-yaml.yaml` for the checked paths: the one in the first checked folder (a file's folder) or the nearest
 * of its parents, stopping at the folder that holds `.git` (the repository's root) or the file system's root.
 */
export function discoverConfig(paths: readonly string[]): string | undefined {
  const first = paths.find((p) => p !== '-');
  let dir = path.resolve(first ?? '.');
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, configFileName);
    if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a configuration file (never throws on its content: its problems are findings on it). */
export function loadConfig(file: string): FoundConfig {
  const text = fs.readFileSync(file, 'utf8');
  const absolute = path.resolve(file);
  return { file: path.relative(process.cwd(), absolute) || file, folder: path.dirname(absolute), text, reading: readRepoConfig(text) };
}

/** Whether a file is excluded by the configuration's `exclude` globs (relative to its folder; a folder's glob covers what is below it). */
export function excludedBy(config: FoundConfig | undefined): (file: string) => boolean {
  const globs = config?.reading.config.exclude ?? [];
  if (!config || !globs.length) return () => false;
  const matches = globMatcher(globs);
  return (file) => {
    const relative = path.relative(config.folder, path.resolve(file)).split(path.sep).join('/');
    if (relative.startsWith('../')) return false;
    const parts = relative.split('/');
    return parts.some((_, i) => matches(parts.slice(0, i + 1).join('/')));
  };
}
