import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from './engine/engine';
import { formatJson, formatSarif, formatText, type Row } from './cli-format';
import { parseMeshConfig, type MeshSettings } from './engine/model/mesh-config';
import type { SchemaCatalog } from './engine/schema/catalog';
import { analyzeOnPool, maxWorkers, readOnPool, type WorkerPool } from './parallel-scan';
import { runGraph } from './cli-graph';
import { runRoute } from './cli-route';
import { inputUri, oneOf, readInput, required, usageError, walkArgs } from './cli-workspace';
import { discoverConfig, excludedBy, loadConfig } from './cli-config';
import { isConfigFile } from './engine/config/repo-config';
import { parseSuppression } from './engine/config/suppress-rules';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Standard input, for the path `-` (e.g. `helm template . | istio-yaml check -`). */
  readStdin?: () => string;
}

interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  /** Given with --namespace: it wins over the configuration file's defaultNamespace. */
  namespace?: string;
  meshConfig?: string;
  unknownFieldSeverity?: 'error' | 'warning';
  /** istioctl's rules, as given (each checked when parsed). */
  suppress: string[];
  /** --config FILE; undefined: looked for. */
  config?: string;
  /** --no-config: no configuration file at all. */
  noConfig: boolean;
  paths: string[];
  /** Worker threads; undefined: the platform's default. */
  jobs: number | undefined;
}

export const usage = `Usage: istio-yaml check [options] PATH...
       istio-yaml route --url URL [options] PATH...   (trace a request; route --help)
       istio-yaml graph [options] PATH...             (the traffic picture; graph --help)

Checks Istio manifests (files, - for standard input, or directories searched for *.yaml / *.yml) for YAML,
schema and cross-resource mistakes. All files are checked together, so a VirtualService
in one file sees the Gateway in another.

Options:
  --format text|json|sarif   output format (default: text)
  --namespace NS             namespace of resources without metadata.namespace (default: the
                             configuration file's defaultNamespace, else default)
  --mesh-config FILE         MeshConfig YAML (or an istio ConfigMap) with mesh-wide settings that change
                             results, e.g. DNS auto-allocation for ServiceEntries; without it, the
                             istio ConfigMap of istio-system is used when it is among the inputs
  --unknown-field-severity error|warning
                             severity of unknown fields and values (default: error); our schemas
                             describe Istio 1.29, so on a newer Istio use warning
  -j, --jobs N               worker threads that read and analyze the files (default: 0, none; on
                             many cores try one per core but one); used from 64 files on
  --suppress CODE=RESOURCE   do not report CODE on RESOURCE, written "Kind name.namespace"
                             (istioctl's form; * is a wildcard; repeatable), e.g.
                             --suppress "IST0132=VirtualService bookinfo.*"
  --config FILE              the repository configuration file to use (default: .istio-yaml.yaml in
                             the first checked folder or its parents, up to the repository root);
                             its environments are analyzed as separate clusters; the options given
                             here win over its values
  --no-config                use no configuration file
  --version                  print the version
  -h, --help                 show this help

Exit status: 0 no errors, 1 errors found, 2 usage or internal failure.
`;

/** Worker threads the CLI may use, where the platform has them: a pool of `size`, and the size when --jobs is not given. */
export interface CliWorkers {
  create(size: number): WorkerPool;
  defaultSize: number;
}

/** Below this many files, starting worker threads costs more than it saves. */
const filesWorthWorkers = 64;

/** Runs the CLI on this thread; returns the exit code instead of exiting, so tests can call it. */
export function runCli(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo, version = 'dev'): number {
  try {
    const job = startJob(args, catalog, io, version);
    if (typeof job === 'number') return job;
    readHere(job);
    return report(job, io);
  } catch (error) {
    return internalError(io, error);
  }
}

/** Runs the CLI with worker threads reading and analyzing the files (from `filesWorthWorkers` files on). */
export async function runCliOnWorkers(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo, version: string, workers: CliWorkers): Promise<number> {
  try {
    const job = startJob(args, catalog, io, version);
    if (typeof job === 'number') return job;
    const jobs = job.options.jobs ?? workers.defaultSize;
    if (jobs > 0 && job.texts.size >= filesWorthWorkers) await checkOnWorkers(workers.create(jobs), job, io);
    else readHere(job);
    return report(job, io);
  } catch (error) {
    return internalError(io, error);
  }
}

