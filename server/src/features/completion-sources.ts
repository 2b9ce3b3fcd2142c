import type { TextEdit } from 'vscode-languageserver-types';
import type { Resource } from '../engine/model/resource';

/** Where a value from the workspace is being completed: the document's namespace and file, the edit range. */
export interface SourceSite {
  namespace: string;
  uri: string | undefined;
  range: TextEdit['range'];
}

/** The last path segment of a file's URI, as completion details name it. */
export function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** `Kind ns/name · file.yaml`: where a completion value comes from. */
export function sourceDetail(resource: Resource): string {
  return `${resource.kind} ${resource.namespace}/${resource.name || '<unnamed>'} · ${fileName(resource.uri)}`;
}

/** How close a source is to the cursor's document: 0 in the same file, 1 in the same namespace, 2 elsewhere. */
export function closeness(resource: Resource, uri: string | undefined, namespace: string): 0 | 1 | 2 {
  if (uri !== undefined && resource.uri === uri) return 0;
  return resource.namespace === namespace ? 1 : 2;
}
