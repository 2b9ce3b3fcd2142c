import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine } from './engine/engine';
import type { Finding } from './engine/finding';
import type { SchemaCatalog } from './engine/schema/catalog';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface CheckOptions {
  format: 'text' | 'json';
  namespace: string;
  paths: string[];
}

export const usage = `Usage: istio-yaml check [--format text|json] [--namespace NS] PATH...

Checks Istio manifests (files, or directories searched for *.yaml / *.yml) for YAML,
schema and cross-resource mistakes. All files are checked together, so a VirtualService
in one file sees the Gateway in another.

Options:
  --format text|json   output format (default: text)
  --namespace NS       namespace of resources without metadata.namespace (default: default)
  -h, --help           show this help

Exit status: 0 no errors, 1 errors found, 2 usage or internal failure.
`;

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export function runCli(args: readonly string[], catalog: () => SchemaCatalog, io: CliIo): number {
  try {
    if (args[0] === '-h' || args[0] === '--help' || args.length === 0) {
      (args.length === 0 ? io.stderr : io.stdout)(usage);
      return args.length === 0 ? 2 : 0;
    }
    if (args[0] !== 'check') {
      io.stderr(`istio-yaml: unknown command "${args[0]}"\n\n${usage}`);
      return 2;
    }
    const options = parseCheckArgs(args.slice(1));
    if (typeof options === 'string') {
      io.stderr(`istio-yaml: ${options}\n\n${usage}`);
      return 2;
    }
    return check(options, catalog(), io);
  } catch (error) {
    io.stderr(`istio-yaml: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}

function parseCheckArgs(args: readonly string[]): CheckOptions | string {
  const options: CheckOptions = { format: 'text', namespace: 'default', paths: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') return `--format must be text or json, not ${format ?? 'nothing'}`;
      options.format = format;
    } else if (flag === '--namespace') {
      const ns = value();
      if (!ns) return '--namespace needs a value';
      options.namespace = ns;
    } else if (flag.startsWith('-') && flag !== '-') {
      return `unknown option ${flag}`;
    } else {
      options.paths.push(arg);
    }
  }
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
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) missing.push(p);
    else if (stat.isDirectory()) walk(p);
    else files.push(p);
  }
  // A file reached twice (through a directory and by name) is checked once.
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(path.resolve(f)) && seen.add(path.resolve(f))), missing };
}

function check(options: CheckOptions, catalog: SchemaCatalog, io: CliIo): number {
  const { files, missing } = collectYamlFiles(options.paths);
  if (missing.length) {
    io.stderr(`istio-yaml: no such file or directory: ${missing.join(', ')}\n`);
    return 2;
  }
  const engine = createEngine({ catalog, defaultNamespace: options.namespace });
  const uris = new Map<string, string>();
  for (const file of files) {
    const uri = pathToFileURL(path.resolve(file)).href;
    uris.set(file, uri);
    engine.setFile(uri, fs.readFileSync(file, 'utf8'));
  }
  const rows: Row[] = [];
  for (const file of files) {
    const uri = uris.get(file) as string;
    const lines = engine.workspace.file(uri)?.parsed.lines;
    if (!lines) continue;
    for (const finding of engine.diagnose(uri)) {
      const start = lines.positionAt(finding.range.start);
      const end = lines.positionAt(finding.range.end);
      rows.push({ file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, finding });
    }
  }
  rows.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  io.stdout(options.format === 'json' ? formatJson(rows) : formatText(rows, files.length));
  return rows.some((r) => r.finding.severity === 'error') ? 1 : 0;
}

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  finding: Finding;
}

function formatText(rows: readonly Row[], fileCount: number): string {
  const lines = rows.map(({ file, line, column, finding }) => {
    const resource = finding.resource ? ` [${finding.resource.kind} ${finding.resource.namespace}/${finding.resource.name}]` : '';
    return `${file}:${line}:${column} ${finding.severity} ${finding.code}${resource} ${finding.message}`;
  });
  const counts = (['error', 'warning', 'info', 'hint'] as const).map((s) => [s, rows.filter((r) => r.finding.severity === s).length] as const);
  const summary = counts.filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ') || 'no problems';
  lines.push(`${fileCount} file${fileCount === 1 ? '' : 's'} checked: ${summary}`);
  return lines.join('\n') + '\n';
}

function formatJson(rows: readonly Row[]): string {
  const diagnostics = rows.map(({ file, line, column, endLine, endColumn, finding }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    resource: finding.resource ?? null,
  }));
  return JSON.stringify({ diagnostics }, null, 2) + '\n';
}
