import { formatMs, median, round, summarize, type Summary } from './stats';
import type { FileRound, WorkspaceRound } from './scenarios';

export interface Environment {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  peer: string;
  rounds: number;
  totalSeconds: number;
  /** `istio.scanWorkers` given to ours in every phase but `workers` (--workers); null when none was given (the server's default). */
  scanWorkers: number | null;
}

export interface WorkloadSizes {
  vsFile: { lines: number; resources: number; bytes: number };
  companions: { resources: number };
  mixedFile: { lines: number; resources: number; bytes: number };
  workspace: { files: number; resources: number; lines: number };
}

export interface FileFigures {
  rounds: number;
  initializeMs: number;
  /** didOpen (right after initialized) → first publish; median over rounds. */
  firstDiagnosticsMs: number;
  firstDiagnosticsCount: number;
  /** didOpen → the publish from which on the diagnostics equal the settled ones; median over rounds. */
  correctDiagnosticsMs: number;
  settledCount: number;
  /** Largest number of transient findings in one publish, worst round. */
  transientMax: number;
  /** didOpen → end of the workspace scan (ours); median over rounds. */
  progressEndMs: number | undefined;
  edit: Summary;
  /** Edit-to-diagnostics with the server's fixed debounce taken out. */
  editMinusDebounce: Summary;
  completion: Summary;
  hover: Summary;
  /** Completion sent right after a change, while the server may still be handling it. */
  typingCompletion: Summary;
  completionSane: string;
  hoverSane: string;
  editsChangedFindings: string;
  /** Peak RSS (VmHWM) of a round: median and largest over rounds. */
  peakRssMb: number | undefined;
  peakRssMbMax: number | undefined;
  loggedErrors: number;
}

export interface WorkspaceFigures {
  rounds: number;
  initializeMs: number;
  progressEndMs: number;
  lastPublishMs: number;
  /** initialized → the last file's correct publish; median over rounds. */
  lastCorrectMs: number;
  /** Transient findings summed over files, worst round; and the most in one publish. */
  transientTotal: number;
  transientMax: number;
  publishedFiles: string;
  unexpectedFiles: number;
  settledFindings: number;
  editSelf: Summary;
  editDependents: Summary;
  /** Per edit: the later of the file's and its dependents' diagnostics. */
  editReanalysis: Summary;
  editSettled: Summary;
  republishedPerEdit: number;
  dependentsSane: string;
  /** Peak RSS (VmHWM) after the cold index and at the end of a round: medians over rounds; and the largest. */
  peakRssMbAfterIndex: number | undefined;
  peakRssMb: number | undefined;
  peakRssMbMax: number | undefined;
}

/** One cold round of (b) in the `workers` phase: ours with `istio.scanWorkers` set to `scanWorkers`. */
export interface WorkersRound extends WorkspaceRound {
  scanWorkers: number;
  /** Which pass over the worker counts (1-based); the order of the counts alternates between passes. */
  round: number;
}

/** The cold index of (b) for one value of `istio.scanWorkers`, over its rounds. */
export interface WorkersFigures {
  scanWorkers: number;
  rounds: number;
  /** initialized → work-done progress end (every file indexed); median over rounds. */
  progressEndMs: number;
  /** initialized → the last file's correct publish (cold index + full correct analysis); median over rounds. */
  lastCorrectMs: number;
  /** lastCorrectMs over that of scanWorkers 0 (the main thread), when both were run. */
  lastCorrectVsMainThread: number | undefined;
  /** Transient findings summed over files, worst round; and the most in one publish. */
  transientTotal: number;
  transientMax: number;
  publishedFiles: string;
  unexpectedFiles: number;
  settledFindings: number;
  /** Peak RSS (VmHWM) at the end of the round: median over rounds, and the largest. */
  peakRssMb: number | undefined;
  peakRssMbMax: number | undefined;
  /** The worker threads the server said its scans used (0: the main thread; null: it logged no scan line), one per distinct answer. */
  reportedThreads: Array<number | null>;
}

