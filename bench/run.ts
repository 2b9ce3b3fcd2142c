// npm run bench: generates the workloads in a temp folder, drives our language server and yaml-language-server
// over stdio, times the CLI, prints a markdown table and writes test-output/bench/results.json.
// Options: --rounds N (default 3)  --budget-s S (default 360; the run stops taking samples to stay inside it)
//          --only a,mixed,cli,workers,b (phases to run)  --keep (keep the temp folder)
//          --workers N (ours runs with istio.scanWorkers N, 0..16; without it, the server's default; the workers phase sets its own)
//          --profile vs-file|mixed-file|workspace  (one run of ours under --cpu-prof, then a summary of the profile)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ConfigurationItem } from 'vscode-languageserver-protocol/node';
import { killAllSessions } from './lsp-session';
import { virtualServiceSchema, type JsonSchema } from './peer-schema';
import { formatProfileSummary, profileFiles, summarizeProfile } from './profile-summary';
import {
  fileFigures,
  ratio,
  renderMarkdown,
  target,
  threadsInScanMessage,
  workersFigures,
  workspaceFigures,
  type CliFigures,
  type Results,
  type WorkersRound,
} from './report';
import { Budget } from './budget';
import { runFileRound, runWorkspaceRound, settleQuietMs, timeNode, type FileRound, type ServerSpec, type WorkspaceRound } from './scenarios';
import { median, round } from './stats';
import { companionFile, mixedFile, virtualServiceFile, writeWorkspace, type FileWorkload, type WorkspaceWorkload } from './workloads';

const repoRoot = path.resolve(__dirname, '..', '..');
const outputDir = path.join(repoRoot, 'test-output', 'bench');
const serverScript = path.join(repoRoot, 'dist', 'server.js');
const cliScript = path.join(repoRoot, 'dist', 'cli.js');
const catalogPath = path.join(repoRoot, 'dist', 'istio-schemas.json');
const peerPackage = path.join(repoRoot, 'node_modules', 'yaml-language-server');
const peerScript = path.join(peerPackage, 'bin', 'yaml-language-server');
const bareParseScript = path.join(__dirname, 'bare-parse.js');

type ProfileScenario = 'vs-file' | 'mixed-file' | 'workspace';

interface Args {
  rounds: number;
  budgetS: number;
  keep: boolean;
  profile?: ProfileScenario;
  only?: Phase[];
  /** istio.scanWorkers for ours; undefined: not set, the server's default. */
  workers?: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { rounds: 3, budgetS: defaultBudgetS, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') args.rounds = Math.max(1, Number(argv[++i]) || 3);
    else if (a === '--budget-s') args.budgetS = Math.max(30, Number(argv[++i]) || defaultBudgetS);
    else if (a === '--keep') args.keep = true;
    else if (a === '--workers') {
      const n = /^\d+$/.test(argv[++i] ?? '') ? Number(argv[i]) : Number.NaN;
      if (!(n >= 0 && n <= 16)) throw new Error(`--workers takes an integer from 0 to 16 (istio.scanWorkers), not ${argv[i]}`);
      args.workers = n;
    }
    else if (a === '--only') {
      const list = (argv[++i] ?? '').split(',');
      const bad = list.filter((p) => !(p in phaseShares));
      if (bad.length || !list.length) throw new Error(`--only takes a comma-separated list of ${Object.keys(phaseShares).join(', ')}`);
      args.only = list as Phase[];
    } else if (a === '--profile') {
      const s = argv[++i];
      if (s !== 'vs-file' && s !== 'mixed-file' && s !== 'workspace') throw new Error(`--profile takes vs-file, mixed-file or workspace, not ${s}`);
      args.profile = s;
    } else throw new Error(`unknown option ${a}`);
  }
  return args;
}

/** A number a source file assigns (`pattern` captures it), so the report states the debounce the code really has; throws when the source moved. */
function readConstant(file: string, pattern: RegExp): number {
  const match = pattern.exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`bench: ${pattern} not found in ${file}; update bench/run.ts`);
  return Number(match[1]);
}

/** Whether `taskset` (util-linux) can pin a process to a core here. */
function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

interface Setup {
  tmp: string;
  vs: FileWorkload;
  vsUri: string;
  mixed: FileWorkload;
  mixedUri: string;
  folderUri: string;
  companionResources: number;
  workspace: WorkspaceWorkload;
  schema: JsonSchema;
  ours: ServerSpec;
  oursNoFolder: ServerSpec;
  peer: ServerSpec;
  peerVersion: string;
  debounce: { ours: number; peer: number };
}

