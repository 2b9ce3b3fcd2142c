import { posix } from 'node:path';

/** The folder of a file URI, ending in `/`. */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * The URI a path names, written relative to a folder URI (`..` allowed, never above the root) or absolute (`/…`).
 * The path's segments are percent-encoded as the URI's are.
 */
export function resolveUri(folder: string, path: string): string {
  const schemeEnd = folder.indexOf('://') + 3;
  const pathStart = folder.indexOf('/', schemeEnd);
  if (schemeEnd < 3 || pathStart < 0) return folder + path;
  const base = path.startsWith('/') ? '/' : folder.slice(pathStart);
  return folder.slice(0, pathStart) + posix.normalize(posix.join(base, path.split('/').map(encodeURIComponent).join('/')));
}
