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
  firstDiagnosticsMs: number;
  firstDiagnosticsCount: number;
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
  peakRssMb: number | undefined;
  loggedErrors: number;
}

export interface WorkspaceFigures {
  rounds: number;
  initializeMs: number;
  progressEndMs: number;
  lastPublishMs: number;
  publishedFiles: string;
  editSelf: Summary;
  editDependents: Summary;
  /** Per edit: the later of the file's and its dependents' diagnostics. */
  editReanalysis: Summary;
  editSettled: Summary;
  republishedPerEdit: number;
  dependentsSane: string;
  peakRssMbAfterIndex: number | undefined;
  peakRssMb: number | undefined;
}

export interface CliFigures {
  runs: number;
  cliMs: number[];
  bareParseMs: number[];
  cliMedianMs: number;
  bareParseMedianMs: number;
  cliExitCode: number | null;
}

export interface Target {
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
  cli?: CliFigures;
  targets: Target[];
  errors: string[];
  /** Rounds skipped or cut short to stay inside the time budget. */
  notes: string[];
  raw: { vsFileOurs: FileRound[]; vsFilePeer: FileRound[]; mixedFile: FileRound[]; workspace: WorkspaceRound[] };
}

const mb = (kb: number | undefined) => (kb === undefined ? undefined : round(kb / 1024, 1));

export function fileFigures(rounds: FileRound[], debounceMs: number): FileFigures | undefined {
  if (!rounds.length) return undefined;
  const edits = rounds.flatMap((r) => r.editMs);
  const changed = rounds.flatMap((r) => r.editCounts.map((c, i) => (i === 0 ? c !== r.firstDiagnosticsCount : c !== r.editCounts[i - 1])));
  const rss = rounds.map((r) => r.peakRssKb).filter((v): v is number => v !== undefined);
  return {
    rounds: rounds.length,
    initializeMs: round(median(rounds.map((r) => r.initializeMs))),
    firstDiagnosticsMs: round(median(rounds.map((r) => r.firstDiagnosticsMs))),
    firstDiagnosticsCount: rounds[0].firstDiagnosticsCount,
    edit: summarize(edits),
    editMinusDebounce: summarize(edits.map((ms) => ms - debounceMs)),
    completion: summarize(rounds.flatMap((r) => r.completionMs)),
    hover: summarize(rounds.flatMap((r) => r.hoverMs)),
    typingCompletion: summarize(rounds.flatMap((r) => r.typingCompletionMs)),
    completionSane: `${sum(rounds.map((r) => r.completionSane))}/${sum(rounds.map((r) => r.completionMs.length))}`,
    hoverSane: `${sum(rounds.map((r) => r.hoverSane))}/${sum(rounds.map((r) => r.hoverMs.length))}`,
    editsChangedFindings: `${changed.filter(Boolean).length}/${changed.length}`,
    peakRssMb: rss.length ? mb(Math.max(...rss)) : undefined,
    loggedErrors: sum(rounds.map((r) => r.loggedErrors)),
  };
}