export interface CliFigures {
  runs: number;
  cliMs: number[];
  /** The bare parse as a plain process (the runtime may use the second core for garbage collection). */
  bareParseMs: number[];
  /** The bare parse under `taskset -c 0`: one core, as the target states; empty when taskset is missing. */
  bareParseOneCoreMs: number[];
  cliMedianMs: number;
  bareParseMedianMs: number;
  bareParseOneCoreMedianMs: number | undefined;
  cliExitCode: number | null;
}

export interface Target {
  /** Which list the target belongs to (issue 11's, or earlier ones kept as regressions checks). */
  group: string;
  name: string;
  value: number | undefined;
  limit: number | undefined;
  unit: string;
  met: boolean | undefined;
  note?: string;
}

export interface Results {
  environment: Environment;
  workloads: WorkloadSizes;
  vsFile: { ours?: FileFigures; peer?: FileFigures; ratio: Record<string, number | undefined> };
  mixedFile?: FileFigures;
  workspace?: WorkspaceFigures;
  /** The `workers` phase: one entry per value of `istio.scanWorkers` that was run, in increasing order. */
  workers?: WorkersFigures[];
  cli?: CliFigures;
  targets: Target[];
  errors: string[];
  /** Rounds skipped or cut short to stay inside the time budget. */
  notes: string[];
  raw: { vsFileOurs: FileRound[]; vsFilePeer: FileRound[]; mixedFile: FileRound[]; workspace: WorkspaceRound[]; workers: WorkersRound[] };
}

const mb = (kb: number | undefined) => (kb === undefined ? undefined : round(kb / 1024, 1));

const mbMedian = (kbs: Array<number | undefined>) => {
  const known = kbs.filter((v): v is number => v !== undefined);
  return known.length ? mb(median(known)) : undefined;
};
const mbMax = (kbs: Array<number | undefined>) => {
  const known = kbs.filter((v): v is number => v !== undefined);
  return known.length ? mb(Math.max(...known)) : undefined;
};

/** Figures of (a) over rounds: single-shot times are medians, transient findings the worst round, latencies pooled. */
export function fileFigures(rounds: FileRound[], debounceMs: number): FileFigures | undefined {
  if (!rounds.length) return undefined;
  const edits = rounds.flatMap((r) => r.editMs);
  const changed = rounds.flatMap((r) => r.editCounts.map((c, i) => (i === 0 ? c !== r.settledCount : c !== r.editCounts[i - 1])));
  const progress = rounds.map((r) => r.progressEndMs).filter((v): v is number => v !== undefined);
  return {
    rounds: rounds.length,
    initializeMs: round(median(rounds.map((r) => r.initializeMs))),
    firstDiagnosticsMs: round(median(rounds.map((r) => r.firstDiagnosticsMs))),
    firstDiagnosticsCount: rounds[0].firstDiagnosticsCount,
    correctDiagnosticsMs: round(median(rounds.map((r) => r.correctDiagnosticsMs))),
    settledCount: rounds[0].settledCount,
    transientMax: Math.max(...rounds.map((r) => r.transientMax)),
    progressEndMs: progress.length ? round(median(progress)) : undefined,
    edit: summarize(edits),
    editMinusDebounce: summarize(edits.map((ms) => ms - debounceMs)),
    completion: summarize(rounds.flatMap((r) => r.completionMs)),
    hover: summarize(rounds.flatMap((r) => r.hoverMs)),
    typingCompletion: summarize(rounds.flatMap((r) => r.typingCompletionMs)),
    completionSane: `${sum(rounds.map((r) => r.completionSane))}/${sum(rounds.map((r) => r.completionMs.length))}`,
    hoverSane: `${sum(rounds.map((r) => r.hoverSane))}/${sum(rounds.map((r) => r.hoverMs.length))}`,
    editsChangedFindings: `${changed.filter(Boolean).length}/${changed.length}`,
    peakRssMb: mbMedian(rounds.map((r) => r.peakRssKb)),
    peakRssMbMax: mbMax(rounds.map((r) => r.peakRssKb)),
    loggedErrors: sum(rounds.map((r) => r.loggedErrors)),
  };
}

