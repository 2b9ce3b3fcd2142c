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
  const uris = files.map(inputUri);
  files.forEach((file, i) => engine.setFile(uris[i], readInput(file, io)));
  return { engine, files, uris };
}

/** The URI the engine knows a command-line file by (`-` is standard input). */
export function inputUri(file: string): string {
  return file === '-' ? 'untitled:stdin.yaml' : pathToFileURL(path.resolve(file)).href;
}

/** A command-line file's text (`-`: standard input). */
export function readInput(file: string, io: CliIo): string {
  return file === '-' ? (io.readStdin?.() ?? '') : fs.readFileSync(file, 'utf8');
}

/** A URI as the CLI prints it: the path as the user named it (relative to the working directory), `<stdin>` for standard input. */
export function displayPath(uri: string, loaded: LoadedFiles): string {
  const i = loaded.uris.indexOf(uri);
  if (i >= 0) return loaded.files[i] === '-' ? '<stdin>' : path.relative(process.cwd(), path.resolve(loaded.files[i])) || loaded.files[i];
  return uri;
}

/** A command-line mistake: ends the walk of the arguments, its message said with the usage. */
class UsageError extends Error {}

/** Stops the walk of the arguments (see `walkArgs`) with this message. */
export function usageError(message: string): never {
  throw new UsageError(message);
}

/** A flag's value, which must be given and not empty. */
export function required(value: string | undefined, message: string): string {
  return value ? value : usageError(message);
}

/** A flag's value, which must be one of `choices`: "FLAG must be a, b or c, not VALUE" otherwise. */
export function oneOf<const T extends string>(flag: string, value: string | undefined, choices: readonly T[]): T {
  const choice = choices.find((c) => c === value);
  return choice ?? usageError(`${flag} must be ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}, not ${value ?? 'nothing'}`);
}

/**
 * Walks a command's arguments: `--flag value`, `--flag=value` and `-f value` go to `onFlag` (which reads its value
 * with `value()` and stops the walk with `usageError`, `required` or `oneOf`); anything else, `-` included, is a PATH.
 * Returns the first mistake's message, or undefined.
 */
export function walkArgs(args: readonly string[], onFlag: (flag: string, value: () => string | undefined) => void, paths: string[]): string | undefined {
  try {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (!arg.startsWith('-') || arg === '-') {
        paths.push(arg);
        continue;
      }
      const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      onFlag(flag, () => inline ?? args[++i]);
    }
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return undefined;
}
