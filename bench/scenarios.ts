import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type ConfigurationItem,
  type Hover,
  type MarkedString,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import type { Budget } from './budget';
import { delay, LspSession, trackChild, type PublishRecord } from './lsp-session';
import { convergence, findingKey, transientCount, workspaceConvergence, type FindingKey, type TimedPublish } from './convergence';
import { describe, type JsonSchema } from './peer-schema';
import { round } from './stats';
import type { FileWorkload, WorkspaceWorkload } from './workloads';

/** How to start one language server. */
export interface ServerSpec {
  label: 'ours' | 'peer';
  script: string;
  cwd: string;
  /** Debounce between the last change and diagnostics, as read from the server's source. */
  debounceMs: number;
  nodeArgs?: string[];
  /** Workspace folders given at initialize. */
  workspaceFolders?: string[];
  configuration: (item: ConfigurationItem) => unknown;
  /** Ours reports its workspace scan as work-done progress; the peer pulls its settings when told they changed. */
  kind: 'ours' | 'peer';
}

export interface FileRound {
  server: string;
  initializeMs: number;
  /** didOpen (sent right after initialized) → first publish for the file. */
  firstDiagnosticsMs: number;
  firstDiagnosticsCount: number;
  /** didOpen → the first publish from which on the file's diagnostics equal the settled ones. */
  correctDiagnosticsMs: number;
  /** Findings in the settled publish. */
  settledCount: number;
  /** The largest number of findings in one publish before the correct one that the settled publish lacks. */
  transientMax: number;
  transientPublishes: number;
  /** didOpen → work-done progress end (ours: the workspace scan); undefined for a server without one. */
  progressEndMs: number | undefined;
  /** Every publish for the file until it settled: ms after didOpen, findings, transient findings. */
  openTimeline: Array<{ ms: number; count: number; transient: number }>;
  editMs: number[];
  /** Diagnostics count after each edit (each edit adds a finding). */
  editCounts: number[];
  completionMs: number[];
  hoverMs: number[];
  completionSane: number;
  hoverSane: number;
  peakRssKb: number | undefined;
  loggedErrors: number;
  /** Samples not taken because the round's share of the time budget ran out. */
  truncated: string[];
  /** Completion requested right after a change (as while typing), before the server caught up. */
  typingCompletionMs: number[];
  /** Failures inside the round; the figures measured before them are kept. */
  errors: string[];
}

/** Fewest samples a loop takes even past its share of the budget. */
const minSamples = 5;

function waitTimeout(budget: Budget, cap = 60_000): number {
  return Math.max(1000, Math.min(cap, budget.remaining()));
}

async function startServer(spec: ServerSpec, budget: Budget, workspaceCapabilities: boolean) {
  return LspSession.start({
    label: spec.label,
    script: spec.script,
    nodeArgs: spec.nodeArgs,
    cwd: spec.cwd,
    workspaceFolders: spec.workspaceFolders,
    configuration: spec.configuration,
    workspaceCapabilities,
    timeoutMs: waitTimeout(budget),
  });
}

/**
 * How long a server must stay silent (then answer a ping at once) before its diagnostics count as settled.
 * Ours with a workspace folder: counted from its work-done progress "end" (the scan is over; the findings it held
 * back follow within its debounce). The peer reports no scan, nor does ours without a folder: counted from the
 * first publish for the file. 2 s is ten times either server's debounce and far longer than the gap between two
 * publishes of one burst; the ping then proves the silence is not a long synchronous analysis.
 */
export const settleQuietMs = 2000;

/**
 * Sends `initialized` and, at once, opens the file (as VS Code does when it restores a window with the file
 * open); then waits until the server has settled (see settleQuietMs). Returns the didOpen time and the index in
 * `session.publishes` up to which the publishes belong to the opening.
 */