/** Every file read on this thread. */
function readHere({ engine, texts }: CheckJob): void {
  for (const [uri, text] of texts) engine.setFile(uri, text);
}

function internalError(io: CliIo, error: unknown): number {
  io.stderr(`istio-yaml: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  return 2;
}

/** A check ready to run: its files read (not yet given to the engine). */
interface CheckJob {
  options: CheckOptions;
  version: string;
  engine: Engine;
  /** Every file, as named on the command line, and its URI and text. */
  files: string[];
  uris: string[];
  texts: Map<string, string>;
  mesh: MeshSettings | undefined;
}

/** The command's job, or its exit code when there is nothing to check (help, version, bad usage). */
function startJob(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo, version: string): CheckJob | number {
  if (args[0] === '--version') {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (args[0] === '-h' || args[0] === '--help' || args.length === 0) {
    (args.length === 0 ? io.stderr : io.stdout)(usage);
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === 'route') return runRoute(args.slice(1), catalog, io);
  if (args[0] === 'graph') return runGraph(args.slice(1), catalog, io);
  if (args[0] !== 'check') {
    io.stderr(`istio-yaml: unknown command "${args[0]}"\n\n${usage}`);
    return 2;
  }
  const options = parseCheckArgs(args.slice(1));
  if (typeof options === 'string') {
    io.stderr(`istio-yaml: ${options}\n\n${usage}`);
    return 2;
  }
  return prepareCheck(options, catalog(), io, version);
}

function parseCheckArgs(args: readonly string[]): CheckOptions | string {
  const options: CheckOptions = { format: 'text', suppress: [], paths: [], jobs: undefined, noConfig: false };
  const error = walkArgs(
    args,
    (flag, value) => {
      if (flag === '--format') options.format = oneOf(flag, value(), ['text', 'json', 'sarif']);
      else if (flag === '--namespace') options.namespace = required(value(), '--namespace needs a value');
      else if (flag === '--mesh-config') options.meshConfig = required(value(), '--mesh-config needs a file');
      else if (flag === '--unknown-field-severity') options.unknownFieldSeverity = oneOf(flag, value(), ['error', 'warning']);
      else if (flag === '--jobs' || flag === '-j') {
        const jobs = Number(value());
        if (!Number.isInteger(jobs) || jobs < 0 || jobs > maxWorkers) usageError(`--jobs takes a whole number from 0 to ${maxWorkers}`);
        options.jobs = jobs;
      } else if (flag === '--suppress' || flag === '-S') {
        const rule = value();
        if (rule === undefined || typeof parseSuppression(rule) === 'string') usageError(`--suppress takes CODE="Kind name.namespace", not ${rule ?? 'nothing'}`);
        options.suppress.push(rule);
      } else if (flag === '--config') options.config = required(value(), '--config needs a file');
      else if (flag === '--no-config') options.noConfig = true;
      else usageError(`unknown option ${flag}`);
    },
    options.paths,
  );
  if (error) return error;
  return options.paths.length ? options : 'no PATH given';
}

/** *.yaml and *.yml files under the given paths, in a stable order; directories named node_modules or starting with "." are skipped. */
export function collectYamlFiles(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
        files.push(full);
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push(p);
      continue;
    }
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) missing.push(p);
    else if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  // A file reached twice (through a directory and by name) is checked once.
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(path.resolve(f)) && seen.add(path.resolve(f))), missing };
}

function prepareCheck(options: CheckOptions, catalog: SchemaCatalog, io: CliIo, version: string): CheckJob | number {
  const collected = collectYamlFiles(options.paths);
  if (collected.missing.length) {
    io.stderr(`istio-yaml: no such file or directory: ${collected.missing.join(', ')}\n`);
    return 2;
  }
  const configFile = options.noConfig ? undefined : options.config ?? discoverConfig(options.paths);
  if (configFile && !fs.statSync(configFile, { throwIfNoEntry: false })?.isFile()) {
    io.stderr(`istio-yaml: no such configuration file: ${configFile}\n`);
    return 2;
  }
  const config = configFile ? loadConfig(configFile) : undefined;
  const settings = config?.reading.config ?? {};
  const excluded = excludedBy(config);
  // Configuration files are read as such (the one chosen, below, whatever its name), never as manifests. A file named
  // on the command line is checked even where `exclude` would skip it in a folder.
  const named = new Set(options.paths.map((p) => path.resolve(p)));
  const chosen = config && path.resolve(config.file);
  const isConfig = (file: string) => isConfigFile(file) || path.resolve(file) === chosen;
  const files = collected.files.filter((file) => file === '-' || (!isConfig(file) && (named.has(path.resolve(file)) || !excluded(file))));
  let mesh: MeshSettings | undefined;
  if (options.meshConfig) {
    if (!fs.existsSync(options.meshConfig)) {
      io.stderr(`istio-yaml: no such mesh config file: ${options.meshConfig}\n`);
      return 2;
    }
    mesh = parseMeshConfig(fs.readFileSync(options.meshConfig, 'utf8'));
  } else if (config && settings.meshConfig) {
    // A file that cannot be read is reported on the configuration file (by the engine, which then looks among the checked files).
    const file = path.resolve(config.folder, settings.meshConfig);
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) mesh = parseMeshConfig(fs.readFileSync(file, 'utf8'));
  }
  const roots = config ? [config.folder] : options.paths.filter((p) => p !== '-').map((p) => (fs.statSync(p).isDirectory() ? path.resolve(p) : path.dirname(path.resolve(p))));
  const engine = createEngine({
    catalog,
    defaultNamespace: options.namespace ?? settings.defaultNamespace ?? 'default',
    mesh,
    unknownFieldSeverity: options.unknownFieldSeverity,
    severityOverrides: settings.severity,
    suppress: [...(settings.suppress ?? []), ...options.suppress],
    roots: roots.map((root) => pathToFileURL(root).href),
  });
  if (config) files.push(config.file);
  const uris = files.map(inputUri);
  // Every file is read before any is diagnosed: a cross-resource finding is made on the whole set, never on the part read so far.
  const texts = new Map(files.map((file, i) => [uris[i], readInput(file, io)]));
  return { options, version, engine, files, uris, texts, mesh };
}

/** Prints the findings of every file the engine now holds; the exit code says whether any is an error. */
function report({ options, version, engine, files, uris }: CheckJob, io: CliIo): number {
  const rows: Row[] = [];
  files.forEach((name, i) => {
    const file = name === '-' ? '<stdin>' : name;
    const lines = engine.workspace.file(uris[i])?.parsed.lines;
    if (!lines) return;
    for (const finding of engine.diagnose(uris[i])) {
      const start = lines.positionAt(finding.range.start);
      const end = lines.positionAt(finding.range.end);
      rows.push({ file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, finding });
    }
  });
  rows.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const output = options.format === 'json' ? formatJson(rows) : options.format === 'sarif' ? formatSarif(rows, version) : formatText(rows, files.length, engine.environments.names);
  io.stdout(output);
  return rows.some((r) => r.finding.severity === 'error') ? 1 : 0;
}

/** Workers read every file, then analyze them; the engine takes their facts and analyses (or does what a failed worker left). */
async function checkOnWorkers(pool: WorkerPool, { engine, texts, mesh }: CheckJob, io: CliIo): Promise<void> {
  const log = { error: (message: string) => io.stderr(`istio-yaml: ${message}\n`) };
  try {
    await readOnPool(pool, [...texts.keys()], {
      readText: async (uri) => texts.get(uri),
      take: (uri, text, facts) => (facts ? engine.setFileFacts(uri, text, facts) : engine.setFile(uri, text)),
      afterBatch: async () => undefined,
      options: () => engine.readOptions(),
      log,
    });
    // Workers know no environments: with some, the analyses are made here.
    if (!engine.environments.active) await analyzeOnPool(pool, engine, [...texts.keys()], log, mesh);
  } finally {
    await pool.idle();
  }
}