/** Figures of (b) over rounds: cold times are medians, transient findings the worst round, edit latencies pooled. */
export function workspaceFigures(rounds: WorkspaceRound[]): WorkspaceFigures | undefined {
  if (!rounds.length) return undefined;
  const edits = rounds.flatMap((r) => r.edits);
  return {
    rounds: rounds.length,
    initializeMs: round(median(rounds.map((r) => r.initializeMs))),
    progressEndMs: round(median(rounds.map((r) => r.progressEndMs))),
    lastPublishMs: round(median(rounds.map((r) => r.lastPublishMs))),
    lastCorrectMs: round(median(rounds.map((r) => r.lastCorrectMs))),
    transientTotal: Math.max(...rounds.map((r) => r.transientTotal)),
    transientMax: Math.max(...rounds.map((r) => r.transientMax)),
    publishedFiles: `${Math.min(...rounds.map((r) => r.publishedFiles))}/${rounds[0].expectedFiles}`,
    unexpectedFiles: Math.max(...rounds.map((r) => r.unexpectedFiles)),
    settledFindings: rounds[0].settledFindings,
    editSelf: summarize(edits.map((e) => e.selfMs)),
    editDependents: summarize(edits.map((e) => e.dependentsMs)),
    editReanalysis: summarize(edits.map((e) => Math.max(e.selfMs, e.dependentsMs))),
    editSettled: summarize(edits.map((e) => e.settledMs)),
    republishedPerEdit: round(median(edits.map((e) => e.republished))),
    dependentsSane: `${edits.filter((e) => e.dependentsSane).length}/${edits.length}`,
    peakRssMbAfterIndex: mbMedian(rounds.map((r) => r.peakRssKbAfterIndex)),
    peakRssMb: mbMedian(rounds.map((r) => r.peakRssKb)),
    peakRssMbMax: mbMax(rounds.map((r) => r.peakRssKb)),
  };
}

/** The worker threads a scan log line ("Indexed 1000 YAML files on 2 worker threads.") names: 0 when it names none; null for no such line. */
export function threadsInScanMessage(message: string | undefined): number | null {
  if (message === undefined || !/^Indexed \d+ YAML files/.test(message)) return null;
  const match = /on (\d+) worker threads?/.exec(message);
  return match ? Number(match[1]) : 0;
}

/** Figures of the `workers` phase per value of scanWorkers, in increasing order: cold times are medians, transient findings the worst round. */
export function workersFigures(rounds: WorkersRound[]): WorkersFigures[] | undefined {
  if (!rounds.length) return undefined;
  const counts = [...new Set(rounds.map((r) => r.scanWorkers))].sort((a, b) => a - b);
  const figures = counts.map((n) => {
    const mine = rounds.filter((r) => r.scanWorkers === n);
    const ws = workspaceFigures(mine) as WorkspaceFigures;
    return {
      scanWorkers: n,
      rounds: ws.rounds,
      progressEndMs: ws.progressEndMs,
      lastCorrectMs: ws.lastCorrectMs,
      lastCorrectVsMainThread: undefined as number | undefined,
      transientTotal: ws.transientTotal,
      transientMax: ws.transientMax,
      publishedFiles: ws.publishedFiles,
      unexpectedFiles: ws.unexpectedFiles,
      settledFindings: ws.settledFindings,
      peakRssMb: ws.peakRssMb,
      peakRssMbMax: ws.peakRssMbMax,
      reportedThreads: [...new Set(mine.map((r) => threadsInScanMessage(r.scanMessage)))],
    };
  });
  const mainThread = figures.find((f) => f.scanWorkers === 0);
  for (const f of figures) f.lastCorrectVsMainThread = ratio(f.lastCorrectMs, mainThread?.lastCorrectMs);
  return figures;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** a / b to two decimals; undefined unless both are known and b is positive. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 2) : undefined;
}

