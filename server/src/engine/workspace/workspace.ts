import { isKustomization, patchFileUris } from '../model/kustomization';
import { extractResources, resourcesAt, type Resource } from '../model/resource';
import { rememberSuppressedCodes } from '../model/suppression';
import { takeSharedViews } from '../model/shared-view';
import { ParsedFile, parseFile, parseTemplateFile, unparsedFile } from '../parse/parsed-file';
import type { FileFacts } from './file-facts';
import { rememberKeys } from './resource-keys';
import { isTemplate } from '../text/templating';
import { chartFolderOf, chartFolderOfMetadata, readChartValues, type ChartValues } from '../text/chart-values';
import { ResourceIndex } from './resource-index';
import { TreeBudget } from './tree-budget';

export interface FileState {
  parsed: ParsedFile;
  resources: Resource[];
  /** A Helm/Go template: parsed with its actions neutralized (kept on this thread, not read by scan workers). */
  template: boolean;
  /** A Kustomize patch (named by a kustomization): partial resources, kept out of the index. */
  patch: boolean;
  /** Larger than the configured limit: kept as text, not analyzed. */
  tooLarge: boolean;
}

/** The files the engine knows (open documents, files on disk, files given to the CLI) and an index over their resources. */
export class Workspace {
  private readonly files = new Map<string, FileState>();
  private readonly resourceIndex = new ResourceIndex();
  /** Patch files named by each kustomization file. */
  private readonly patchesOf = new Map<string, Set<string>>();
  /** The last `values.yaml` read, kept so a chart's templates read it once. */
  private valuesRead: { text: string; values: ChartValues | undefined } | undefined;

  constructor(
    private defaultNamespace: string,
    /** Files longer than this (in characters) are not parsed. */
    private maxFileSize = Number.POSITIVE_INFINITY,
    /** Which trees stay in memory; by default all of them. */
    readonly trees = new TreeBudget(Number.POSITIVE_INFINITY, () => false),
  ) {}

  setMaxFileSize(limit: number): void {
    this.maxFileSize = limit;
  }

  get namespaceDefault(): string {
    return this.defaultNamespace;
  }

  /**
   * Replaces a file. Returns the resources that changed (before and after), and the other files
   * whose role changed (patch files a kustomization starts or stops naming).
   */
  setFile(uri: string, text: string): { changed: Resource[]; retyped: string[] } {
    const previous = this.files.get(uri);
    const before = previous?.resources ?? [];
    const tooLarge = text.length > this.maxFileSize;
    const template = !tooLarge && isTemplate(text);
    const parsed = tooLarge ? unparsedFile(uri, text) : template ? parseTemplateFile(uri, text, this.chartValuesFor(uri)) : parseFile(uri, text, previous?.parsed);
    const state = this.stateOf(parsed, template, tooLarge);
    this.files.set(uri, state);
    this.track(parsed);
    this.resourceIndex.replace(previous && !previous.patch ? before : [], state.patch ? [] : state.resources);
    const retyped = isKustomization(uri) ? this.setPatches(uri, new Set(patchFileUris(parsed))) : [];
    const changed = changedResources(before, state.resources);
    this.rereadChartTemplates(uri, changed, retyped);
    return { changed, retyped };
  }

  /** The values of the chart whose `templates/` holds `uri`, when the workspace holds its `Chart.yaml` and `values.yaml`. */
  private chartValuesFor(uri: string): ChartValues | undefined {
    const folder = chartFolderOf(uri, (file) => this.files.has(file));
    const text = folder === undefined ? undefined : this.files.get(`${folder}/values.yaml`)?.parsed.text;
    if (text === undefined) return undefined;
    if (this.valuesRead?.text !== text) this.valuesRead = { text, values: readChartValues(text) };
    return this.valuesRead.values;
  }

  /** After a chart's `Chart.yaml` or `values.yaml` changed: its templates are read again, their changes added to `changed`. */
  private rereadChartTemplates(uri: string, changed: Resource[], retyped: string[]): void {
    const folder = chartFolderOfMetadata(uri);
    if (folder === undefined) return;
    for (const [file, state] of this.files) {
      if (!state.template || !file.startsWith(`${folder}/templates/`)) continue;
      const result = this.setFile(file, state.parsed.text);
      changed.push(...result.changed);
      retyped.push(file, ...result.retyped);
    }
  }

