import { URI } from 'vscode-uri';
import { globMatcher } from './engine/text/glob';

/** What the server needs from the file system: listing and reading, never writing. */
export interface FileSystemReader {
  /** Absolute paths of *.yaml / *.yml under `folder`, skipping node_modules, .git and excluded paths. */
  listYamlFiles(folder: string, isExcluded: (relativePath: string) => boolean): Promise<string[]>;
  readFile(file: string): Promise<string>;
  exists(file: string): Promise<boolean>;
}

/** The workspace folders and the exclusion rules that decide which files the server indexes. */
export class WorkspaceFiles {
  private folders: string[] = [];
  private excluded: (relativePath: string) => boolean = () => false;

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  }

  setExcludes(globs: readonly string[]): void {
    this.excluded = globMatcher(globs);
  }

  /** The folder holding `file` and the file's path relative to it, if it is inside a workspace folder. */
  private locate(file: string): { folder: string; relative: string } | undefined {
    for (const folder of this.folders) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      if (file.startsWith(prefix)) return { folder, relative: file.slice(prefix.length) };
    }
    return undefined;
  }

  /** Whether a file URI belongs in the index: a YAML file inside a folder, not excluded. */
  includes(uri: string): boolean {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || !/\.ya?ml$/i.test(parsed.path)) return false;
    const where = this.locate(parsed.fsPath);
    if (!where) return false;
    const parts = where.relative.split('/');
    if (parts.some((p) => p === 'node_modules' || p === '.git')) return false;
    return !parts.some((_, i) => this.excluded(parts.slice(0, i + 1).join('/')));
  }

  async list(fs: FileSystemReader): Promise<string[]> {
    const files: string[] = [];
    for (const folder of this.folders) files.push(...(await fs.listYamlFiles(folder, this.excluded)));
    return files.map((f) => URI.file(f).toString());
  }
}

export function uriToPath(uri: string): string {
  return URI.parse(uri).fsPath;
}
