import type { EnvironmentGlobs } from '../config/repo-config';
import type { Resource } from '../model/resource';
import { globMatcher } from '../text/glob';
import type { Overlay } from './kustomize-overlays';

/** Environments configured by a `.istio-yaml.yaml`: they govern the files under its folder (a URI ending in `/`). */
export interface ConfiguredScope {
  folder: string;
  environments: readonly EnvironmentGlobs[];
}

interface CompiledScope {
  folder: string;
  environments: Array<{ name: string; matches: (relativePath: string) => boolean }>;
}

/**
 * Which environment(s) each file belongs to, from configuration files and detected Kustomize overlays. A file in no
 * environment is shared: it belongs to every one. With no environment at all, `active` is false and nothing else is asked.
 */
export class Environments {
  /** Every environment's name, configured ones first (in file order), then detected ones. */
  readonly names: readonly string[];
  readonly active: boolean;
  /** Equal for two assignments that put every file in the same environments. */
  readonly signature: string;
  private readonly scopes: CompiledScope[];
  private readonly overlays: readonly Overlay[];
  private readonly cache = new Map<string, readonly string[] | undefined>();

  constructor(configured: readonly ConfiguredScope[] = [], overlays: readonly Overlay[] = []) {
    // The innermost configuration governs a file: longer folders first.
    const sorted = [...configured].sort((a, b) => b.folder.length - a.folder.length);
    this.scopes = sorted.map((scope) => ({
      folder: scope.folder,
      environments: scope.environments.map((env) => ({ name: env.name, matches: folderAwareMatcher(env.globs) })),
    }));
    // A configuration file that says which environments there are (even none) switches detection off below it.
    this.overlays = overlays.filter((o) => !sorted.some((scope) => o.folder.startsWith(scope.folder)));
    const names = new Set<string>();
    for (const scope of configured) for (const env of scope.environments) names.add(env.name);
    for (const overlay of this.overlays) names.add(overlay.name);
    this.names = [...names];
    this.active = this.names.length > 0;
    this.signature = JSON.stringify([sorted.map((s) => [s.folder, s.environments]), this.overlays]);
  }

  /** The environments a file belongs to; undefined for a shared file (or when there are no environments). */
  of(uri: string): readonly string[] | undefined {
    if (!this.active) return undefined;
    if (this.cache.has(uri)) return this.cache.get(uri);
    const envs = this.compute(uri);
    this.cache.set(uri, envs);
    return envs;
  }

  /** The environments a resource is analyzed in: its own, or all of them for a shared one. */
  analyzedIn(resource: Resource): readonly string[] {
    return this.of(resource.uri) ?? this.names;
  }

  /** Whether a resource is seen from environment `name`: it belongs to it, or it is shared. */
  visibleIn(resource: Resource, name: string): boolean {
    const envs = this.of(resource.uri);
    return !envs || envs.includes(name);
  }

  private compute(uri: string): readonly string[] | undefined {
    const scope = this.scopes.find((s) => uri.startsWith(s.folder));
    if (scope) {
      const relative = decodePath(uri.slice(scope.folder.length));
      const envs = scope.environments.filter((env) => env.matches(relative)).map((env) => env.name);
      return envs.length ? envs : undefined;
    }
    const overlay = this.overlays.find((o) => uri.startsWith(o.folder));
    return overlay ? [overlay.name] : undefined;
  }
}

/** A glob matcher that also takes a folder's glob (`envs/dev`, `envs/dev/`) to mean every file below it. */
function folderAwareMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const matches = globMatcher(globs);
  return (relativePath) => {
    const parts = relativePath.split('/');
    for (let i = parts.length; i > 0; i--) if (matches(parts.slice(0, i).join('/'))) return true;
    return false;
  };
}

function decodePath(path: string): string {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    return path;
  }
}
