import { AnalysisCache } from './analysis-cache';
import { analyzersFor } from './analyzers/registry';
import type { Finding, OffsetRange, RelatedLocation, ResourceRef, Severity } from './finding';
import { placeOf, type Resource } from './model/resource';
import { suppressedCodes } from './model/suppression';
import { withoutInlineSuppressed } from './model/inline-suppression';
import { sharedViewsOf } from './model/shared-view';
import { meshSettings, type MeshSettings } from './model/mesh-config';
import type { ParsedFile } from './parse/parsed-file';
import { ValidatorCache } from './schema/ajv-setup';
import type { SchemaCatalog } from './schema/catalog';
import { SchemaRegistry } from './schema/schema-registry';
import { validateResource } from './schema/validate-resource';
import { RecordingLookups } from './workspace/resource-index';
import { providedKeys } from './workspace/resource-keys';
import { TreeBudget } from './workspace/tree-budget';
import { folderOf, resolveUri } from './text/uri-paths';
import { isConfigFile, readRepoConfig, configFinding, type ConfigReading } from './config/repo-config';
import { isSuppressed, parseSuppression, type Suppression } from './config/suppress-rules';
import { mergeEnvironmentFindings } from './environment-findings';
import { isKustomization } from './model/kustomization';
import { parseMeshConfig } from './model/mesh-config';
import { Environments, type ConfiguredScope } from './workspace/environments';
import { detectOverlays, kustomizationReferences } from './workspace/kustomize-overlays';
import type { FileFacts, ReadOptions } from './workspace/file-facts';
import { Workspace, type FileState } from './workspace/workspace';

export type SeverityOverride = Severity | 'off';

/** One resource's findings (before severity overrides) and the index keys its checks read: plain data. */
export interface ResourceAnalysis {
  findings: Finding[];
  reads: readonly string[];
}

export interface EngineOptions {
  catalog: SchemaCatalog;
  /** Namespace of resources without metadata.namespace; `default` like istioctl analyze. */
  defaultNamespace?: string;
  /** Per-code severity changes; `off` drops the code. */
  severityOverrides?: Readonly<Record<string, SeverityOverride>>;
  /** Files longer than this many characters get one IY0003 finding instead of analysis (default 10 MB). */
  maxFileSize?: number;
  /** Severity of unknown fields and values (default error); `warning` for users on a newer Istio than our schemas. */
  unknownFieldSeverity?: 'error' | 'warning';
  /** Mesh settings given explicitly (CLI --mesh-config); otherwise read from the `istio` ConfigMap if present. */
  mesh?: MeshSettings;
  /** Files open in an editor: their YAML trees always stay in memory. */
  isOpen?: (uri: string) => boolean;
  /** Characters of text of closed files whose trees stay in memory between operations (default 0); the others are parsed again when read. */
  closedTreeBudget?: number;
  /**
   * Folder URIs (workspace folders, the CLI's checked folder): detected environments (Kustomize overlays) are named
   * by their path below them. A `.istio-yaml.yaml` among the files governs the files below its own folder.
   */
  roots?: readonly string[];
  /** istioctl's `CODE=Kind name.namespace` rules: findings they name are not reported. */
  suppress?: readonly string[];
}

/**
 * None: measured on the bench's 1,000-file workspace, releasing a closed file's tree right after each operation
 * gave a peak RSS of 205-212 MB, keeping 50 kB to 1 MB of them 300-400 MB, keeping all 310 MB. A tree kept across
 * operations is promoted to the old generation and becomes garbage there; one released at once dies young.
 */
export const defaultClosedTreeBudget = 0;

