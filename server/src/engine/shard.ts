import { createEngine, type EngineOptions } from './engine';
import type { Finding } from './finding';
import type { SchemaCatalog } from './schema/catalog';

/**
 * One part of a check spread over threads. Cross-resource checks need every file, so each part reads them
 * all and builds the whole index; it diagnoses only the files of its `share`. Everything here is plain data,
 * so a request and its result cross a thread boundary as they are.
 */
export interface ShardRequest {
  files: ReadonlyArray<{ uri: string; text: string }>;
  /** Indexes into `files` of the files this part diagnoses. */
  share: readonly number[];
  options: Pick<EngineOptions, 'defaultNamespace' | 'mesh' | 'unknownFieldSeverity'>;
}

export interface ShardResult {
  /** The findings of each file of the share, in the share's order. */
  findings: Finding[][];
}

/** Reads every file of the request and diagnoses its share: the same findings one engine holding all the files gives. */
export function diagnoseShare(catalog: SchemaCatalog, request: ShardRequest): ShardResult {
  const engine = createEngine({ catalog, ...request.options });
  // All files are set before any is diagnosed: a finding is made on the whole set, never on the part read so far.
  for (const file of request.files) engine.setFile(file.uri, file.text);
  return { findings: request.share.map((i) => engine.diagnose(request.files[i].uri)) };
}

/**
 * Splits files into at most `parts` shares of about equal size (longest first, each to the lightest share):
 * analysis time follows text length.
 */
export function splitShares(sizes: readonly number[], parts: number): number[][] {
  // No files still make one (empty) share: a check of nothing runs and reports nothing.
  const count = Math.max(1, Math.min(parts, sizes.length));
  const shares = Array.from({ length: count }, () => ({ files: [] as number[], size: 0 }));
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  for (const i of order) {
    let lightest = shares[0];
    for (const share of shares) if (share.size < lightest.size) lightest = share;
    lightest.files.push(i);
    lightest.size += sizes[i];
  }
  return shares.map((s) => s.files.sort((a, b) => a - b));
}
