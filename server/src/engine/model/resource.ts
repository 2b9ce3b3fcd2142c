import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import type { OffsetRange, ResourceRef } from '../finding';
import type { ParsedDocument, ParsedFile } from '../parse/parsed-file';
import { asMap, asSeq, getEntry, getValue, rangeOf, scalarText } from '../parse/yaml-nodes';
import { isReleaseNamespace } from '../text/template-neutralize';

/** A YAML document that declares a Kubernetes object (apiVersion + kind). */
export interface Resource {
  readonly uri: string;
  readonly file: ParsedFile;
  /** Read from the file's tree, which is parsed again if it was released. */
  readonly document: ParsedDocument;
  readonly apiVersion: string;
  /** "" for the core group (`apiVersion: v1`). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace, else the configured default. */
  readonly namespace: string;
  /** The resource's own map: the document's root, or an item of a `kind: List` document. Read from the file's tree. */
  readonly root: YAMLMap;
  /**
   * Identifies the resource across edits: a document the parser takes over unchanged keeps it (and a released
   * tree parsed again does not change it), so caches are keyed by it. Holds no node.
   */
  readonly id: object;
  /** The resource's extent in the file: its document, or its item of a List. */
  readonly range: OffsetRange;
  /** Where a finding about the resource as a whole points: its name, else its kind. */
  readonly anchor: OffsetRange;
  /** Its document has YAML errors (so it was only half read). */
  readonly syntaxErrors: boolean;
}

export function isIstioGroup(group: string): boolean {
  return group.endsWith('.istio.io');
}

export function refOf(resource: Resource): ResourceRef {
  return { kind: resource.kind, namespace: resource.namespace, name: writtenName(resource) };
}

