import type { ParsedFile } from '../parse/parsed-file';
import { asMap, asSeq, getValue, scalarText } from '../parse/yaml-nodes';
import { folderOf, resolveUri } from '../text/uri-paths';

/** Whether the URI names a Kustomize file (`kustomization.yaml`, `.yml`, or `Kustomization`). */
export function isKustomization(uri: string): boolean {
  return /\/(kustomization\.ya?ml|Kustomization)$/.test(uri);
}

/** The URIs of the patch files a kustomization names (`patchesStrategicMerge`, `patches[].path`, `patchesJson6902[].path`). */
export function patchFileUris(file: ParsedFile): string[] {
  const base = folderOf(file.uri);
  const out: string[] = [];
  for (const document of file.documents) {
    const root = asMap(document.yaml.contents);
    for (const item of asSeq(getValue(root, 'patchesStrategicMerge'))?.items ?? []) {
      const path = scalarText(item);
      if (path && !path.includes('\n')) out.push(resolveUri(base, path));
    }
    for (const key of ['patches', 'patchesJson6902']) {
      for (const item of asSeq(getValue(root, key))?.items ?? []) {
        const path = scalarText(getValue(asMap(item), 'path'));
        if (path) out.push(resolveUri(base, path));
      }
    }
  }
  return out;
}