/** A target with its measured value; met when the value is known and at most the limit. */
export function target(group: string, name: string, value: number | undefined, limit: number | undefined, unit: string, note?: string): Target {
  const known = value !== undefined && limit !== undefined && Number.isFinite(value) && Number.isFinite(limit);
  return {
    group,
    name,
    value: value === undefined ? undefined : round(value, 2),
    limit: limit === undefined ? undefined : round(limit, 2),
    unit,
    met: known ? value <= limit : undefined,
    note,
  };
}

const fmtRatio = (r: number | undefined) => (r === undefined ? 'n/a' : `${r.toFixed(2)}×`);
const ms = (v: number | undefined) => formatMs(v);
const medP95 = (s: Summary | undefined) => (s && s.n ? `${ms(s.median)} / ${ms(s.p95)}` : 'n/a');

/** The whole report as markdown. */
export function renderMarkdown(r: Results, debounce: { ours: number; peer: number }, settleQuietMs: number): string {
  const e = r.environment;
  const w = r.workloads;
  const o = r.vsFile.ours;
  const p = r.vsFile.peer;
  const out: string[] = [];
  out.push(`## Istio YAML benchmark — ${e.date}`);
  out.push('');
  out.push(
    `Node ${e.node}, os.cpus().length = ${e.cpus} (${e.cpuModel}), load average at start ${e.loadAverageStart.map((l) => l.toFixed(2)).join(' ')}, at end ${e.loadAverageEnd
      .map((l) => l.toFixed(2))
      .join(' ')}. Peer: ${e.peer}. ${e.rounds} alternating rounds; took ${e.totalSeconds.toFixed(0)} s.`,
  );
  out.push('');
  out.push(
    `Workloads: (a) ${w.vsFile.resources} VirtualServices in one file, ${w.vsFile.lines} lines (${(w.vsFile.bytes / 1024 / 1024).toFixed(1)} MiB), ` +
      `in a workspace folder (given to both servers) that also holds a companion file of ${w.companions.resources} Gateways, DestinationRules and ServiceEntries ` +
      `and the ${w.workspace.files} files of (b). ` +
      `(a mixed) ${w.mixedFile.resources} resources (VS + DR + Gateway) in one file, ${w.mixedFile.lines} lines, no folder. ` +
      `(b) workspace of ${w.workspace.files} files, ${w.workspace.resources} resources, ${w.workspace.lines} lines.`,
  );
  out.push('');
  out.push(
    'The file of (a) is opened right after `initialized`, while our server scans the folder (as when VS Code restores a window). ' +
      `Settled: ours after its work-done progress end, the peer after its first publish, then ${settleQuietMs / 1000} s without any publish and a ping answered at once. ` +
      '"Correct" is the first publish from which on the file\'s diagnostics equal the settled ones (multisets of range + code + message; the peer: range + message). ' +
      'A transient finding is one shown before that which the settled publish lacks.',
  );
  out.push(
    'Latencies are client-side (request sent → answer; change sent → publishDiagnostics), pooled over rounds: median / p95. Single-shot figures: median over rounds; transient findings: worst round; peak RSS (VmHWM): median over rounds (max).',
  );
  out.push(
    `Both servers debounce diagnostics: ours ${debounce.ours} ms after the last change, the peer ${debounce.peer} ms (yaml-language-server's fixed validationDelayMs).`,
  );
  out.push(
    e.scanWorkers === null
      ? 'Ours ran with its default scan workers (`istio.scanWorkers` not set: none, the main thread), except in the scan workers table.'
      : `Ours ran with \`istio.scanWorkers\` = ${e.scanWorkers}${e.scanWorkers === 0 ? ' (the scan on the main thread)' : ''} (--workers), except in the scan workers table.`,
  );
  out.push('');
  out.push('### (a) 2,000 VirtualServices inside the 1,000-file workspace, side by side');
  out.push('');
  out.push('| Figure | Ours | Peer (yaml-language-server) | Ours / peer |');
  out.push('|---|---:|---:|---:|');
  out.push(`| initialize (spawn → result) | ${ms(o?.initializeMs)} | ${ms(p?.initializeMs)} | ${fmtRatio(r.vsFile.ratio.initialize)} |`);
  out.push(`| didOpen → first publish | ${ms(o?.firstDiagnosticsMs)} | ${ms(p?.firstDiagnosticsMs)} | ${fmtRatio(r.vsFile.ratio.firstDiagnostics)} |`);
  out.push(`| findings in the first publish | ${o?.firstDiagnosticsCount ?? 'n/a'} | ${p?.firstDiagnosticsCount ?? 'n/a'} | |`);
  out.push(
    `| didOpen → correct diagnostics | ${ms(o?.correctDiagnosticsMs)} | ${ms(p?.correctDiagnosticsMs)} | ${fmtRatio(r.vsFile.ratio.correctDiagnostics)} (vs the peer's first: ${fmtRatio(r.vsFile.ratio.correctVsPeerFirst)}) |`,
  );
  out.push(`| findings when settled | ${o?.settledCount ?? 'n/a'} | ${p?.settledCount ?? 'n/a'} | |`);
  out.push(`| transient findings (most in one publish, worst round) | ${o?.transientMax ?? 'n/a'} | ${p?.transientMax ?? 'n/a'} | |`);
  out.push(`| didOpen → workspace scan ends (progress end) | ${ms(o?.progressEndMs)} | — | |`);
  out.push(
    `| edit → diagnostics, median / p95 (n=${o?.edit.n ?? 0}) | ${medP95(o?.edit)} | ${medP95(p?.edit)} | ${fmtRatio(r.vsFile.ratio.editMedian)} / ${fmtRatio(r.vsFile.ratio.editP95)} |`,
  );
  out.push(`| … of which debounce | ${debounce.ours} ms | ${debounce.peer} ms | |`);
  out.push(
    `| edit → diagnostics minus debounce, median / p95 | ${medP95(o?.editMinusDebounce)} | ${medP95(p?.editMinusDebounce)} | ${fmtRatio(r.vsFile.ratio.editMinusDebounceP95)} (p95) |`,
  );
  out.push(`| edits whose publish changed the findings | ${o?.editsChangedFindings ?? 'n/a'} | ${p?.editsChangedFindings ?? 'n/a'} | |`);
  out.push(
    `| completion, median / p95 (n=${o?.completion.n ?? 0}) | ${medP95(o?.completion)} | ${medP95(p?.completion)} | ${fmtRatio(r.vsFile.ratio.completionMedian)} / ${fmtRatio(r.vsFile.ratio.completionP95)} |`,
  );
  out.push(`| completion answers containing \`timeout\` | ${o?.completionSane ?? 'n/a'} | ${p?.completionSane ?? 'n/a'} | |`);
  out.push(
    `| completion right after a change (typing), median / p95 (n=${o?.typingCompletion.n ?? 0}) | ${medP95(o?.typingCompletion)} | ${medP95(p?.typingCompletion)} | ${fmtRatio(r.vsFile.ratio.typingCompletionP95)} (p95) |`,
  );
  out.push(
    `| hover, median / p95 (n=${o?.hover.n ?? 0}) | ${medP95(o?.hover)} | ${medP95(p?.hover)} | ${fmtRatio(r.vsFile.ratio.hoverMedian)} / ${fmtRatio(r.vsFile.ratio.hoverP95)} |`,
  );
  out.push(`| hovers containing the schema description | ${o?.hoverSane ?? 'n/a'} | ${p?.hoverSane ?? 'n/a'} | |`);
  out.push(`| peak RSS (VmHWM), median (max) | ${rss(o?.peakRssMb, o?.peakRssMbMax)} | ${rss(p?.peakRssMb, p?.peakRssMbMax)} | ${fmtRatio(r.vsFile.ratio.rss)} |`);
  out.push('');
  const m = r.mixedFile;
  out.push(...oursOnlyTable('(a mixed) VirtualServices + DestinationRules + Gateways in one file, ours only'));
  if (m) {
    out.push(`| initialize | ${ms(m.initializeMs)} |`);
    out.push(`| didOpen → first publish (${m.firstDiagnosticsCount} findings) | ${ms(m.firstDiagnosticsMs)} |`);
    out.push(`| didOpen → correct diagnostics (${m.settledCount} findings; transient: ${m.transientMax}) | ${ms(m.correctDiagnosticsMs)} |`);
    out.push(`| edit → diagnostics, median / p95 (n=${m.edit.n}) | ${medP95(m.edit)} |`);
    out.push(`| edit → diagnostics minus debounce, median / p95 | ${medP95(m.editMinusDebounce)} |`);
    out.push(`| edits whose publish changed the findings | ${m.editsChangedFindings} |`);
    out.push(`| completion, median / p95 (\`timeout\` in ${m.completionSane}) | ${medP95(m.completion)} |`);
    out.push(`| completion right after a change (typing), median / p95 | ${medP95(m.typingCompletion)} |`);
    out.push(`| hover, median / p95 (description in ${m.hoverSane}) | ${medP95(m.hover)} |`);
    out.push(`| peak RSS | ${rss(m.peakRssMb, m.peakRssMbMax)} |`);
  } else out.push('| (not run) | |');
  out.push('');
  const ws = r.workspace;
  out.push(...oursOnlyTable(`(b) workspace, ours only (${ws?.rounds ?? 0} rounds)`));
  if (ws) {
    out.push(`| initialize | ${ms(ws.initializeMs)} |`);
    out.push(`| initialized → work-done progress end (every file indexed) | ${ms(ws.progressEndMs)} |`);
    out.push(`| initialized → last correct publish (cold index + full correct analysis) | ${ms(ws.lastCorrectMs)} |`);
    out.push(`| initialized → last publish | ${ms(ws.lastPublishMs)} |`);
    out.push(`| transient findings, summed over files (most in one publish), worst round | ${ws.transientTotal} (${ws.transientMax}) |`);
    out.push(`| files with deliberate mistakes showing findings when settled | ${ws.publishedFiles} |`);
    out.push(`| other files showing findings when settled | ${ws.unexpectedFiles} |`);
    out.push(`| findings when settled | ${ws.settledFindings} |`);
    out.push(`| edit → diagnostics of the edited file, median / p95 (n=${ws.editSelf.n}) | ${medP95(ws.editSelf)} |`);
    out.push(`| edit → diagnostics of its dependents, median / p95 | ${medP95(ws.editDependents)} |`);
    out.push(`| edit → both (re-analysis), median / p95 | ${medP95(ws.editReanalysis)} |`);
    out.push(`| edit → last publish of the burst, median / p95 | ${medP95(ws.editSettled)} |`);
    out.push(`| files re-published per edit (median) | ${ws.republishedPerEdit} |`);
    out.push(`| dependents' findings as expected | ${ws.dependentsSane} |`);
    out.push(`| peak RSS after indexing / at end, median (max) | ${ws.peakRssMbAfterIndex ?? 'n/a'} MB / ${rss(ws.peakRssMb, ws.peakRssMbMax)} |`);
  } else out.push('| (not run) | |');
  out.push('');
  out.push(...workersTable(r.workers, e.cpus));
  out.push('');
  const c = r.cli;
  out.push('### CLI on workspace (b)');
  out.push('');
  if (c) {
    out.push('| Figure | Median | Runs |');
    out.push('|---|---:|---|');
    out.push(`| \`node dist/cli.js check <b>\` (exit ${c.cliExitCode}) | ${ms(c.cliMedianMs)} | ${c.cliMs.map((v) => v.toFixed(0)).join(', ')} ms |`);
    out.push(
      `| bare \`yaml\` parseAllDocuments of the same files, fresh node, one core (\`taskset -c 0\`) | ${ms(c.bareParseOneCoreMedianMs)} | ${c.bareParseOneCoreMs.map((v) => v.toFixed(0)).join(', ') || 'n/a'} ms |`,
    );
    out.push(
      `| the same, not pinned | ${ms(c.bareParseMedianMs)} | ${c.bareParseMs.map((v) => v.toFixed(0)).join(', ')} ms |`,
    );
  } else out.push('(not run)');
  for (const group of [...new Set(r.targets.map((t) => t.group))]) {
    out.push('');
    out.push(`### Targets: ${group}`);
    out.push('');
    out.push('| Target | Measured | Limit | Met |');
    out.push('|---|---:|---:|:---:|');
    for (const t of r.targets.filter((x) => x.group === group)) {
      out.push(`| ${t.name}${t.note ? ` (${t.note})` : ''} | ${quantity(t.value, t.unit)} | ${quantity(t.limit, t.unit)} | ${t.met === undefined ? '?' : t.met ? 'met' : '**not met**'} |`);
    }
  }
  if (r.notes.length) {
    out.push('');
    out.push('### Samples cut to stay in the time budget');
    out.push('');
    for (const note of r.notes) out.push(`- ${note}`);
  }
  if (r.errors.length) {
    out.push('');
    out.push('### Errors');
    out.push('');
    for (const err of r.errors) out.push(`- ${err.split('\n')[0]}`);
  }
  return out.join('\n');
}

