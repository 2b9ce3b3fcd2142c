import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../helpers/catalog';

/**
 * Inputs that once broke the engine, one JSON file each (JSON keeps lone surrogates, NULs and CRs
 * exactly), replayed by the fuzz suite on every run.
 */
export interface CorpusEntry {
  /** What went wrong when it was found, and where the input came from. */
  description: string;
  /** File name the text is set under (`input.yaml`, `kustomization.yaml`, `patch.yaml`). */
  file: string;
  offsets: number[];
  text: string;
  /** Instead of one text: a sequence of edits across files. */
  steps?: CorpusStep[];
}

/** One edit of a multi-file sequence: `file` indexes a.yaml, b.yaml, c.yaml, kustomization.yaml. */
export interface CorpusStep {
  file: number;
  /** The file's new text; null removes it (unless `splice` is given). */
  text: string | null;
  /** Instead of a new text: a small edit of the file's current text (`at` is taken modulo its length + 1). */
  splice?: { at: number; remove: number; insert: string };
}

export const corpusDir = path.join(repoRoot, 'test', 'fuzz', 'corpus');

export function loadCorpus(): Array<{ name: string; entry: CorpusEntry }> {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, entry: JSON.parse(readFileSync(path.join(corpusDir, name), 'utf8')) as CorpusEntry }));
}

/** Saves a failing input (named by a hash of its text, so the same input is kept once); returns the path. */
export function saveToCorpus(entry: CorpusEntry): string {
  mkdirSync(corpusDir, { recursive: true });
  const hash = createHash('sha256').update(entry.file).update('\0').update(entry.steps ? JSON.stringify(entry.steps) : entry.text).digest('hex').slice(0, 12);
  const file = path.join(corpusDir, `${hash}.json`);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(entry, null, 2) + '\n');
  return file;
}