async function openAtStart(spec: ServerSpec, session: LspSession, uri: string, text: string, budget: Budget): Promise<{ t0: number; tInit: number; settledAt: number; progressEndT: number | undefined }> {
  const firstPublish = session.waitForPublish((r) => r.uri === uri, 'first diagnostics', waitTimeout(budget, 120_000));
  const tInit = await session.initialized();
  // Both extensions' clients synchronize a configuration section, so VS Code's client tells each server its settings
  // changed right after initialized; the servers then pull them.
  await session.changeConfiguration();
  const t0 = await session.open(uri, text);
  await firstPublish;
  let progressEndT: number | undefined;
  if (spec.kind === 'ours' && spec.workspaceFolders?.length) progressEndT = (await session.waitForProgressEnd(0, waitTimeout(budget, 180_000))).t;
  const idle = await session.waitIdle(0, settleQuietMs, waitTimeout(budget, 120_000));
  if (idle.timedOut) throw new Error(`${spec.label}: diagnostics did not settle (still publishing)`);
  return { t0, tInit, settledAt: session.publishes.length, progressEndT };
}

/** The recorded publishes of `uri` among the first `upTo` ones, for the convergence figures. */
function publishesOf(session: LspSession, uri: string, upTo: number): TimedPublish[] {
  return session.publishes.slice(0, upTo).filter((p) => p.uri === uri).map((p) => ({ t: p.t, diagnostics: p.params.diagnostics }));
}

/** Ours sends stable codes; the peer's diagnostics are compared by range and message only. */
function keyFor(spec: ServerSpec): FindingKey {
  return findingKey(spec.kind === 'ours');
}

function completionLabels(result: CompletionItem[] | CompletionList | null): string[] {
  if (!result) return [];
  return (Array.isArray(result) ? result : result.items).map((i) => i.label);
}

export function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const part = (c: MarkupContent | MarkedString): string => (typeof c === 'string' ? c : c.value);
  const contents = hover.contents;
  return Array.isArray(contents) ? contents.map(part).join('\n') : part(contents as MarkupContent | MarkedString);
}

/** Lowercase words only, so markdown escaping and line wrapping do not matter. */
export function normalizeText(text: string): string {
  return text
    .replace(/\\(.)/g, '$1')
    .replace(/[^a-z0-9]+/gi, ' ')
    .trim()
    .toLowerCase();
}

/**
 * (a): open the file right after initialized and record its publishes until the server settled (first, correct,
 * transient); then 20 one-character edits, completion and hover at 50 positions each, completion while typing.
 * Ours is matched to the edited version through `version`; the peer does not send versions, so its
 * diagnostics are the next publish for the file after the change (one change at a time).
 */
