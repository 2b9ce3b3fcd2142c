import { extractResources, type Resource } from '../model/resource';
import { parseFile, type ParsedFile } from '../parse/parsed-file';
import { ResourceIndex } from './resource-index';

export interface FileState {
  parsed: ParsedFile;
  resources: Resource[];
}

/** The files the engine knows (open documents, or files given to the CLI) and an index over their resources. */
export class Workspace {
  private readonly files = new Map<string, FileState>();
  private cachedIndex: ResourceIndex | undefined;

  constructor(private defaultNamespace: string) {}

  setFile(uri: string, text: string): FileState {
    const parsed = parseFile(uri, text);
    const state = { parsed, resources: extractResources(parsed, this.defaultNamespace) };
    this.files.set(uri, state);
    this.cachedIndex = undefined;
    return state;
  }

  removeFile(uri: string): void {
    if (this.files.delete(uri)) this.cachedIndex = undefined;
  }

  file(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Re-reads every file's resources, since their namespaces depend on the default. */
  setDefaultNamespace(namespace: string): void {
    if (namespace === this.defaultNamespace) return;
    this.defaultNamespace = namespace;
    for (const [uri, state] of this.files) {
      this.files.set(uri, { parsed: state.parsed, resources: extractResources(state.parsed, namespace) });
    }
    this.cachedIndex = undefined;
  }

  index(): ResourceIndex {
    this.cachedIndex ??= new ResourceIndex(this.allResources());
    return this.cachedIndex;
  }

  *allResources(): Iterable<Resource> {
    for (const state of this.files.values()) yield* state.resources;
  }
}
