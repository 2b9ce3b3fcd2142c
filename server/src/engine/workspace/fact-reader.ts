import { createEngine, type Engine, type ResourceAnalysis } from '../engine';
import type { MeshSettings } from '../model/mesh-config';
import type { SchemaCatalog } from '../schema/catalog';
import type { FileFacts, ReadOptions } from './file-facts';

export interface FileText {
  uri: string;
  text: string;
}

/** A file of a workspace snapshot, with the facts already read where there are. */
export interface SnapshotFile extends FileText {
  facts?: FileFacts;
}

/** How a snapshot is analyzed: as files are read, and with the mesh settings given explicitly (the CLI's --mesh-config). */
export interface AnalyzeOptions extends ReadOptions {
  mesh?: MeshSettings;
}

/**
 * Reads files as another engine configured with `options` would, and returns their facts (undefined for a file
 * not read as YAML). The files do not stay in `engine`: it only lends its parser, schemas and caches of compiled
 * validators, which is what a scan worker keeps between batches.
 */
export function readFileFacts(engine: Engine, files: readonly FileText[], options: ReadOptions): Array<FileFacts | undefined> {
  const current = engine.readOptions();
  if (current.defaultNamespace !== options.defaultNamespace || current.unknownFieldSeverity !== options.unknownFieldSeverity) engine.configure(options);
  return files.map(({ uri, text }) => {
    engine.setFile(uri, text);
    const facts = engine.fileFacts(uri);
    engine.removeFile(uri);
    return facts;
  });
}

/**
 * Analyzes `targets` in an engine of its own holding every file of the snapshot (taken over from their facts where
 * given, so only the files analyzed, and those they look up, are parsed): the per-resource analyses another engine
 * imports (`Engine.importAnalyses`).
 */
export function analyzeSnapshot(
  catalog: SchemaCatalog,
  files: readonly SnapshotFile[],
  targets: readonly string[],
  options: AnalyzeOptions,
): Array<Array<ResourceAnalysis | null> | undefined> {
  const engine = createEngine({ catalog, ...options });
  for (const { uri, text, facts } of files) {
    if (facts) engine.setFileFacts(uri, text, facts);
    else engine.setFile(uri, text);
  }
  return targets.map((uri) => engine.exportAnalyses(uri));
}
