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
