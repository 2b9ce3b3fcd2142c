import type { ResourceAnalysis } from '../engine/engine';
import type { AnalyzeOptions, FileText, SnapshotFile } from '../engine/workspace/fact-reader';
import type { FileFacts, ReadOptions } from '../engine/workspace/file-facts';

/** What a scan worker is started with. */
export interface ScanWorkerData {
  catalogFile: string;
}

/** A batch of files for a scan worker to read. */
export interface ReadRequest {
  kind: 'read';
  id: number;
  options: ReadOptions;
  files: FileText[];
}

/** Analyze `targets` with every file of `files` in the index. */
export interface AnalyzeRequest {
  kind: 'analyze';
  id: number;
  options: AnalyzeOptions;
  files: SnapshotFile[];
  targets: string[];
}

export type ScanRequest = ReadRequest | AnalyzeRequest;

/** Per file of a read batch, or per target of an analysis, in order; or why the request failed. */
export type ScanReply =
  | { id: number; facts: Array<FileFacts | undefined> }
  | { id: number; analyses: Array<Array<ResourceAnalysis | null> | undefined> }
  | { id: number; error: string };
