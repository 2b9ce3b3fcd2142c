import type { Engine } from '../engine';
import type { Finding } from '../finding';
import type { Resource } from '../model/resource';
import type { FileEdits } from '../edit/text-edit';

/** One way to fix a finding: a single set of edits, over one or more files. */
export interface Fix {
  title: string;
  changes: FileEdits;
  /** The one obvious fix (editors apply it with "auto fix"); only when there is no choice to make. */
  isPreferred?: boolean;
}

export interface FixContext {
  engine: Engine;
  /** The file the finding is in. */
  uri: string;
  /** The resource the finding is in, when it is in one. */
  resource: Resource | undefined;
}

/**
 * Builds fixes for findings of one code (or, with `fixKind`, for any finding whose `data.fix` names it).
 * Edits are computed against the engine's current texts and must leave everything else untouched.
 */
export interface FixProvider {
  /** Kebab-case name, as its file is named. */
  id: string;
  /** The finding code it fixes; omitted for generic providers matched by `data.fix`. */
  code?: string;
  /** The `data.fix` value it handles. */
  fixKind?: string;
  fixes(finding: Finding, context: FixContext): Fix[];
}

/** A string field of a finding's data. */
export function dataString(finding: Finding, key: string): string | undefined {
  const value = finding.data?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A string-list field of a finding's data. */
export function dataStrings(finding: Finding, key: string): string[] {
  const value = finding.data?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
