import { posix } from 'node:path';
import type { ParsedFile } from '../parse/parsed-file';
import { asMap, asSeq, getValue, scalarText } from '../parse/yaml-nodes';
import { folderOf, resolveUri } from '../text/uri-paths';

/** A kustomization's `resources`, `bases` and `components` entries as written (local paths and remote URLs alike). */
export function kustomizationReferences(file: ParsedFile): string[] {
  const out: string[] = [];
  for (const document of file.documents) {
    const root = asMap(document.yaml.contents);
    for (const key of ['resources', 'bases', 'components']) {
      for (const item of asSeq(getValue(root, key))?.items ?? []) {
        const ref = scalarText(item);
        if (ref && !ref.includes('\n')) out.push(ref.trim());
      }
    }
  }
  return out;
}

/** A detected environment: a Kustomize overlay's folder (URI ending in `/`) and its name. */
export interface Overlay {
  folder: string;
  name: string;
}

const remote = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/i;

/**
 * The Kustomize overlays among the kustomizations (URI → its references): those with a local reference that leaves
 * their folder (`../base`). Named by the folder's path below the innermost of `roots` that holds it. Only when that
 * is unambiguous: overlay folders nested in one another, or an overlay that another overlay builds on, give none.
 */
export function detectOverlays(kustomizations: ReadonlyMap<string, readonly string[]>, roots: readonly string[]): Overlay[] {
  const overlays: Array<{ folder: string; targets: string[] }> = [];
  for (const [uri, refs] of kustomizations) {
    const folder = folderOf(uri);
    const outside = refs.filter((ref) => !remote.test(ref) && posix.normalize(ref).startsWith('../'));
    if (outside.length) overlays.push({ folder, targets: outside.map((ref) => asFolder(resolveUri(folder, ref))) });
  }
  for (const a of overlays) {
    for (const b of overlays) {
      if (a === b) continue;
      if (b.folder.startsWith(a.folder)) return [];
      if (b.targets.some((target) => target.startsWith(a.folder))) return [];
    }
  }
  const sortedRoots = roots.map((r) => (r.endsWith('/') ? r : `${r}/`)).sort((x, y) => y.length - x.length);
  return overlays
    .map(({ folder }) => {
      const root = sortedRoots.find((r) => folder.startsWith(r));
      const relative = root ? folder.slice(root.length) : folder.slice(folder.indexOf('://') + 3);
      return { folder, name: decodeURIComponent(relative.replace(/\/$/, '')) || folder };
    })
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

/** A folder URI ends in `/`, so that a prefix test does not take `base2/` for `base/`. */
function asFolder(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}