export async function runFileRound(spec: ServerSpec, uri: string, workload: FileWorkload, schema: JsonSchema, budget: Budget): Promise<FileRound> {
  budget.check(`${spec.label} file round`);
  // Both declare what VS Code declares (work-done progress, watched files), so each behaves as in the editor.
  const { session, initializeMs } = await startServer(spec, budget, true);
  try {
    const opening = await openAtStart(spec, session, uri, workload.text, budget);
    const key = keyFor(spec);
    const opened = publishesOf(session, uri, opening.settledAt);
    const open = convergence(opened, opening.t0, key);
    const settled = opened[opened.length - 1].diagnostics;
    const openTimeline = opened.map((p) => ({ ms: round(p.t - opening.t0), count: p.diagnostics.length, transient: transientCount(p.diagnostics, settled, key) }));

    const editMs: number[] = [];
    const editCounts: number[] = [];
    const truncated: string[] = [];
    const errors: string[] = [];
    const fail = (what: string, error: unknown) =>
      errors.push(`${spec.label} ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    try {
      for (const edit of workload.edits) {
        budget.check(`${spec.label} edits`);
        if (editMs.length >= minSamples && budget.expired()) {
          truncated.push(`edits: ${editMs.length}/${workload.edits.length}`);
          break;
        }
        // The version is set synchronously by change(), before any publish can be handled.
        const published = session.waitForPublish(
          (r: PublishRecord) => r.uri === uri && (spec.kind === 'peer' || r.version === session.versionOf(uri)),
          `diagnostics after edit (${edit.what})`,
          waitTimeout(budget),
        );
        const change = await session.change(uri, edit.range, edit.text);
        const record = await published;
        editMs.push(record.t - change.t);
        editCounts.push(record.count);
        await delay(30);
      }
    } catch (error) {
      fail('edits', error);
      await session.waitIdle(session.publishes.length, 500, waitTimeout(budget));
    }

    /** Times `sample` on each item, until done or `deadline` expires once `minimum` samples are in; counts the sane answers. */
    const sampleAll = async <T>(what: string, items: readonly T[], minimum: number, deadline: Budget, sample: (item: T) => Promise<{ ms: number; sane: boolean }>) => {
      const ms: number[] = [];
      let sane = 0;
      try {
        for (const item of items) {
          budget.check(`${spec.label} ${what}`);
          if (ms.length >= minimum && deadline.expired()) {
            truncated.push(`${what}: ${ms.length}/${items.length}`);
            break;
          }
          const result = await sample(item);
          ms.push(result.ms);
          if (result.sane) sane++;
        }
      } catch (error) {
        fail(what, error);
      }
      return { ms, sane };
    };

    // Completion and hover are quick; they keep a little time even when the edits used up the round's share.
    const probeBudget = budget.extend(20_000);
    const completion = await sampleAll('completions', workload.completions, 2 * minSamples, probeBudget, async (probe) => {
      const { result, ms } = await session.timedRequest(CompletionRequest.type, { textDocument: { uri }, position: probe.position }, waitTimeout(budget, 20_000));
      return { ms, sane: completionLabels(result).includes(probe.expectLabel) };
    });
    const hover = await sampleAll('hovers', workload.hovers, 2 * minSamples, probeBudget, async (probe) => {
      const { result, ms } = await session.timedRequest(HoverRequest.type, { textDocument: { uri }, position: probe.position }, waitTimeout(budget, 20_000));
      const description = describe(schema, probe.schemaPath);
      // The first words of the schema's description must be in the hover.
      const expected = description ? normalizeText(description).split(' ').slice(0, 6).join(' ') : undefined;
      return { ms, sane: !!expected && normalizeText(hoverText(result)).includes(expected) };
    });
    // Typing: a change to a string value, and at once a completion elsewhere, as an editor sends them.
    const typing = await sampleAll('typing', workload.typing, 3, probeBudget, async ({ edit, probe }) => {
      await session.change(uri, edit.range, edit.text);
      const { ms } = await session.timedRequest(CompletionRequest.type, { textDocument: { uri }, position: probe.position }, waitTimeout(budget, 30_000));
      await session.waitIdle(session.publishes.length, spec.debounceMs + 150, waitTimeout(budget));
      return { ms, sane: true };
    });
    const peakRssKb = session.peakRssKb();
    return {
      server: spec.label,
      initializeMs,
      firstDiagnosticsMs: open.firstMs ?? Number.NaN,
      firstDiagnosticsCount: open.firstCount ?? 0,
      correctDiagnosticsMs: open.correctMs ?? Number.NaN,
      settledCount: open.settledCount,
      transientMax: open.transientMax,
      transientPublishes: open.transientPublishes,
      progressEndMs: opening.progressEndT === undefined ? undefined : round(opening.progressEndT - opening.t0),
      openTimeline,
      editMs,
      editCounts,
      completionMs: completion.ms,
      hoverMs: hover.ms,
      completionSane: completion.sane,
      hoverSane: hover.sane,
      peakRssKb,
      loggedErrors: session.loggedErrors.length,
      truncated,
      typingCompletionMs: typing.ms,
      errors,
    };
  } finally {
    await session.close();
  }
}

export interface WorkspaceEditSample {
  file: string;
  what: string;
  /** Change sent -> diagnostics of the edited file (its new version). */
  selfMs: number;
  /** Change sent -> diagnostics of every file whose findings the edit changes. */
  dependentsMs: number;
  /** Change sent -> last publish of the burst (files re-published). */
  settledMs: number;
  republished: number;
  dependentsSane: boolean;
}

export interface WorkspaceRound {
  initializeMs: number;
  /** initialized → work-done progress end (every file read and indexed). */
  progressEndMs: number;
  /** initialized → the last publish before the server settled (it may repeat diagnostics already correct). */
  lastPublishMs: number;
  /** initialized → the last file's first publish from which on its diagnostics equal its settled ones. */
  lastCorrectMs: number;
  /** Sum over files of the largest number of findings in one publish that the file's settled publish lacks. */
  transientTotal: number;
  /** The largest number of such findings in any one publish. */
  transientMax: number;
  /** Files that showed transient findings, and how many at most (workspace-relative). */
  transientFiles: Array<{ file: string; transientMax: number }>;
  /** Files with a deliberate mistake whose settled publish holds findings. */
  publishedFiles: number;
  expectedFiles: number;
  /** Files whose settled publish holds findings though they hold no deliberate mistake. */
  unexpectedFiles: number;
  settledFindings: number;
  /** Every publish until the server settled: ms after initialized, file, findings. */
  timeline: Array<{ ms: number; file: string; count: number }>;
  peakRssKbAfterIndex: number | undefined;
  /** What the server logged when its scan ended ("Indexed 1000 YAML files on 2 worker threads."); undefined if nothing matched. */
  scanMessage: string | undefined;
  edits: WorkspaceEditSample[];
  peakRssKb: number | undefined;
  loggedErrors: number;
  truncated: string[];
  errors: string[];
}

/**
 * (b): cold index with progress, then open-edit-restore on ten files measuring their own and their dependents' diagnostics.
 * The cold figures are taken once the server settled (its progress ended, then settleQuietMs without a publish).
 */
export async function runWorkspaceRound(spec: ServerSpec, workload: WorkspaceWorkload, budget: Budget, withEdits = true): Promise<WorkspaceRound> {
  budget.check('workspace round');
  const rootUri = pathToFileURL(workload.root).href;
  const { session, initializeMs } = await startServer({ ...spec, workspaceFolders: [rootUri] }, budget, true);
  const uriOf = (rel: string) => pathToFileURL(path.join(workload.root, rel)).href;
  const relOf = (uri: string) => (uri.startsWith(rootUri + '/') ? decodeURIComponent(uri.slice(rootUri.length + 1)) : uri);
  try {
    const tInit = await session.initialized();
    const end = await session.waitForProgressEnd(0, waitTimeout(budget, 120_000));
    // The publish burst follows the scan (after the debounce); the server is done when it answers a ping at once.
    const idle = await session.waitIdle(0, settleQuietMs, waitTimeout(budget, 180_000));
    if (idle.timedOut) throw new Error(`${spec.label}: workspace diagnostics did not settle (still publishing)`);
    const cold = session.publishes.slice();
    const c = workspaceConvergence(
      cold.map((p) => ({ uri: p.uri, t: p.t, diagnostics: p.params.diagnostics })),
      tInit,
      keyFor(spec),
    );
    const settledCount = new Map<string, number>();
    for (const p of cold) settledCount.set(p.uri, p.count);
    const withFindings = new Set([...settledCount].filter(([, n]) => n > 0).map(([uri]) => uri));
    const expected = new Set(workload.filesWithFindings.map(uriOf));
    const publishedFiles = [...expected].filter((u) => withFindings.has(u)).length;
    const peakRssKbAfterIndex = session.peakRssKb();
    // Logged before the progress ends, on the same stream, so it has arrived by now.
    const scanMessage = session.loggedMessages.filter((m) => /^Indexed \d+ YAML files/.test(m)).pop();

    const edits: WorkspaceEditSample[] = [];
    const truncated: string[] = [];
    const errors: string[] = [];
    if (withEdits) {
      try {
        await measureWorkspaceEdits(session, workload, uriOf, budget, edits, truncated);
      } catch (error) {
        errors.push(`workspace edits: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    return {
      initializeMs,
      progressEndMs: end.t - tInit,
      lastPublishMs: c.lastPublishMs ?? Number.NaN,
      lastCorrectMs: c.lastCorrectMs ?? Number.NaN,
      transientTotal: c.transientTotal,
      transientMax: c.transientMax,
      transientFiles: c.transientFiles.map((x) => ({ file: relOf(x.uri), transientMax: x.transientMax })),
      publishedFiles,
      expectedFiles: expected.size,
      unexpectedFiles: [...withFindings].filter((u) => !expected.has(u)).length,
      settledFindings: c.settledFindings,
      timeline: cold.map((p) => ({ ms: round(p.t - tInit), file: relOf(p.uri), count: p.count })),
      peakRssKbAfterIndex,
      scanMessage,
      edits,
      peakRssKb: session.peakRssKb(),
      loggedErrors: session.loggedErrors.length,
      truncated,
      errors,
    };
  } finally {
    await session.close();
  }
}

/** Wall time of a fresh `node ARGS` process (bounded by `timeoutMs`); `pinTo` runs it under `taskset -c` on those cores. */
export function timeNode(args: string[], cwd: string, timeoutMs: number, pinTo?: string): Promise<{ ms: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const [file, argv] = pinTo === undefined ? [process.execPath, args] : ['taskset', ['-c', pinTo, process.execPath, ...args]];
    const child = execFile(file, argv, { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      const ms = performance.now() - t0;
      const code = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code as number) : error ? null : 0;
      if (error && code === null) reject(new Error(`${[file, ...argv].join(' ')} failed: ${error.message}`));
      else resolve({ ms, code, stdout });
    });
    trackChild(child);
  });
}