export function workspaceFigures(rounds: WorkspaceRound[]): WorkspaceFigures | undefined {
  if (!rounds.length) return undefined;
  const edits = rounds.flatMap((r) => r.edits);
  const rss = rounds.map((r) => r.peakRssKb).filter((v): v is number => v !== undefined);
  const rssIndex = rounds.map((r) => r.peakRssKbAfterIndex).filter((v): v is number => v !== undefined);
  return {
    rounds: rounds.length,
    initializeMs: round(median(rounds.map((r) => r.initializeMs))),
    progressEndMs: round(median(rounds.map((r) => r.progressEndMs))),
    lastPublishMs: round(median(rounds.map((r) => r.lastPublishMs))),
    publishedFiles: `${rounds[0].publishedFiles}/${rounds[0].expectedFiles}`,
    editSelf: summarize(edits.map((e) => e.selfMs)),
    editDependents: summarize(edits.map((e) => e.dependentsMs)),
    editReanalysis: summarize(edits.map((e) => Math.max(e.selfMs, e.dependentsMs))),
    editSettled: summarize(edits.map((e) => e.settledMs)),
    republishedPerEdit: round(median(edits.map((e) => e.republished))),
    dependentsSane: `${edits.filter((e) => e.dependentsSane).length}/${edits.length}`,
    peakRssMbAfterIndex: rssIndex.length ? mb(Math.max(...rssIndex)) : undefined,
    peakRssMb: rss.length ? mb(Math.max(...rss)) : undefined,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? round(a / b, 2) : undefined;
}

export function target(name: string, value: number | undefined, limit: number | undefined, unit: string, note?: string): Target {
  const known = value !== undefined && limit !== undefined && Number.isFinite(value) && Number.isFinite(limit);
  return {
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
export function renderMarkdown(r: Results, debounce: { ours: number; peer: number }): string {
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
    `Workloads: (a) ${w.vsFile.resources} VirtualServices in one file, ${w.vsFile.lines} lines (${(w.vsFile.bytes / 1024 / 1024).toFixed(1)} MiB); ` +
      `ours also indexes a companion file of ${w.companions.resources} Gateways and DestinationRules in its workspace folder. ` +
      `(a mixed) ${w.mixedFile.resources} resources (VS + DR + Gateway) in one file, ${w.mixedFile.lines} lines. ` +
      `(b) workspace of ${w.workspace.files} files, ${w.workspace.resources} resources, ${w.workspace.lines} lines.`,
  );
  out.push('');
  out.push(
    'Latencies are client-side (request sent → answer; change sent → publishDiagnostics), pooled over rounds: median / p95. Single-shot figures: median over rounds.',
  );
  out.push(
    `Both servers debounce diagnostics: ours ${debounce.ours} ms after the last change, the peer ${debounce.peer} ms (yaml-language-server's fixed validationDelayMs).`,
  );
  out.push('');
  out.push('### (a) 2,000 VirtualServices, side by side');
  out.push('');
  out.push('| Figure | Ours | Peer (yaml-language-server) | Ours / peer |');
  out.push('|---|---:|---:|---:|');
  out.push(`| initialize (spawn → result) | ${ms(o?.initializeMs)} | ${ms(p?.initializeMs)} | ${fmtRatio(r.vsFile.ratio.initialize)} |`);
  out.push(`| didOpen → first diagnostics | ${ms(o?.firstDiagnosticsMs)} | ${ms(p?.firstDiagnosticsMs)} | ${fmtRatio(r.vsFile.ratio.firstDiagnostics)} |`);
  out.push(`| diagnostics in first publish | ${o?.firstDiagnosticsCount ?? 'n/a'} | ${p?.firstDiagnosticsCount ?? 'n/a'} | |`);
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
  out.push(`| peak RSS (VmHWM) | ${o?.peakRssMb ?? 'n/a'} MB | ${p?.peakRssMb ?? 'n/a'} MB | ${fmtRatio(r.vsFile.ratio.rss)} |`);
  out.push('');
  const m = r.mixedFile;
  out.push(...oursOnlyTable('(a mixed) VirtualServices + DestinationRules + Gateways in one file, ours only'));
  if (m) {
    out.push(`| initialize | ${ms(m.initializeMs)} |`);
    out.push(`| didOpen → first diagnostics (${m.firstDiagnosticsCount} diagnostics) | ${ms(m.firstDiagnosticsMs)} |`);
    out.push(`| edit → diagnostics, median / p95 (n=${m.edit.n}) | ${medP95(m.edit)} |`);
    out.push(`| edit → diagnostics minus debounce, median / p95 | ${medP95(m.editMinusDebounce)} |`);
    out.push(`| edits whose publish changed the findings | ${m.editsChangedFindings} |`);
    out.push(`| completion, median / p95 (\`timeout\` in ${m.completionSane}) | ${medP95(m.completion)} |`);
    out.push(`| completion right after a change (typing), median / p95 | ${medP95(m.typingCompletion)} |`);
    out.push(`| hover, median / p95 (description in ${m.hoverSane}) | ${medP95(m.hover)} |`);
    out.push(`| peak RSS | ${m.peakRssMb ?? 'n/a'} MB |`);
  } else out.push('| (not run) | |');
  out.push('');
  const ws = r.workspace;
  out.push(...oursOnlyTable('(b) workspace, ours only'));
  if (ws) {
    out.push(`| initialize | ${ms(ws.initializeMs)} |`);
    out.push(`| initialized → work-done progress end (index built) | ${ms(ws.progressEndMs)} |`);
    out.push(`| initialized → last publishDiagnostics (index + full analysis) | ${ms(ws.lastPublishMs)} |`);
    out.push(`| files with deliberate mistakes published | ${ws.publishedFiles} |`);
    out.push(`| edit → diagnostics of the edited file, median / p95 (n=${ws.editSelf.n}) | ${medP95(ws.editSelf)} |`);
    out.push(`| edit → diagnostics of its dependents, median / p95 | ${medP95(ws.editDependents)} |`);
    out.push(`| edit → both (re-analysis), median / p95 | ${medP95(ws.editReanalysis)} |`);
    out.push(`| edit → last publish of the burst, median / p95 | ${medP95(ws.editSettled)} |`);
    out.push(`| files re-published per edit (median) | ${ws.republishedPerEdit} |`);
    out.push(`| dependents' findings as expected | ${ws.dependentsSane} |`);
    out.push(`| peak RSS after indexing / at end | ${ws.peakRssMbAfterIndex ?? 'n/a'} MB / ${ws.peakRssMb ?? 'n/a'} MB |`);
  } else out.push('| (not run) | |');
  out.push('');
  const c = r.cli;
  out.push('### CLI on workspace (b)');
  out.push('');
  if (c) {
    out.push('| Figure | Median | Runs |');
    out.push('|---|---:|---|');
    out.push(`| \`node dist/cli.js check <b>\` (exit ${c.cliExitCode}) | ${ms(c.cliMedianMs)} | ${c.cliMs.map((v) => v.toFixed(0)).join(', ')} ms |`);
    out.push(
      `| bare \`yaml\` parseAllDocuments of the same files, fresh node | ${ms(c.bareParseMedianMs)} | ${c.bareParseMs.map((v) => v.toFixed(0)).join(', ')} ms |`,
    );
  } else out.push('(not run)');
  out.push('');
  out.push('### Targets');
  out.push('');
  out.push('| Target | Measured | Limit | Met |');
  out.push('|---|---:|---:|:---:|');
  for (const t of r.targets) {
    const value = t.value === undefined ? 'n/a' : t.unit === 'ms' ? ms(t.value) : `${t.value}${t.unit === '×' ? '×' : ` ${t.unit}`}`;
    const limit = t.limit === undefined ? 'n/a' : t.unit === 'ms' ? ms(t.limit) : `${t.limit}${t.unit === '×' ? '×' : ` ${t.unit}`}`;
    out.push(`| ${t.name}${t.note ? ` (${t.note})` : ''} | ${value} | ${limit} | ${t.met === undefined ? '?' : t.met ? 'yes' : '**no**'} |`);
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

/** The heading and header rows of a table of our figures only. */
function oursOnlyTable(title: string): string[] {
  return [`### ${title}`, '', '| Figure | Ours |', '|---|---:|'];
}
