import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectYamlFiles, type CliIo } from './cli';
import { createEngine, type Engine } from './engine/engine';
import type { SchemaCatalog } from './engine/schema/catalog';

/** Files read into an engine for a command that looks at the workspace as a whole (route, graph). */
export interface LoadedFiles {
  engine: Engine;
  /** As named on the command line (`-` for standard input), and their URIs. */
  files: string[];
  uris: string[];
}

/** Reads every YAML file under `paths` into one engine; the exit code 2 (said on stderr) when a path does not exist. */
export function loadFiles(paths: readonly string[], namespace: string, catalog: SchemaCatalog, io: CliIo): LoadedFiles | number {
  const { files, missing } = collectYamlFiles(paths);
  if (missing.length) {
    io.stderr(`istio-yaml: no such file or directory: ${missing.join(', ')}\n`);
    return 2;
  }
  const engine = createEngine({ catalog, defaultNamespace: namespace });
  const uris = files.map((file) => (file === '-' ? 'untitled:stdin.yaml' : pathToFileURL(path.resolve(file)).href));
  files.forEach((file, i) => engine.setFile(uris[i], file === '-' ? io.readStdin?.() ?? '' : fs.readFileSync(file, 'utf8')));
  return { engine, files, uris };
}

/** A URI as the CLI prints it: the path as the user named it (relative to the working directory), `<stdin>` for standard input. */
export function displayPath(uri: string, loaded: LoadedFiles): string {
  const i = loaded.uris.indexOf(uri);
  if (i >= 0) return loaded.files[i] === '-' ? '<stdin>' : path.relative(process.cwd(), path.resolve(loaded.files[i])) || loaded.files[i];
  return uri;
}

/**
 * Walks a command's arguments: `--flag value`, `--flag=value` and `-f value` go to `onFlag` (which reads its value
 * with `value()` and returns an error, or undefined); anything else, `-` included, is a PATH. The first error wins.
 */
export function walkArgs(args: readonly string[], onFlag: (flag: string, value: () => string | undefined) => string | undefined, paths: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-') {
      paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const error = onFlag(flag, () => inline ?? args[++i]);
    if (error) return error;
  }
  return undefined;
}

/** The value of `--namespace`, or the error to report. */
export function namespaceValue(value: string | undefined): { namespace: string } | { error: string } {
  return value ? { namespace: value } : { error: '--namespace needs a value' };
}