/** The analysis engine: files in, findings out. No I/O, no editor or protocol types. */
export interface Engine {
  readonly workspace: Workspace;
  readonly schemas: SchemaRegistry;
  /** Adds or replaces a file; returns the URIs whose findings may have changed (the file itself included). */
  setFile(uri: string, text: string): Set<string>;
  /**
   * Like `setFile`, for a file another engine (a scan worker) has read: its facts stand for the parse, which is
   * done here only when something reads the tree. Facts read with other options are not trusted for schema findings.
   */
  setFileFacts(uri: string, text: string, facts: FileFacts): Set<string>;
  /** What another engine needs to take this file over without parsing it; undefined for files not read as YAML. */
  fileFacts(uri: string): FileFacts | undefined;
  /** The options files are read with, for readers on other threads. */
  readOptions(): ReadOptions;
  /** Counts changes of the files and options: analyses made on a snapshot are current while it stays the same. */
  readonly generation: number;
  /**
   * Each resource's cross-resource analysis (run now unless cached), in the file's resource order, null for a
   * resource no check reads: for another engine, holding the same files, to import. Undefined for a file not analyzed.
   */
  exportAnalyses(uri: string): Array<ResourceAnalysis | null> | undefined;
  /**
   * Takes the analyses another engine made of the file on the files this one held at `generation`. Ignored (false)
   * when anything changed since, or when the file's resources do not line up with them.
   */
  importAnalyses(uri: string, analyses: ReadonlyArray<ResourceAnalysis | null>, generation: number): boolean;
  removeFile(uri: string): Set<string>;
  /** Every finding located in the file: YAML syntax, schema, and cross-resource checks. Cached until something it read changes. */
  diagnose(uri: string): Finding[];
  /**
   * The findings that depend on the file alone (YAML syntax, schema, size): what may be shown while the rest of
   * the workspace is still being read, since no other file can withdraw them. Costs no cross-resource analysis.
   */
  diagnoseFileLocal(uri: string): Finding[];
  /** Changes the default namespace, severities, suppressions or roots; returns every URI, as all findings may change. */
  configure(options: Pick<EngineOptions, 'defaultNamespace' | 'severityOverrides' | 'unknownFieldSeverity' | 'roots' | 'suppress'>): Set<string>;
  /** The environments the repository holds (configured in `.istio-yaml.yaml` files, or detected overlays). */
  readonly environments: Environments;
  /** The reading of each configuration file the engine holds (URI → its values and findings). */
  configFiles(): ReadonlyMap<string, ConfigReading>;
  /** Where a related location is now: its resource may have moved within its file since the finding was made. */
  currentRelatedRange(related: RelatedLocation): OffsetRange | undefined;
  /** Changes the size limit; takes effect for files set from now on (callers re-set the files they hold). */
  setMaxFileSize(limit: number): void;
}

export const defaultMaxFileSize = 10_000_000;

