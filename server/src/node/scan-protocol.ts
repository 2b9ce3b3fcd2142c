import type { FileText } from '../engine/workspace/fact-reader';
import type { FileFacts, ReadOptions } from '../engine/workspace/file-facts';

/** What a scan worker is started with. */
export interface ScanWorkerData {
  catalogFile: string;
}

/** A batch of files for a scan worker to read. */
export interface ScanRequest {
  id: number;
  options: ReadOptions;
  files: FileText[];
}

/** The facts of a batch, in the order of its files, or why the batch could not be read. */
export type ScanReply = { id: number; facts: Array<FileFacts | undefined> } | { id: number; error: string };
