import type { Finding } from '../finding';
import type { ResourcePlace } from '../model/resource';
import type { DocumentOutline } from '../parse/parsed-file';

/** How files are read: what a reader on another thread must share with the engine that takes its results. */
export interface ReadOptions {
  defaultNamespace: string;
  unknownFieldSeverity: 'error' | 'warning';
}

/** One resource as a scan worker read it: its place, index keys, suppressed codes and schema findings. */
export interface ResourceFacts extends ResourcePlace {
  keys: string[];
  /** The namespace the keys were filed under (the default may have changed since). */
  keysNamespace: string;
  suppressed: string[];
  schemaFindings: Finding[];
  /** The shared views (`SharedView`) that apply to it, by name: what lookups of it read. */
  views: Record<string, unknown>;
}

/**
 * What an engine needs to take a file over without parsing it: plain data, so it crosses threads. The tree
 * is not part of it; the engine that takes the file parses it when something reads it.
 */
export interface FileFacts {
  options: ReadOptions;
  outlines: DocumentOutline[];
  resources: ResourceFacts[];
}