// `[ \t]*`, not `\s*`: with the m flag, `^\s*` would rescan every following blank line from each line start (quadratic on blank files).
const schemaApiVersionLine = /^[ \t]*apiVersion:[ \t]*["']?(?:[\w.-]+\.istio\.io|gateway\.networking\.k8s\.io)\//m;

export function createEngine(options: EngineOptions): Engine {
  const isOpen = options.isOpen ?? (() => false);
  const trees = new TreeBudget(options.closedTreeBudget ?? defaultClosedTreeBudget, isOpen);
  const workspace = new Workspace(options.defaultNamespace ?? 'default', options.maxFileSize ?? defaultMaxFileSize, trees);
  const schemas = new SchemaRegistry(options.catalog);
  const validators = new ValidatorCache();
  let overrides = options.severityOverrides ?? {};
  let unknownFieldSeverity = options.unknownFieldSeverity;
  // Findings per file, assembled from the per-resource analyses; dropped when one of those may change.
  const cache = new Map<string, Finding[]>();
  const analyses = new AnalysisCache();
  // Schema findings per resource: they read no other resource, so only a change of the resource itself drops them.
  const schemaAnalyses = new AnalysisCache();
  let generation = 0;
  let roots = options.roots ?? [];
  let suppressions = compileSuppressions(options.suppress);
  // Configuration files and kustomizations, read when set: together they decide the environments.
  const configs = new Map<string, ConfigReading>();
  const kustomizations = new Map<string, string[]>();
  let environments = new Environments();
  // The MeshConfig a configuration file names, read from the workspace: undefined until asked for.
  let configMesh: { mesh: MeshSettings | undefined } | undefined;

  /** Re-reads the environments after a configuration file or kustomization changed; every file when they differ. */
  function refreshEnvironments(): Set<string> {
    const scopes: ConfiguredScope[] = [];
    for (const [uri, reading] of [...configs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (reading.config.environments) scopes.push({ folder: folderOf(uri), environments: reading.config.environments });
    }
    const next = new Environments(scopes, detectOverlays(kustomizations, roots));
    if (next.signature === environments.signature) return new Set();
    environments = next;
    return forgetAll();
  }

  /** Drops every analysis: what each resource sees changed. */
  function forgetAll(): Set<string> {
    cache.clear();
    analyses.clear();
    configMesh = undefined;
    return new Set(workspace.uris());
  }

  /** Reads what a configuration file or kustomization says; returns the files whose findings that changes. */
  function noteRoleFile(uri: string, removed: boolean): Set<string> {
    // The MeshConfig file a configuration file names: every analysis may read it, and the configuration's findings say whether it exists.
    for (const [config, reading] of configs) if (reading.config.meshConfig && resolveUri(folderOf(config), reading.config.meshConfig) === uri) return forgetAll();
    if (isConfigFile(uri)) {
      const text = workspace.file(uri)?.parsed.text;
      const meshBefore = configs.get(uri)?.config.meshConfig;
      if (removed || text === undefined) configs.delete(uri);
      else configs.set(uri, readRepoConfig(text));
      const changed = refreshEnvironments();
      // A keystroke in the file re-checks the workspace only when what the analyses read changed: environments or mesh.
      return changed.size || configs.get(uri)?.config.meshConfig === meshBefore ? changed : forgetAll();
    }
    if (isKustomization(uri)) {
      const state = workspace.file(uri);
      if (removed || !state || state.tooLarge || state.template) kustomizations.delete(uri);
      else kustomizations.set(uri, kustomizationReferences(state.parsed));
      return refreshEnvironments();
    }
    return new Set();
  }

  /** The findings no `suppress` rule (istioctl's form) names. */
  function withoutRuleSuppressed(findings: Finding[]): Finding[] {
    return suppressions.length ? findings.filter((f) => !isSuppressed(f, suppressions)) : findings;
  }

  /** Mesh settings given explicitly, else those of the MeshConfig file a configuration file names (if the workspace holds it). */
  function explicitMesh(): MeshSettings | undefined {
    if (options.mesh) return options.mesh;
    if (!configMesh) {
      configMesh = { mesh: undefined };
      for (const [uri, reading] of configs) {
        if (!reading.config.meshConfig) continue;
        const file = resolveUri(folderOf(uri), reading.config.meshConfig);
        const text = workspace.file(file)?.parsed.text;
        configMesh = { mesh: text === undefined ? undefined : parseMeshConfig(text) };
        break;
      }
    }
    return configMesh.mesh;
  }

  /** A configuration file's findings: its own reading, and a meshConfig it names that the workspace does not hold. */
  function configFindings(uri: string): Finding[] {
    const reading = configs.get(uri);
    if (!reading) return [];
    const findings = [...reading.findings];
    if (!options.mesh && reading.config.meshConfig && reading.meshConfigRange) {
      const file = resolveUri(folderOf(uri), reading.config.meshConfig);
      if (!workspace.file(file)) findings.push(configFinding(reading.meshConfigRange, `meshConfig: ${reading.config.meshConfig} cannot be read: no file ${file} among the files checked`));
    }
    return findings;
  }

  /** The files to re-check after `uri` changed: itself, files whose role changed, and every reader of a key a changed resource is filed under. */
  function invalidate(uri: string, { changed, retyped }: { changed: Resource[]; retyped: string[] }): Set<string> {
    const affected = new Set([uri, ...retyped]);
    // A file that became (or stopped being) a patch is validated differently: all of it is checked again.
    for (const other of retyped) {
      analyses.forgetFile(other);
      schemaAnalyses.forgetFile(other);
    }
    const resources = [...changed, ...retyped.flatMap((other) => workspace.file(other)?.resources ?? [])];
    for (const reader of analyses.invalidate(resources.flatMap(providedKeys))) affected.add(reader);
    for (const u of affected) cache.delete(u);
    return affected;
  }

  /** One resource's own findings: schema validation for the groups the catalog covers, then the analyzers written for its kind. */
  function analyzeResource(resource: Resource, state: FileState, reads: Set<string>): Finding[] {
    const suppressed = suppressedCodes(resource);
    if (suppressed.has('*')) return [];
    const own = [...schemaFindings(resource, state)];
    const analyzers = analyzersFor(resource.group, resource.kind);
    const run = (visible?: (r: Resource) => boolean): Finding[] => {
      const index = new RecordingLookups(workspace.index, reads, visible);
      const context = { index, mesh: () => meshSettings(index, explicitMesh()) };
      const out: Finding[] = [];
      for (const analyzer of analyzers) for (const f of analyzer.analyze(resource, context)) out.push(f);
      return out;
    };
    if (!environments.active) for (const f of run()) own.push(f);
    else {
      // Each environment is its own cluster: the resource sees its environment's resources and the shared ones.
      const envs = environments.analyzedIn(resource);
      const runs = envs.map((name) => ({ name, findings: run((r) => environments.visibleIn(r, name)) }));
      for (const f of mergeEnvironmentFindings(runs)) own.push(f);
    }
    return unsuppressed(own, suppressed);
  }

  /** Schema validation of a resource of a group the catalog covers (Istio, Gateway API), cached with the resource. */
  function schemaFindings(resource: Resource, state: FileState): Finding[] {
    // A document with YAML errors was only half read: schema findings on it would be noise.
    if (!schemas.coversGroup(resource.group) || resource.syntaxErrors) return [];
    return schemaAnalyses.findings(resource, () => validateResource(resource, schemas, validators, { partial: state.patch, unknownFieldSeverity }));
  }

  /**
   * What is read of a resource sooner or later besides its index keys (suppressed codes, schema findings, the views
   * other resources' checks look up), each memoized: read while a closed file's tree is in memory, since it is
   * released right after and reading these later would parse it again; and what a scan worker sends.
   */
  function readAhead(resource: Resource, state: FileState) {
    return { suppressed: suppressedCodes(resource), schemaFindings: schemaFindings(resource, state), views: sharedViewsOf(resource) };
  }

  /** The file's syntax findings (for files that hold resources of groups the catalog covers), or its one size finding. */
  function syntaxOf(state: FileState): Finding[] {
    if (state.tooLarge) return [tooLargeFinding(state)];
    return state.resources.some((r) => schemas.coversGroup(r.group)) || schemaApiVersionLine.test(state.parsed.text) ? syntaxFindings(state.parsed) : [];
  }

  function readOptions(): ReadOptions {
    return { defaultNamespace: workspace.namespaceDefault, unknownFieldSeverity: unknownFieldSeverity ?? 'error' };
  }

  /** Istio and Gateway API resources are validated; other kinds only meet the checks written for them (e.g. Service port names). */
  function isAnalyzed(resource: Resource): boolean {
    return schemas.coversGroup(resource.group) || analyzersFor(resource.group, resource.kind).length > 0;
  }

  function analyze(state: FileState): Finding[] {
    if (isConfigFile(state.parsed.uri)) return applyOverrides(configFindings(state.parsed.uri), overrides);
    // Loops, not push(...list): a spread of a huge list (a 1 MB line can hold 100,000 errors) overflows the call stack.
    const findings: Finding[] = [];
    for (const f of syntaxOf(state)) findings.push(f);
    if (state.tooLarge) return findings;
    for (const resource of state.resources) {
      if (!isAnalyzed(resource)) continue;
      for (const f of analyses.findings(resource, (reads) => analyzeResource(resource, state, reads))) findings.push(f);
    }
    return applyOverrides(withoutRuleSuppressed(findings), overrides);
  }

  return {
    workspace,
    schemas,
    setFile(uri, text) {
      generation++;
      const result = workspace.setFile(uri, text);
      // Documents the parser took over keep their analyses; the others' are dropped.
      const state = workspace.file(uri);
      const kept = new Set(state?.resources.map((r) => r.id));
      analyses.forgetFile(uri, kept);
      schemaAnalyses.forgetFile(uri, kept);
      const affected = invalidate(uri, result);
      for (const other of noteRoleFile(uri, false)) affected.add(other);
      // An open file keeps its tree, and its views are read when asked for: reading them all at every keystroke would cost.
      if (state && !state.tooLarge && !isOpen(uri)) for (const resource of state.resources) readAhead(resource, state);
      trees.trim();
      return affected;
    },
    setFileFacts(uri, text, facts) {
      generation++;
      const result = workspace.setFileFacts(uri, text, facts);
      analyses.forgetFile(uri);
      schemaAnalyses.forgetFile(uri);
      const state = workspace.file(uri);
      const sameOptions = facts.options.unknownFieldSeverity === readOptions().unknownFieldSeverity;
      if (result.fromFacts && state && !state.patch && sameOptions) {
        state.resources.forEach((resource, i) => schemaAnalyses.remember(resource, facts.resources[i].schemaFindings));
      }
      const affected = invalidate(uri, result);
      for (const other of noteRoleFile(uri, false)) affected.add(other);
      trees.trim();
      return affected;
    },
    fileFacts(uri) {
      const state = workspace.file(uri);
      if (!state || state.template || state.tooLarge) return undefined;
      const resources = state.resources.map((resource) => {
        const { suppressed, ...read } = readAhead(resource, state);
        return { ...placeOf(resource), keys: providedKeys(resource), keysNamespace: resource.namespace, suppressed: [...suppressed], ...read };
      });
      return { options: readOptions(), outlines: [...state.parsed.outlines], resources };
    },
    get generation() {
      return generation;
    },
    exportAnalyses(uri) {
      const state = workspace.file(uri);
      if (!state || state.tooLarge) return undefined;
      const out = state.resources.map((resource) => {
        if (!isAnalyzed(resource)) return null;
        const { findings, reads } = analyses.entry(resource, (into) => analyzeResource(resource, state, into));
        return { findings, reads };
      });
      trees.trim();
      return out;
    },
    importAnalyses(uri, imported, at) {
      const state = workspace.file(uri);
      // Workers know no environments: their analyses of a repository that has some are not taken.
      if (at !== generation || !state || state.tooLarge || imported.length !== state.resources.length || environments.active) return false;
      state.resources.forEach((resource, i) => {
        const analysis = imported[i];
        if (analysis && isAnalyzed(resource)) analyses.remember(resource, analysis.findings, analysis.reads);
      });
      cache.delete(uri);
      return true;
    },
    readOptions,
    removeFile(uri) {
      generation++;
      const affected = invalidate(uri, workspace.removeFile(uri));
      analyses.forgetFile(uri);
      schemaAnalyses.forgetFile(uri);
      for (const other of noteRoleFile(uri, true)) affected.add(other);
      return affected;
    },
    diagnose(uri) {
      const state = workspace.file(uri);
      if (!state) return [];
      let findings = cache.get(uri);
      if (!findings) {
        cache.set(uri, (findings = withoutInlineSuppressed(analyze(state), state.parsed)));
        trees.trim();
      }
      return findings;
    },
    diagnoseFileLocal(uri) {
      const state = workspace.file(uri);
      if (!state) return [];
      if (isConfigFile(uri)) return applyOverrides([...(configs.get(uri)?.findings ?? [])], overrides);
      const findings: Finding[] = [];
      for (const f of syntaxOf(state)) findings.push(f);
      if (!state.tooLarge) {
        for (const resource of state.resources) for (const f of unsuppressed(schemaFindings(resource, state), suppressedCodes(resource))) findings.push(f);
      }
      trees.trim();
      return applyOverrides(withoutInlineSuppressed(withoutRuleSuppressed(findings), state.parsed), overrides);
    },
    currentRelatedRange(related) {
      const state = workspace.file(related.uri);
      if (!state) return undefined;
      const ref = related.resource;
      if (!ref) return related.range;
      return resourcesByRef(state).get(refKey(ref))?.anchor;
    },
    get environments() {
      return environments;
    },
    configFiles() {
      return configs;
    },
    setMaxFileSize(limit) {
      workspace.setMaxFileSize(limit);
    },
    configure(next) {
      generation++;
      if (next.defaultNamespace !== undefined) workspace.setDefaultNamespace(next.defaultNamespace);
      if (next.severityOverrides !== undefined) overrides = next.severityOverrides;
      if (next.unknownFieldSeverity !== undefined) unknownFieldSeverity = next.unknownFieldSeverity;
      if (next.suppress !== undefined) suppressions = compileSuppressions(next.suppress);
      if (next.roots !== undefined) {
        roots = next.roots;
        refreshEnvironments();
      }
      cache.clear();
      analyses.clear();
      schemaAnalyses.clear();
      trees.trim();
      return new Set(workspace.uris());
    },
  };
}

const refKey = (ref: ResourceRef) => `${ref.kind}/${ref.namespace}/${ref.name}`;
const refMaps = new WeakMap<FileState, Map<string, Resource>>();

/** A file's resources by kind, namespace and name (the first of duplicates), built once per version of the file. */
function resourcesByRef(state: FileState): Map<string, Resource> {
  let map = refMaps.get(state);
  if (!map) {
    map = new Map();
    for (const resource of state.resources) if (!map.has(refKey(resource))) map.set(refKey(resource), resource);
    refMaps.set(state, map);
  }
  return map;
}

/** The findings a resource's suppression annotation leaves (`*` suppresses every code). */
function unsuppressed(findings: readonly Finding[], suppressed: ReadonlySet<string>): Finding[] {
  return suppressed.has('*') ? [] : findings.filter((f) => !suppressed.has(f.code));
}

function applyOverrides(findings: Finding[], overrides: Readonly<Record<string, SeverityOverride>>): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const override = overrides[finding.code];
    if (override === 'off') continue;
    out.push(override ? { ...finding, severity: override } : finding);
  }
  return out;
}

function tooLargeFinding(state: FileState): Finding {
  const size = state.parsed.text.length;
  return {
    code: 'IY0003',
    severity: 'info',
    message: `This file has ${size.toLocaleString('en-US')} characters, more than the istio.maxFileSize limit; it is not analyzed. Raise the limit to check it.`,
    range: { start: 0, end: Math.min(size, state.parsed.lines.lineEnd(0)) },
  };
}

function syntaxFindings(file: ParsedFile): Finding[] {
  return file.outlines.flatMap((doc) =>
    doc.problems.map((p): Finding => ({ code: 'IY0001', severity: p.severity, message: `YAML: ${p.message}`, range: p.range })),
  );
}

/** The rules of istioctl's form among `rules` (the others are reported where they are written). */
function compileSuppressions(rules: readonly string[] | undefined): Suppression[] {
  return (rules ?? []).map(parseSuppression).filter((s): s is Suppression => typeof s !== 'string');
}
