import type { YAMLMap } from 'yaml';
import type { OffsetRange, ResourceRef } from '../finding';
import type { ParsedDocument, ParsedFile } from '../parse/parsed-file';
import { asMap, getEntry, getValue, rangeOf, scalarText } from '../parse/yaml-nodes';

/** A YAML document that declares a Kubernetes object (apiVersion + kind). */
export interface Resource {
  uri: string;
  file: ParsedFile;
  document: ParsedDocument;
  apiVersion: string;
  /** "" for the core group (`apiVersion: v1`). */
  group: string;
  version: string;
  kind: string;
  name: string;
  /** metadata.namespace, else the configured default. */
  namespace: string;
  root: YAMLMap;
  /** Where a finding about the resource as a whole points: its name, else its kind. */
  anchor: OffsetRange;
}

export function isIstioGroup(group: string): boolean {
  return group.endsWith('.istio.io');
}

export function refOf(resource: Resource): ResourceRef {
  return { kind: resource.kind, namespace: resource.namespace, name: resource.name };
}

/** "Kind ns/name", the way messages, symbols and the CLI name a resource. */
export function describeResource(resource: ResourceRef): string {
  return `${resource.kind} ${resource.namespace}/${resource.name || '<unnamed>'}`;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Every document of the file that has a string apiVersion and kind. */
export function extractResources(file: ParsedFile, defaultNamespace: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of file.documents) {
    const root = asMap(document.yaml.contents);
    const apiVersion = scalarText(getValue(root, 'apiVersion'));
    const kindEntry = getEntry(root, 'kind');
    const kind = scalarText(kindEntry?.value);
    if (!root || !apiVersion || !kind || !kindEntry) continue;
    const metadata = asMap(getValue(root, 'metadata'));
    const nameNode = getValue(metadata, 'name');
    const name = scalarText(nameNode) ?? '';
    const namespace = scalarText(getValue(metadata, 'namespace')) || defaultNamespace;
    const anchorNode = nameNode && scalarText(nameNode) ? nameNode : kindEntry.value ?? kindEntry.key;
    resources.push({
      uri: file.uri,
      file,
      document,
      apiVersion,
      ...splitApiVersion(apiVersion),
      kind,
      name,
      namespace,
      root,
      anchor: rangeOf(anchorNode),
    });
  }
  return resources;
}
