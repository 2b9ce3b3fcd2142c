import type { Document, Node, YAMLMap } from 'yaml';
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

/** What a document declares about itself; its nodes move with the document, so it is read once per parsed document. */
interface Identity {
  root: YAMLMap;
  apiVersion: string;
  kind: string;
  name: string;
  /** metadata.namespace, or "" when absent. */
  namespace: string;
  anchorNode: Node;
}

const identities = new WeakMap<Document.Parsed, Identity | null>();

function identityOf(document: ParsedDocument): Identity | null {
  let identity = identities.get(document.yaml);
  if (identity !== undefined) return identity;
  const root = asMap(document.yaml.contents);
  const apiVersion = scalarText(getValue(root, 'apiVersion'));
  const kindEntry = getEntry(root, 'kind');
  const kind = scalarText(kindEntry?.value);
  if (!root || !apiVersion || !kind || !kindEntry) {
    identity = null;
  } else {
    const metadata = asMap(getValue(root, 'metadata'));
    const nameNode = getValue(metadata, 'name');
    const name = scalarText(nameNode) ?? '';
    const namespace = scalarText(getValue(metadata, 'namespace')) ?? '';
    const anchorNode = nameNode && scalarText(nameNode) ? nameNode : kindEntry.value ?? kindEntry.key;
    identity = { root, apiVersion, kind, name, namespace, anchorNode };
  }
  identities.set(document.yaml, identity);
  return identity;
}

/** Every document of the file that has a string apiVersion and kind. */
export function extractResources(file: ParsedFile, defaultNamespace: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of file.documents) {
    const identity = identityOf(document);
    if (!identity) continue;
    const { root, apiVersion, kind, name, namespace, anchorNode } = identity;
    resources.push({
      uri: file.uri,
      file,
      document,
      apiVersion,
      ...splitApiVersion(apiVersion),
      kind,
      name,
      namespace: namespace || defaultNamespace,
      root,
      anchor: rangeOf(anchorNode),
    });
  }
  return resources;
}