function quantity(value: number | undefined, unit: string): string {
  if (value === undefined) return 'n/a';
  if (unit === 'ms') return ms(value);
  if (unit === '×') return `${value}×`;
  return `${value} ${unit}`;
}

function rss(median: number | undefined, max: number | undefined): string {
  return median === undefined ? 'n/a' : `${median} MB (${max ?? 'n/a'})`;
}

/** The `workers` phase as a markdown section. */
function workersTable(figures: WorkersFigures[] | undefined, cpus: number): string[] {
  const out = ['### Scan workers on (b)', ''];
  if (!figures?.length) return [...out, '(not run)'];
  const passes = Math.max(...figures.map((f) => f.rounds));
  out.push(
    `One cold index of (b) per value of \`istio.scanWorkers\` (0: parsed and validated on the main thread), no edits, ${passes} pass${passes === 1 ? '' : 'es'} over the values ` +
      `(the order alternates between passes), on ${cpus} cores. Times from \`initialized\`, medians over rounds; transient findings the worst round; ` +
      'the last column is what the server logged at the end of its scan.',
  );
  out.push('');
  out.push(
    '| `istio.scanWorkers` | Rounds | → progress end (every file indexed) | → last correct publish (cold index + full correct analysis) | Last correct vs 0 | Transient findings, summed (most in one publish) | Findings when settled (files with mistakes showing findings; other files showing any) | Peak RSS (VmHWM), median (max) | Server scanned on |',
  );
  out.push('|---:|---:|---:|---:|---:|---:|---|---:|---|');
  const threads = (t: number | null) => (t === null ? 'no scan line' : t === 0 ? 'main thread' : `${t} worker thread${t === 1 ? '' : 's'}`);
  for (const f of figures) {
    out.push(
      `| ${f.scanWorkers} | ${f.rounds} | ${ms(f.progressEndMs)} | ${ms(f.lastCorrectMs)} | ${fmtRatio(f.lastCorrectVsMainThread)} | ${f.transientTotal} (${f.transientMax}) | ` +
        `${f.settledFindings} (${f.publishedFiles}; ${f.unexpectedFiles}) | ${rss(f.peakRssMb, f.peakRssMbMax)} | ${f.reportedThreads.map(threads).join(', ')} |`,
    );
  }
  return out;
}

/** The heading and header rows of a table of our figures only. */
function oursOnlyTable(title: string): string[] {
  return [`### ${title}`, '', '| Figure | Ours |', '|---|---:|'];
}
