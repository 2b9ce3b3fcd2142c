// How a file's published diagnostics reached their settled state: when the first publish came, when the
// diagnostics became the ones the server ends with, and how many findings the user saw before that which the
// settled publish lacks ("transient" findings: shown, then withdrawn). Pure functions over a recorded list.

/** The parts of an LSP diagnostic that identify a finding. */
export interface FindingLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code?: string | number;
  /** LSP 3.18 allows markup here. */
  message: string | { kind: string; value: string };
}

/** One publishDiagnostics for one file, at time `t` (ms, any clock shared with `t0`). */
export interface TimedPublish {
  t: number;
  diagnostics: readonly FindingLike[];
}

/** Identifies a finding for comparison; two findings with the same key count as the same finding. */
export type FindingKey = (finding: FindingLike) => string;

/** Range + code + message, or range + message when codes are not to be trusted to be stable. */
export function findingKey(withCode: boolean): FindingKey {
  return (f) => {
    const r = f.range;
    const where = `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const message = typeof f.message === 'string' ? f.message : f.message.value;
    return withCode ? `${where}\u0000${f.code ?? ''}\u0000${message}` : `${where}\u0000${message}`;
  };
}

function countKeys(findings: readonly FindingLike[], key: FindingKey): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const k = key(f);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Whether two lists hold the same findings as multisets (order does not matter, duplicates do). */
export function sameFindings(a: readonly FindingLike[], b: readonly FindingLike[], key: FindingKey): boolean {
  if (a.length !== b.length) return false;
  const counts = countKeys(a, key);
  for (const f of b) {
    const k = key(f);
    const n = counts.get(k) ?? 0;
    if (n === 0) return false;
    counts.set(k, n - 1);
  }
  return true;
}

/** How many findings of `shown` the `settled` list lacks (multiset difference shown − settled). */
export function transientCount(shown: readonly FindingLike[], settled: readonly FindingLike[], key: FindingKey): number {
  const left = countKeys(settled, key);
  let extra = 0;
  for (const f of shown) {
    const k = key(f);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else extra++;
  }
  return extra;
}

export interface Convergence {
  publishes: number;
  /** t0 → first publish; undefined when nothing was published. */
  firstMs: number | undefined;
  /**
   * t0 → the first publish from which on every publish equals the settled one: the moment the user sees the
   * correct diagnostics for good. Undefined when nothing was published (the file never showed anything).
   */
  correctMs: number | undefined;
  /** Index of that publish in the list. */
  correctIndex: number | undefined;
  /** The largest number of transient findings in any one publish before the correct one. */
  transientMax: number;
  /** Publishes before the correct one that showed at least one transient finding. */
  transientPublishes: number;
  firstCount: number | undefined;
  settledCount: number;
}

/**
 * Convergence of one file's publishes, in arrival order; the settled diagnostics are the last publish's.
 * A publish before the correct one that merely lacks findings (they come later) shows nothing false: it is late,
 * not transient.
 */
export function convergence(publishes: readonly TimedPublish[], t0: number, key: FindingKey): Convergence {
  if (!publishes.length) {
    return { publishes: 0, firstMs: undefined, correctMs: undefined, correctIndex: undefined, transientMax: 0, transientPublishes: 0, firstCount: undefined, settledCount: 0 };
  }
  const settled = publishes[publishes.length - 1].diagnostics;
  let correctIndex = publishes.length - 1;
  while (correctIndex > 0 && sameFindings(publishes[correctIndex - 1].diagnostics, settled, key)) correctIndex--;
  let transientMax = 0;
  let transientPublishes = 0;
  for (let i = 0; i < correctIndex; i++) {
    const extra = transientCount(publishes[i].diagnostics, settled, key);
    if (extra > 0) transientPublishes++;
    transientMax = Math.max(transientMax, extra);
  }
  return {
    publishes: publishes.length,
    firstMs: publishes[0].t - t0,
    correctMs: publishes[correctIndex].t - t0,
    correctIndex,
    transientMax,
    transientPublishes,
    firstCount: publishes[0].diagnostics.length,
    settledCount: settled.length,
  };
}

/** One publish of a workspace, for `workspaceConvergence`. */
export interface UriPublish extends TimedPublish {
  uri: string;
}

export interface WorkspaceConvergence {
  /** Files that got at least one publish. */
  filesPublished: number;
  /** Files whose settled publish holds findings. */
  filesWithFindings: number;
  /** t0 → the last file's correct publish (the cold analysis as the user sees it end). */
  lastCorrectMs: number | undefined;
  /** t0 → the last publish of all (it may repeat diagnostics already correct). */
  lastPublishMs: number | undefined;
  /** Sum over files of each file's largest transient count. */
  transientTotal: number;
  /** The largest transient count in any one publish. */
  transientMax: number;
  /** Files that showed at least one transient finding, with their count (for the raw results). */
  transientFiles: Array<{ uri: string; transientMax: number }>;
  /** Findings in all settled publishes. */
  settledFindings: number;
}

/** Convergence of every file of a workspace from one recorded list of publishes (all files, arrival order). */
export function workspaceConvergence(publishes: readonly UriPublish[], t0: number, key: FindingKey): WorkspaceConvergence {
  const byUri = new Map<string, UriPublish[]>();
  for (const p of publishes) {
    const list = byUri.get(p.uri);
    if (list) list.push(p);
    else byUri.set(p.uri, [p]);
  }
  let lastCorrectMs: number | undefined;
  let transientTotal = 0;
  let transientMax = 0;
  let filesWithFindings = 0;
  let settledFindings = 0;
  const transientFiles: Array<{ uri: string; transientMax: number }> = [];
  for (const [uri, list] of byUri) {
    const c = convergence(list, t0, key);
    if (c.correctMs !== undefined) lastCorrectMs = Math.max(lastCorrectMs ?? -Infinity, c.correctMs);
    transientTotal += c.transientMax;
    transientMax = Math.max(transientMax, c.transientMax);
    if (c.transientMax > 0) transientFiles.push({ uri, transientMax: c.transientMax });
    if (c.settledCount > 0) filesWithFindings++;
    settledFindings += c.settledCount;
  }
  return {
    filesPublished: byUri.size,
    filesWithFindings,
    lastCorrectMs,
    lastPublishMs: publishes.length ? publishes[publishes.length - 1].t - t0 : undefined,
    transientTotal,
    transientMax,
    transientFiles,
    settledFindings,
  };
}
