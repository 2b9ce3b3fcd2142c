import type { Document, Node, YAMLMap } from 'yaml';
import type { OffsetRange, ResourceRef } from '../finding';
import type { ParsedDocument, ParsedFile } from '../parse/parsed-file';
import { asMap, asSeq, getEntry, getValue, rangeOf, scalarText } from '../parse/yaml-nodes';

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
  /**
   * The resource's own map: the document's root, or an item of a `kind: List` document. It identifies the
   * resource across edits (a document the parser takes over keeps its nodes), so caches are keyed by it.
   */
  root: YAMLMap;
  /** The resource's extent in the file: its document, or its item of a List. */
  range: OffsetRange;
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

/** The identities a document declares: itself, or the items of a List. */
const identities = new WeakMap<Document.Parsed, readonly Identity[]>();

function identityOfMap(root: YAMLMap | undefined): Identity | null {
  const apiVersion = scalarText(getValue(root, 'apiVersion'));
  const kindEntry = getEntry(root, 'kind');
  const kind = scalarText(kindEntry?.value);
  if (!root || !apiVersion || !kind || !kindEntry) return null;
  const metadata = asMap(getValue(root, 'metadata'));
  const nameNode = getValue(metadata, 'name');
  const name = scalarText(nameNode) ?? '';
  const namespace = scalarText(getValue(metadata, 'namespace')) ?? '';
  const anchorNode = nameNode && scalarText(nameNode) ? nameNode : kindEntry.value ?? kindEntry.key;
  return { root, apiVersion, kind, name, namespace, anchorNode };
}

/**
 * `kubectl get -o yaml` writes several objects as one `kind: List` (or `XxxList`) document whose `items` are the
 * objects: each item is a resource of its own, positioned inside the list.
 */
function isList(identity: Identity): boolean {
  return identity.apiVersion === 'v1' && (identity.kind === 'List' || identity.kind.endsWith('List')) && !!asSeq(getValue(identity.root, 'items'));
}

function identitiesOf(document: ParsedDocument): readonly Identity[] {
  let found = identities.get(document.yaml);
  if (found) return found;
  const identity = identityOfMap(asMap(document.yaml.contents));
  if (!identity) found = [];
  else if (!isList(identity)) found = [identity];
  else found = (asSeq(getValue(identity.root, 'items'))?.items ?? []).flatMap((item) => identityOfMap(asMap(item)) ?? []);
  identities.set(document.yaml, found);
  return found;
}

/** Every object of the file with a string apiVersion and kind: one per document, or one per item of a List document. */
export function extractResources(file: ParsedFile, defaultNamespace: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of file.documents) {
    const found = identitiesOf(document);
    for (const { root, apiVersion, kind, name, namespace, anchorNode } of found) {
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
        range: root === document.yaml.contents ? document.range : rangeOf(root),
        anchor: rangeOf(anchorNode),
      });
    }
  }
  return resources;
}