/** The name as written: in a chart template, the template's own text (`{{ .Release.Name }}-cart`), not its placeholder. */
function writtenName(resource: Resource): string {
  if (!resource.file.template || !resource.name.includes('$')) return resource.name;
  const node = getValue(asMap(getValue(resource.root, 'metadata')), 'name');
  if (!node) return resource.name;
  const { start, end } = rangeOf(node);
  return resource.file.text.slice(start, end).replace(/^(["'])(.*)\1$/s, '$2');
}

/** "Kind ns/name", the way messages, symbols and the CLI name a resource. */
export function describeResource(resource: ResourceRef): string {
  return `${resource.kind} ${resource.namespace}/${resource.name || '<unnamed>'}`;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** What a document declares about itself: read once per parsed document, and the identity of the resource. Holds no node. */
interface Identity {
  apiVersion: string;
  kind: string;
  name: string;
  /** metadata.namespace, or "" when absent. */
  namespace: string;
  /** Its place among the `items` of a List document; undefined for the document itself. */
  item: number | undefined;
}

/** The identities a document declares: itself, or the items of a List. */
const identities = new WeakMap<Document.Parsed, readonly Identity[]>();

function identityOfMap(root: YAMLMap | undefined, item: number | undefined): Identity | null {
  const apiVersion = scalarText(getValue(root, 'apiVersion'));
  const kind = scalarText(getValue(root, 'kind'));
  if (!root || !apiVersion || !kind) return null;
  const metadata = asMap(getValue(root, 'metadata'));
  const name = scalarText(getValue(metadata, 'name')) ?? '';
  const declared = scalarText(getValue(metadata, 'namespace')) ?? '';
  // Helm puts a chart's resources without a namespace in the release's: `{{ .Release.Namespace }}` is that same one.
  const namespace = isReleaseNamespace(declared) ? '' : declared;
  return { apiVersion, kind, name, namespace, item };
}

/**
 * `kubectl get -o yaml` writes several objects as one `kind: List` (or `XxxList`) document whose `items` are the
 * objects: each item is a resource of its own, positioned inside the list.
 */
function listItems(identity: Identity, root: YAMLMap): YAMLSeq | undefined {
  if (identity.apiVersion !== 'v1' || (identity.kind !== 'List' && !identity.kind.endsWith('List'))) return undefined;
  return asSeq(getValue(root, 'items'));
}

function identitiesOf(document: ParsedDocument): readonly Identity[] {
  let found = identities.get(document.yaml);
  if (found) return found;
  const root = asMap(document.yaml.contents);
  const identity = identityOfMap(root, undefined);
  const items = identity && root ? listItems(identity, root) : undefined;
  if (!identity) found = [];
  else if (!items) found = [identity];
  else found = items.items.flatMap((item, i) => identityOfMap(asMap(item), i) ?? []);
  identities.set(document.yaml, found);
  return found;
}

/** The map of a document (or of its List item) that a resource stands for. */
function rootIn(document: ParsedDocument, item: number | undefined): YAMLMap {
  const contents = document.yaml.contents as YAMLMap;
  return item === undefined ? contents : (asSeq(getValue(contents, 'items'))?.items[item] as YAMLMap);
}

/** Where findings about the resource as a whole point: metadata.name when it is text, else the kind's value. */
function anchorOf(root: YAMLMap): OffsetRange {
  const nameNode = getValue(asMap(getValue(root, 'metadata')), 'name');
  if (nameNode && scalarText(nameNode)) return rangeOf(nameNode);
  const kindEntry = getEntry(root, 'kind');
  return kindEntry ? rangeOf(kindEntry.value ?? kindEntry.key) : rangeOf(root);
}

/**
 * A resource read from a file. Its tree is reached through the file, never held: a released tree is then parsed
 * again on demand, and the resource keeps its identity and every fact read from it.
 */
class FileResource implements Resource {
  readonly group: string;
  readonly version: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;

  constructor(
    readonly file: ParsedFile,
    readonly documentIndex: number,
    readonly id: Identity,
    readonly namespace: string,
    readonly range: OffsetRange,
    readonly anchor: OffsetRange,
    readonly syntaxErrors: boolean,
  ) {
    ({ apiVersion: this.apiVersion, kind: this.kind, name: this.name } = id);
    ({ group: this.group, version: this.version } = splitApiVersion(id.apiVersion));
  }

  get uri(): string {
    return this.file.uri;
  }

  get document(): ParsedDocument {
    return this.file.documents[this.documentIndex];
  }

  get root(): YAMLMap {
    return rootIn(this.document, this.id.item);
  }
}

/** What identifies and places a resource in its file: enough to rebuild it on another thread, without its tree. */
export interface ResourcePlace {
  document: number;
  /** Its place among the `items` of a List document. */
  item?: number;
  apiVersion: string;
  kind: string;
  name: string;
  /** metadata.namespace, or "" when absent (the default is applied by whoever rebuilds it). */
  declaredNamespace: string;
  range: OffsetRange;
  anchor: OffsetRange;
  syntaxErrors: boolean;
}

/** The place of a resource read by `extractResources`. */
export function placeOf(resource: Resource): ResourcePlace {
  if (!(resource instanceof FileResource)) throw new Error('only resources read from a file have a place');
  const { apiVersion, kind, name, namespace, item } = resource.id;
  return {
    document: resource.documentIndex,
    ...(item === undefined ? {} : { item }),
    apiVersion,
    kind,
    name,
    declaredNamespace: namespace,
    range: resource.range,
    anchor: resource.anchor,
    syntaxErrors: resource.syntaxErrors,
  };
}

/** The resources of a file from their places (read on another thread): the file's tree is parsed only when one is read. */
export function resourcesAt(file: ParsedFile, places: readonly ResourcePlace[], defaultNamespace: string): Resource[] {
  return places.map((p) => {
    const identity: Identity = { apiVersion: p.apiVersion, kind: p.kind, name: p.name, namespace: p.declaredNamespace, item: p.item };
    return new FileResource(file, p.document, identity, p.declaredNamespace || defaultNamespace, p.range, p.anchor, p.syntaxErrors);
  });
}

/** Every object of the file with a string apiVersion and kind: one per document, or one per item of a List document. */
export function extractResources(file: ParsedFile, defaultNamespace: string): Resource[] {
  const resources: Resource[] = [];
  for (const document of file.documents) {
    const syntaxErrors = document.problems.some((p) => p.severity === 'error');
    for (const identity of identitiesOf(document)) {
      const root = rootIn(document, identity.item);
      const range = identity.item === undefined ? document.range : rangeOf(root);
      resources.push(new FileResource(file, document.index, identity, identity.namespace || defaultNamespace, range, anchorOf(root), syntaxErrors));
    }
  }
  return resources;
}