/** Open each planned file, break and restore it, timing its own and its dependents' diagnostics; samples go into `edits`. */
async function measureWorkspaceEdits(
  session: LspSession,
  workload: WorkspaceWorkload,
  uriOf: (rel: string) => string,
  budget: Budget,
  edits: WorkspaceEditSample[],
  truncated: string[],
): Promise<void> {
  for (const plan of workload.editPlans) {
    budget.check('workspace edits');
    // A plan is an open and two edits; past the share stop after four edits, and never start one the hard end cannot hold.
    const slowest = Math.max(0, ...edits.map((e) => e.settledMs));
    if ((edits.length >= 4 && budget.expired()) || (edits.length && budget.remaining() < 3 * slowest + 5000)) {
      truncated.push(`edits: ${edits.length}/${workload.editPlans.length * 2}`);
      return;
    }
    const uri = uriOf(plan.file);
    const opened = session.waitForPublish((r) => r.uri === uri && r.version === 1, `diagnostics of opened ${plan.file}`, waitTimeout(budget));
    await session.open(uri, readFileSync(path.join(workload.root, plan.file), 'utf8'));
    await opened;
    await session.waitIdle(session.publishes.length, 300, waitTimeout(budget));
    const brokenCounts = new Map<string, number>();
    for (const [index, edit] of plan.edits.entries()) {
      budget.check('workspace edits');
      const from = session.publishes.length;
      const self = session.waitForPublish(
        (r) => r.uri === uri && r.version === session.versionOf(uri),
        `diagnostics of edited ${plan.file}`,
        waitTimeout(budget),
      );
      const deps = plan.dependents.map((d) => session.waitForPublish((r) => r.uri === uriOf(d), `diagnostics of dependent ${d}`, waitTimeout(budget)));
      const change = await session.change(uri, edit.range, edit.text);
      const selfRecord = await self;
      const depRecords = await Promise.all(deps);
      const settled = await session.waitIdle(from, 300, waitTimeout(budget));
      // The breaking edit must give each dependent a finding; the restoring one must take it away again.
      const breaking = index === 0;
      const sane = depRecords.every((r) => (breaking ? r.count > 0 : r.count < (brokenCounts.get(r.uri) ?? Infinity)));
      if (breaking) for (const r of depRecords) brokenCounts.set(r.uri, r.count);
      edits.push({
        file: plan.file,
        what: edit.what,
        selfMs: selfRecord.t - change.t,
        dependentsMs: Math.max(...depRecords.map((r) => r.t - change.t)),
        settledMs: (settled.lastT ?? selfRecord.t) - change.t,
        republished: new Set(session.publishes.slice(from).map((p) => p.uri)).size,
        dependentsSane: sane,
      });
      await delay(30);
    }
    // The file stays open, as in an editor: closing would re-read it from disk and re-check its readers again.
  }
}