/** The same server with `istio.scanWorkers` answered as `scanWorkers` in its `istio` configuration section. */
function withScanWorkers(spec: ServerSpec, scanWorkers: number): ServerSpec {
  const base = spec.configuration;
  return { ...spec, configuration: (item) => (item.section === 'istio' ? { ...(base(item) as object | null), scanWorkers } : base(item)) };
}

function setup(nodeArgs: string[] = [], scanWorkers?: number): Setup {
  for (const f of [serverScript, cliScript, catalogPath, peerScript])
    if (!existsSync(f)) throw new Error(`${f} is missing: run npm run build (and npm install)`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-bench-'));
  log(`generating workloads in ${tmp}`);
  const vs = virtualServiceFile();
  const mixed = mixedFile();
  const companions = companionFile();
  // (a)'s workspace folder holds (b)'s 1,000 files (in b/), the companion file and the large file itself.
  const folder = path.join(tmp, 'a');
  const workspace = writeWorkspace(path.join(folder, 'b'));
  const vsPath = path.join(folder, 'vs-only.yaml');
  writeFileSync(vsPath, vs.text);
  writeFileSync(path.join(folder, 'companions.yaml'), companions.text);
  mkdirSync(path.join(tmp, 'mixed'));
  const mixedPath = path.join(tmp, 'mixed', 'mixed.yaml');
  writeFileSync(mixedPath, mixed.text);
  const schema = virtualServiceSchema(catalogPath);
  const schemaPath = path.join(tmp, 'virtualservice.schema.json');
  writeFileSync(schemaPath, JSON.stringify(schema, null, 1));
  const folderUri = pathToFileURL(folder).href;
  const oursConfiguration = (item: ConfigurationItem) => (item.section === 'istio' ? {} : item.section === 'files.exclude' ? {} : null);
  const oursDefault: ServerSpec = {
    label: 'ours',
    kind: 'ours',
    script: serverScript,
    cwd: repoRoot,
    nodeArgs,
    debounceMs: readConstant(path.join(repoRoot, 'server', 'src', 'lsp', 'publisher.ts'), /diagnosticsDelayMs\s*=\s*(\d+)/),
    workspaceFolders: [folderUri],
    configuration: oursConfiguration,
  };
  const ours = scanWorkers === undefined ? oursDefault : withScanWorkers(oursDefault, scanWorkers);
  const peerYaml = {
    validate: true,
    completion: true,
    hover: true,
    format: { enable: false },
    schemas: { [pathToFileURL(schemaPath).href]: ['vs-only.yaml'] },
    // No network here: the schema store and CRD store would only time out.
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  };
  const peer: ServerSpec = {
    label: 'peer',
    kind: 'peer',
    script: peerScript,
    cwd: repoRoot,
    debounceMs: readConstant(path.join(peerPackage, 'out', 'server', 'src', 'yamlSettings.js'), /validationDelayMs\s*=\s*(\d+)/),
    workspaceFolders: [folderUri],
    configuration: (item) =>
      item.section === 'yaml' ? peerYaml : item.section === '[yaml]' || item.section === 'editor' || item.section === 'http' ? {} : null,
  };
  const peerVersion = `yaml-language-server ${(JSON.parse(readFileSync(path.join(peerPackage, 'package.json'), 'utf8')) as { version: string }).version}`;
  return {
    tmp,
    vs,
    vsUri: pathToFileURL(vsPath).href,
    mixed,
    mixedUri: pathToFileURL(mixedPath).href,
    folderUri,
    companionResources: companions.resources,
    workspace,
    schema,
    ours,
    oursNoFolder: { ...ours, workspaceFolders: undefined },
    peer,
    peerVersion,
    debounce: { ours: ours.debounceMs, peer: peer.debounceMs },
  };
}

async function profile(scenario: ProfileScenario, budget: Budget, scanWorkers: number | undefined): Promise<void> {
  const dir = path.join(outputDir, 'prof', scenario);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const s = setup(['--cpu-prof', `--cpu-prof-dir=${dir}`], scanWorkers);
  try {
    // A share of the budget, so the profile covers the start, a few edits and the probes, not a full run.
    const share = budget.slice(90_000);
    if (scenario === 'vs-file') await runFileRound(s.ours, s.vsUri, s.vs, s.schema, share);
    else if (scenario === 'mixed-file') await runFileRound(s.oursNoFolder, s.mixedUri, s.mixed, s.schema, share);
    else await runWorkspaceRound(s.oursNoFolder, s.workspace, share);
  } finally {
    rmSync(s.tmp, { recursive: true, force: true });
  }
  const files = profileFiles(dir);
  if (!files.length) throw new Error(`no .cpuprofile written to ${dir}`);
  const text = files.map((f) => formatProfileSummary(summarizeProfile(f, 30), 30)).join('\n\n');
  writeFileSync(path.join(dir, 'summary.md'), text + '\n');
  process.stdout.write(text + '\n');
  log(`profile summary written to ${path.relative(repoRoot, path.join(dir, 'summary.md'))}`);
}

type Phase = 'a' | 'mixed' | 'cli' | 'workers' | 'b';
/** Shares of the time budget (seconds of a 360 s run), in the order the phases run; time a phase leaves over goes to the next ones. */
// The workspace phase goes last: its edits can be very slow, and it then only eats into the slack, not the CLI runs.
// The scan workers' 40 s (one pass of four cold indexes of (b)) raised the budget from 330 s by 30 s and took 10 s
// of (b)'s share: (b) goes last, so it also gets whatever the others leave over.
const phaseShares: Record<Phase, number> = { a: 190, mixed: 25, cli: 45, workers: 40, b: 60 };
const defaultBudgetS = Object.values(phaseShares).reduce((sum, share) => sum + share, 0);
/** The values of istio.scanWorkers the workers phase compares; 0 parses on the main thread. */
const workerCounts = [0, 1, 2, 4];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const budget = Budget.start(args.budgetS * 1000);
  // A hung wait must never hold the run: past the budget (plus slack for the report), stop everything.
  const watchdog = setTimeout(
    () => {
      log('watchdog: time budget exceeded by 30 s, killing servers and exiting');
      killAllSessions();
      process.exit(3);
    },
    args.budgetS * 1000 + 30_000,
  );
  watchdog.unref();
  mkdirSync(outputDir, { recursive: true });
  if (args.profile) {
    await profile(args.profile, budget, args.workers);
    return;
  }
  const loadAverageStart = os.loadavg();
  const s = setup([], args.workers);
  const errors: string[] = [];
  const notes: string[] = [];
  const raw = { vsFileOurs: [] as FileRound[], vsFilePeer: [] as FileRound[], mixedFile: [] as FileRound[], workspace: [] as WorkspaceRound[], workers: [] as WorkersRound[] };
  let cli: CliFigures | undefined;
  const phases = (Object.keys(phaseShares) as Phase[]).filter((p) => !args.only || args.only.includes(p));
  const totalShare = phases.reduce((sum, p) => sum + phaseShares[p], 0);
  const setupMs = performance.now() - t0;
  let cumulative = 0;
  const phaseBudget = (phase: Phase): Budget => {
    cumulative += phaseShares[phase];
    return budget.until(t0 + setupMs + ((args.budgetS * 1000 - setupMs) * cumulative) / totalShare);
  };
  const failed = (what: string, error: unknown) => {
    errors.push(`${what}: ${String(error instanceof Error ? error.message : error)}`);
    log(errors[errors.length - 1]);
  };
  try {
    if (phases.includes('a')) {
      const phase = phaseBudget('a');
      // Side by side, alternating which server goes first; each run gets an equal share of what is left.
      const runs = Array.from({ length: args.rounds }, (_, r) => (r % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const))).flat();
      for (let i = 0; i < runs.length; i++) {
        const who = runs[i];
        const roundNo = Math.floor(i / 2) + 1;
        if (phase.softRemaining() < 15_000) {
          notes.push(`(a) ${who} round ${roundNo} skipped: out of its time share`);
          log(notes[notes.length - 1]);
          continue;
        }
        log(`(a) round ${roundNo}/${args.rounds}: ${who}`);
        try {
          const r = await runFileRound(who === 'ours' ? s.ours : s.peer, s.vsUri, s.vs, s.schema, phase.slice(phase.softRemaining() / (runs.length - i)));
          (who === 'ours' ? raw.vsFileOurs : raw.vsFilePeer).push(r);
          errors.push(...r.errors.map((e) => `(a) round ${roundNo}: ${e}`));
          if (r.truncated.length) notes.push(`(a) ${who} round ${roundNo} truncated: ${r.truncated.join(', ')}`);
          log(
            `  first publish ${r.firstDiagnosticsMs.toFixed(0)} ms (${r.firstDiagnosticsCount}), correct ${r.correctDiagnosticsMs.toFixed(0)} ms (${r.settledCount}), transient ${r.transientMax}, ` +
              `edit median ${median(r.editMs).toFixed(0)} ms (n=${r.editMs.length}), completion median ${median(r.completionMs).toFixed(1)} ms`,
          );
        } catch (error) {
          failed(`(a) ${who} round ${roundNo}`, error);
        }
      }
    }
    if (phases.includes('mixed')) {
      const phase = phaseBudget('mixed');
      log('(a mixed) ours');
      try {
        const r = await runFileRound(s.oursNoFolder, s.mixedUri, s.mixed, s.schema, phase);
        raw.mixedFile.push(r);
        errors.push(...r.errors.map((e) => `(a mixed): ${e}`));
        if (r.truncated.length) notes.push(`(a mixed) truncated: ${r.truncated.join(', ')}`);
        log(`  first publish ${r.firstDiagnosticsMs.toFixed(0)} ms, correct ${r.correctDiagnosticsMs.toFixed(0)} ms, edit median ${median(r.editMs).toFixed(0)} ms (n=${r.editMs.length})`);
      } catch (error) {
        failed('(a mixed)', error);
      }
    }
    if (phases.includes('cli')) {
      const phase = phaseBudget('cli');
      log('CLI and bare parse on (b)');
      try {
        const cliMs: number[] = [];
        const bareMs: number[] = [];
        const bareOneCoreMs: number[] = [];
        const canPin = hasTaskset();
        if (!canPin) notes.push('CLI: taskset not found, the bare parse was not pinned to one core');
        let exitCode: number | null = null;
        for (let i = 0; i < 3; i++) {
          const last = cliMs[cliMs.length - 1] + bareMs[bareMs.length - 1] + (bareOneCoreMs[bareOneCoreMs.length - 1] ?? 0);
          if (i > 0 && phase.softRemaining() < last) {
            notes.push(`CLI: ${i} runs (out of its time share)`);
            break;
          }
          budget.check('CLI runs');
          const limit = Math.floor(Math.max(5000, Math.min(180_000, budget.remaining())));
          const c = await timeNode([cliScript, 'check', s.workspace.root], repoRoot, limit);
          cliMs.push(c.ms);
          exitCode = c.code;
          // The target compares with the parse on one core; the unpinned one shows what the second core gives it.
          const one = canPin ? await timeNode([bareParseScript, s.workspace.root], repoRoot, limit, '0') : undefined;
          if (one) bareOneCoreMs.push(one.ms);
          const b = await timeNode([bareParseScript, s.workspace.root], repoRoot, limit);
          bareMs.push(b.ms);
          log(`  CLI ${c.ms.toFixed(0)} ms, bare parse ${one ? `${one.ms.toFixed(0)} ms on one core, ` : ''}${b.ms.toFixed(0)} ms unpinned`);
        }
        cli = {
          runs: cliMs.length,
          cliMs,
          bareParseMs: bareMs,
          bareParseOneCoreMs: bareOneCoreMs,
          cliMedianMs: round(median(cliMs)),
          bareParseMedianMs: round(median(bareMs)),
          bareParseOneCoreMedianMs: bareOneCoreMs.length ? round(median(bareOneCoreMs)) : undefined,
          cliExitCode: exitCode,
        };
      } catch (error) {
        failed('CLI', error);
      }
    }
    if (phases.includes('workers')) {
      const phase = phaseBudget('workers');
      // Time earlier phases left over may finish the first pass, but is kept for (b)'s rounds rather than spent on more passes.
      const ownShare = phase.slice(((args.budgetS * 1000 - setupMs) * phaseShares.workers) / totalShare);
      let lastPassMs = 0;
      let slowest = 0;
      let skipped = false;
      for (let pass = 1; pass <= args.rounds; pass++) {
        // A further pass only when the share holds a whole one, so that every count gets the same number of rounds.
        if (pass > 1 && (skipped || ownShare.softRemaining() < lastPassMs)) {
          notes.push(`scan workers: ${pass - 1} of ${args.rounds} passes over ${workerCounts.join(', ')} (${skipped ? 'the last one was cut' : 'out of its time share'})`);
          log(notes[notes.length - 1]);
          break;
        }
        const passStart = performance.now();
        for (const n of pass % 2 === 1 ? workerCounts : [...workerCounts].reverse()) {
          if (phase.expired() || budget.remaining() < slowest + settleQuietMs + 10_000) {
            skipped = true;
            notes.push(`scan workers: ${n} skipped in pass ${pass} (out of ${phase.expired() ? 'its time share' : 'time'})`);
            log(notes[notes.length - 1]);
            continue;
          }
          const runStart = performance.now();
          log(`(workers) pass ${pass}: ours with istio.scanWorkers ${n}, cold index of (b)`);
          try {
            const r = await runWorkspaceRound(withScanWorkers(s.oursNoFolder, n), s.workspace, phase, false);
            raw.workers.push({ ...r, scanWorkers: n, round: pass });
            errors.push(...r.errors.map((e) => `(workers ${n}) pass ${pass}: ${e}`));
            // The server's own scan line says how many threads it used: a setting it did not take would make the row a lie.
            const said = threadsInScanMessage(r.scanMessage);
            if (said === null) notes.push(`scan workers: ${n} in pass ${pass}: the server logged no scan line, the thread count is not confirmed`);
            else if (said !== n) errors.push(`(workers ${n}) pass ${pass}: the server scanned on ${said} worker threads ("${r.scanMessage}")`);
            log(
              `  progress end ${r.progressEndMs.toFixed(0)} ms, last correct publish ${r.lastCorrectMs.toFixed(0)} ms, transient ${r.transientTotal}, ` +
                `peak RSS ${r.peakRssKb === undefined ? 'n/a' : `${(r.peakRssKb / 1024).toFixed(0)} MB`}; server: ${r.scanMessage ?? 'no scan line'}`,
            );
          } catch (error) {
            failed(`(workers ${n}) pass ${pass}`, error);
          }
          slowest = Math.max(slowest, performance.now() - runStart);
        }
        lastPassMs = performance.now() - passStart;
      }
    }
    if (phases.includes('b')) {
      const phase = phaseBudget('b');
      for (let roundNo = 1; roundNo <= args.rounds; roundNo++) {
        // The rounds a median needs are taken while the whole budget holds one more; the share only cuts samples.
        const lastCold = raw.workspace.length ? raw.workspace[raw.workspace.length - 1].lastPublishMs : 0;
        if (roundNo > 1 && budget.remaining() < 2 * lastCold + settleQuietMs + 10_000) {
          notes.push(`(b) ${roundNo - 1} of ${args.rounds} rounds (out of time)`);
          break;
        }
        log(`(b) round ${roundNo}: ours, cold index${roundNo === 1 ? ' and edits' : ''}`);
        try {
          const r = await runWorkspaceRound(s.oursNoFolder, s.workspace, phase, roundNo === 1);
          raw.workspace.push(r);
          errors.push(...r.errors.map((e) => `(b) round ${roundNo}: ${e}`));
          if (r.truncated.length) notes.push(`(b) round ${roundNo} truncated: ${r.truncated.join(', ')}`);
          const said = threadsInScanMessage(r.scanMessage);
          if (args.workers !== undefined && said !== null && said !== args.workers) {
            errors.push(`(b) round ${roundNo}: --workers ${args.workers}, but the server scanned on ${said} worker threads ("${r.scanMessage}")`);
          }
          log(
            `  progress end ${r.progressEndMs.toFixed(0)} ms, last correct publish ${r.lastCorrectMs.toFixed(0)} ms, last publish ${r.lastPublishMs.toFixed(0)} ms, ` +
              `transient ${r.transientTotal}, edits ${r.edits.length}`,
          );
        } catch (error) {
          failed(`(b) round ${roundNo}`, error);
          break;
        }
      }
    }
  } finally {
    killAllSessions();
    if (!args.keep) rmSync(s.tmp, { recursive: true, force: true });
    else log(`kept ${s.tmp}`);
  }

  const ours = fileFigures(raw.vsFileOurs, s.debounce.ours);
  const peer = fileFigures(raw.vsFilePeer, s.debounce.peer);
  const mixed = fileFigures(raw.mixedFile, s.debounce.ours);
  const ws = workspaceFigures(raw.workspace);
  const vsRatio = {
    initialize: ratio(ours?.initializeMs, peer?.initializeMs),
    firstDiagnostics: ratio(ours?.firstDiagnosticsMs, peer?.firstDiagnosticsMs),
    correctDiagnostics: ratio(ours?.correctDiagnosticsMs, peer?.correctDiagnosticsMs),
    correctVsPeerFirst: ratio(ours?.correctDiagnosticsMs, peer?.firstDiagnosticsMs),
    editMedian: ratio(ours?.edit.median, peer?.edit.median),
    editP95: ratio(ours?.edit.p95, peer?.edit.p95),
    editMinusDebounceP95: ratio(ours?.editMinusDebounce.p95, peer?.editMinusDebounce.p95),
    completionMedian: ratio(ours?.completion.median, peer?.completion.median),
    completionP95: ratio(ours?.completion.p95, peer?.completion.p95),
    hoverMedian: ratio(ours?.hover.median, peer?.hover.median),
    hoverP95: ratio(ours?.hover.p95, peer?.hover.p95),
    typingCompletionP95: ratio(ours?.typingCompletion.p95, peer?.typingCompletion.p95),
    rss: ratio(ours?.peakRssMb, peer?.peakRssMb),
  };
  const vs = (a: number | undefined, b: number | undefined, unit: string) => `${a ?? 'n/a'} vs ${b ?? 'n/a'} ${unit}`;
  const issue = 'issue 11';
  const earlier = 'earlier targets, kept as regression checks';
  const targets = [
    target(issue, '(a) transient findings, ours', ours?.transientMax, 0, 'findings', 'most in one publish before the correct one, worst round'),
    target(issue, '(b) transient findings, ours', ws?.transientTotal, 0, 'findings', 'summed over files, worst round'),
    target(issue, '(a) correct diagnostics vs the peer\'s first diagnostics', vsRatio.correctVsPeerFirst, 0.5, '×', vs(ours?.correctDiagnosticsMs, peer?.firstDiagnosticsMs, 'ms')),
    target(issue, '(b) cold index + full correct analysis', ws?.lastCorrectMs, 2500, 'ms', 'initialized → last correct publish'),
    target(issue, '(b) one-file edit re-analysis p95', ws?.editReanalysis.p95, 50, 'ms', `the file and its dependents; includes the ${s.debounce.ours} ms debounce`),
    target(issue, '(a) edit → diagnostics p95 vs peer', vsRatio.editP95, 0.1, '×', vs(ours?.edit.p95, peer?.edit.p95, 'ms')),
    target(issue, '(a) completion p95 vs peer', vsRatio.completionP95, 0.1, '×', vs(ours?.completion.p95, peer?.completion.p95, 'ms')),
    target(issue, '(a) peak RSS vs peer', vsRatio.rss, 0.2, '×', vs(ours?.peakRssMb, peer?.peakRssMb, 'MB')),
    target(issue, '(b) peak RSS', ws?.peakRssMb, 200, 'MB', 'median over rounds of VmHWM'),
    target(issue, '`istio-yaml check` (b) vs bare parse on one core', ratio(cli?.cliMedianMs, cli?.bareParseOneCoreMedianMs), 1.2, '×', vs(cli?.cliMedianMs, cli?.bareParseOneCoreMedianMs, 'ms')),
    target(earlier, '(a) edit → diagnostics p95', ours?.edit.p95, 100, 'ms', `includes the ${s.debounce.ours} ms debounce`),
    target(earlier, '(a mixed) edit → diagnostics p95', mixed?.edit.p95, 100, 'ms'),
    target(earlier, '(a) completion p95', ours?.completion.p95, 30, 'ms'),
    target(earlier, '(a) hover p95', ours?.hover.p95, 20, 'ms'),
  ];
  const results: Results = {
    environment: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageStart,
      loadAverageEnd: os.loadavg(),
      peer: s.peerVersion,
      rounds: args.rounds,
      scanWorkers: args.workers ?? null,
      totalSeconds: (performance.now() - t0) / 1000,
    },
    workloads: {
      vsFile: { lines: s.vs.lines, resources: s.vs.resources, bytes: Buffer.byteLength(s.vs.text) },
      companions: { resources: s.companionResources },
      mixedFile: { lines: s.mixed.lines, resources: s.mixed.resources, bytes: Buffer.byteLength(s.mixed.text) },
      workspace: { files: s.workspace.files.length, resources: s.workspace.resources, lines: s.workspace.lines },
    },
    vsFile: { ours, peer, ratio: vsRatio },
    mixedFile: mixed,
    workspace: ws,
    workers: workersFigures(raw.workers),
    cli,
    targets,
    errors,
    notes,
    raw,
  };
  const markdown = renderMarkdown(results, s.debounce, settleQuietMs);
  process.stdout.write(markdown + '\n');
  writeFileSync(path.join(outputDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(path.join(outputDir, 'results.md'), markdown + '\n');
  log(`wrote ${path.relative(repoRoot, path.join(outputDir, 'results.json'))}`);
}

process.on('exit', killAllSessions);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllSessions();
    process.exit(130);
  });
}
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    killAllSessions();
    process.exit(1);
  },
);