  /**
   * Replaces a file by one read on another thread: no parse here. Templates, oversized files and kustomizations
   * (whose patch lists this workspace keeps) are read here as by `setFile`; `fromFacts` tells which happened.
   */
  setFileFacts(uri: string, text: string, facts: FileFacts): { changed: Resource[]; retyped: string[]; fromFacts: boolean } {
    if (text.length > this.maxFileSize || isTemplate(text) || isKustomization(uri) || chartFolderOfMetadata(uri) !== undefined) return { ...this.setFile(uri, text), fromFacts: false };
    const previous = this.files.get(uri);
    const before = previous?.resources ?? [];
    const parsed = ParsedFile.withoutTree(uri, text, facts.outlines);
    const resources = resourcesAt(parsed, facts.resources, this.defaultNamespace);
    resources.forEach((resource, i) => {
      const read = facts.resources[i];
      // Keys filed under another default namespace are recomputed by providedKeys.
      rememberKeys(resource, read.keys, read.keysNamespace);
      rememberSuppressedCodes(resource, read.suppressed);
      takeSharedViews(resource, read.views);
    });
    const state: FileState = { parsed, resources, template: false, patch: this.isPatch(uri), tooLarge: false };
    this.files.set(uri, state);
    // No tree yet: counted in the budget once something reads it.
    this.trees.forget(uri);
    this.countRebuilds(parsed);
    this.resourceIndex.replace(previous && !previous.patch ? before : [], state.patch ? [] : resources);
    return { changed: changedResources(before, resources), retyped: [], fromFacts: true };
  }

  removeFile(uri: string): { changed: Resource[]; retyped: string[] } {
    const before = this.unindex(uri);
    this.files.delete(uri);
    this.trees.forget(uri);
    const retyped = this.patchesOf.has(uri) ? this.setPatches(uri, new Set()) : [];
    const changed = [...before];
    this.rereadChartTemplates(uri, changed, retyped);
    return { changed, retyped };
  }

  /** Counts the file's tree in the budget now and whenever it is parsed again after a release. */
  private track(parsed: ParsedFile): void {
    this.trees.touch(parsed);
    this.countRebuilds(parsed);
  }

  private countRebuilds(parsed: ParsedFile): void {
    parsed.onRebuilt = (file) => this.trees.touch(file);
  }

  private isPatch(uri: string): boolean {
    for (const patches of this.patchesOf.values()) if (patches.has(uri)) return true;
    return false;
  }

  private stateOf(parsed: ParsedFile, template: boolean, tooLarge: boolean): FileState {
    const resources = tooLarge ? [] : extractResources(parsed, this.defaultNamespace);
    return { parsed, resources, template, patch: this.isPatch(parsed.uri), tooLarge };
  }

  private indexState(state: FileState): void {
    if (!state.patch) for (const resource of state.resources) this.resourceIndex.add(resource);
  }

  private unindex(uri: string): Resource[] {
    const state = this.files.get(uri);
    if (!state) return [];
    if (!state.patch) for (const resource of state.resources) this.resourceIndex.remove(resource);
    return state.resources;
  }

  /** Records a kustomization's patch list and re-files the files whose patch status flipped. */
  private setPatches(kustomization: string, patches: Set<string>): string[] {
    const previous = this.patchesOf.get(kustomization) ?? new Set<string>();
    if (patches.size) this.patchesOf.set(kustomization, patches);
    else this.patchesOf.delete(kustomization);
    const flipped = [...new Set([...previous, ...patches])].filter((uri) => this.files.get(uri)?.patch !== this.isPatch(uri) && this.files.has(uri));
    for (const uri of flipped) {
      const state = this.files.get(uri) as FileState;
      this.unindex(uri);
      const next = { ...state, patch: this.isPatch(uri) };
      this.files.set(uri, next);
      this.indexState(next);
    }
    return flipped;
  }

  file(uri: string): FileState | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Re-reads every file's resources, since their namespaces depend on the default. */
  setDefaultNamespace(namespace: string): boolean {
    if (namespace === this.defaultNamespace) return false;
    this.defaultNamespace = namespace;
    for (const [uri, state] of this.files) {
      this.unindex(uri);
      const next = this.stateOf(state.parsed, state.template, state.tooLarge);
      this.files.set(uri, next);
      this.indexState(next);
    }
    return true;
  }

  get index(): ResourceIndex {
    return this.resourceIndex;
  }

  *allResources(): Iterable<Resource> {
    for (const state of this.files.values()) yield* state.resources;
  }
}

/**
 * The resources an edit really changed: those whose document text is new, before and after. A resource
 * whose document only moved keeps its meaning, so whoever read it need not run again.
 */
function changedResources(before: readonly Resource[], after: readonly Resource[]): Resource[] {
  if (!before.length || !after.length) return [...before, ...after];
  // A document taken over from the previous version is unchanged by construction; only the others need comparing.
  const beforeIds = new Set(before.map((r) => r.id));
  const afterIds = new Set(after.map((r) => r.id));
  const gone = before.filter((r) => !afterIds.has(r.id));
  const added = after.filter((r) => !beforeIds.has(r.id));
  const textOf = (r: Resource) => r.file.text.slice(r.range.start, r.range.end).replace(/^---[^\n]*\n/, '');
  const goneTexts = new Set(gone.map(textOf));
  const addedTexts = new Set(added.map(textOf));
  return [...gone.filter((r) => !addedTexts.has(textOf(r))), ...added.filter((r) => !goneTexts.has(textOf(r)))];
}
