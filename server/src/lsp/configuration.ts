import type { Engine } from '../engine/engine';
import type { WorkspaceFiles } from '../workspace-files';
import { defaultSettings, engineOptions, pickSettings, pullSettings, pushedSettings, type ConfigurationSource, type ServerSettings } from './settings';

export interface ConfigurationDeps {
  engine: Pick<Engine, 'configure' | 'setMaxFileSize' | 'setFile' | 'workspace'>;
  files: Pick<WorkspaceFiles, 'setExcludes'>;
  sync: { syncEdits(): void; rescan(): void; readonly hasScanned: boolean };
  publisher: { add(uris: Iterable<string>): void; schedule(): void };
  /** The client's `workspace/configuration`. */
  source: ConfigurationSource;
  log: { error(message: string): void };
}

/** The current settings: read from the client (initialize options, pulls, pushes) and applied to the engine and the index. */
export class Configuration {
  private current: ServerSettings = defaultSettings;
  /** Enabled globs of the client's `files.exclude`. */
  private filesExclude: string[] = [];
  private canPull = false;

  constructor(private readonly deps: ConfigurationDeps) {}

  get settings(): ServerSettings {
    return this.current;
  }

  /** Takes the settings given at `initialize`; `canPull` says whether the client answers `workspace/configuration`. */
  initialize(options: unknown, canPull: boolean): void {
    this.canPull = canPull;
    if (options) this.current = { ...this.current, ...pickSettings(options) };
    this.deps.engine.configure(engineOptions(this.current));
    this.deps.engine.setMaxFileSize(this.current.maxFileSize);
    // A client that cannot be asked gives its excludes here only: the first scan must already skip them.
    this.deps.files.setExcludes(this.current.exclude);
  }

  /** Follows `workspace/didChangeConfiguration`: a client that cannot be asked pushes the settings, the others are asked. */
  changed(changeSettings: unknown): Promise<void> {
    const pushed = pushedSettings(changeSettings);
    if (pushed && !this.canPull) {
      this.apply({ ...this.current, ...pickSettings(pushed) });
      return Promise.resolve();
    }
    return this.refresh();
  }

  /** Asks the client for the settings and applies them; a failure is logged and changes nothing. */
  async refresh(): Promise<void> {
    if (!this.canPull) return;
    try {
      const { settings, filesExclude } = await pullSettings(this.deps.source);
      this.filesExclude = filesExclude;
      this.apply(settings);
    } catch (error) {
      this.deps.log.error(`Could not read settings: ${String(error)}`);
    }
  }

  private apply(next: ServerSettings): void {
    const { engine, files, sync, publisher } = this.deps;
    sync.syncEdits();
    const excludesChanged = next.exclude.join('\n') !== this.current.exclude.join('\n');
    const limitChanged = next.maxFileSize !== this.current.maxFileSize;
    this.current = next;
    if (limitChanged) {
      // Re-read every file under the new limit, from the text the engine already holds.
      engine.setMaxFileSize(next.maxFileSize);
      for (const uri of engine.workspace.uris()) publisher.add(engine.setFile(uri, engine.workspace.file(uri)?.parsed.text ?? ''));
    }
    publisher.add(engine.configure(engineOptions(next)));
    files.setExcludes([...this.filesExclude, ...next.exclude]);
    if (excludesChanged && sync.hasScanned) sync.rescan();
    publisher.schedule();
  }
}
