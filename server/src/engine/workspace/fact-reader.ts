import type { Engine } from '../engine';
import type { FileFacts, ReadOptions } from './file-facts';

export interface FileText {
  uri: string;
  text: string;
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
