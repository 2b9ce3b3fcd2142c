import type { Engine } from '../engine/engine';
import type { ConfigReading } from '../engine/config/repo-config';
import type { WorkspaceFiles } from '../workspace-files';
import { defaultSettings, engineOptions, pickSettings, pullSettings, pushedSettings, withRepositoryConfig, type ConfigurationSource, type ServerSettings } from './settings';

export interface ConfigurationDeps {
  engine: Pick<Engine, 'configure' | 'setMaxFileSize' | 'setFile' | 'workspace'>;
  files: Pick<WorkspaceFiles, 'setExcludes'>;
  sync: { syncEdits(): void; rescan(): void; readonly hasScanned: boolean };
  publisher: { add(uris: Iterable<string>): void; schedule(): void };
  /** The client's `workspace/configuration`. */
  source: ConfigurationSource;
  log: { error(message: string): void };
  /** The repository configuration files the engine holds (URI → reading); none when omitted. */
  repositoryConfigs?: () => ReadonlyMap<string, ConfigReading>;
}

/** The current settings: read from the client (initialize options, pulls, pushes) and applied to the engine and the index. */
export class Configuration {
  /** The editor's settings. */
  private current: ServerSettings = defaultSettings;
  /** What applies: the editor's settings with the repository configuration's values over them. */
  private effective: ServerSettings = defaultSettings;
  private suppress: string[] = [];
  private repositoryPending = false;
  /** Enabled globs of the client's `files.exclude`. */
  private filesExclude: string[] = [];
  private canPull = false;

  constructor(private readonly deps: ConfigurationDeps) {}

  get settings(): ServerSettings {
    return this.effective;
  }

  /** Takes the settings given at `initialize`; `canPull` says whether the client answers `workspace/configuration`. */
  initialize(options: unknown, canPull: boolean): void {
    this.canPull = canPull;
    if (options) this.current = { ...this.current, ...pickSettings(options) };
    ({ settings: this.effective, suppress: this.suppress } = withRepositoryConfig(this.current, this.repository()));
    this.deps.engine.configure(engineOptions(this.effective, this.suppress));
    this.deps.engine.setMaxFileSize(this.effective.maxFileSize);
    // A client that cannot be asked gives its excludes here only: the first scan must already skip them.
    this.deps.files.setExcludes(this.effective.exclude);
  }

  /** A repository configuration file changed (or came or went): its values are applied once the current work is done. */
  repositoryChanged(): void {
    if (this.repositoryPending) return;
    this.repositoryPending = true;
    void Promise.resolve().then(() => {
      this.repositoryPending = false;
      // Applying re-configures the engine, which drops every analysis: only worth it when a value the settings take
      // changed. Most edits of the file, and a scan reading it again, change none (its environments and meshConfig
      // the engine follows itself).
      const next = withRepositoryConfig(this.current, this.repository());
      if (repositoryValues(next.settings, next.suppress) !== repositoryValues(this.effective, this.suppress)) this.apply(this.current);
    });
  }

  /**
   * The readings of the configuration files at the top of the workspace (those in no other one's folder; a nested
   * file only defines environments below it, which the engine reads itself), in URI order.
   */
  private repository() {
    const configs = [...(this.deps.repositoryConfigs?.() ?? new Map<string, ConfigReading>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const folder = (uri: string) => uri.slice(0, uri.lastIndexOf('/') + 1);
    return configs.filter(([uri]) => !configs.some(([other]) => other !== uri && uri.startsWith(folder(other)))).map(([, reading]) => reading.config);
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

  private apply(editor: ServerSettings): void {
    const { engine, files, sync, publisher } = this.deps;
    sync.syncEdits();
    const { settings: next, suppress } = withRepositoryConfig(editor, this.repository());
    const excludesChanged = next.exclude.join('\n') !== this.effective.exclude.join('\n');
    const limitChanged = next.maxFileSize !== this.effective.maxFileSize;
    this.current = editor;
    this.effective = next;
    this.suppress = suppress;
    if (limitChanged) {
      // Re-read every file under the new limit, from the text the engine already holds.
      engine.setMaxFileSize(next.maxFileSize);
      for (const uri of engine.workspace.uris()) publisher.add(engine.setFile(uri, engine.workspace.file(uri)?.parsed.text ?? ''));
    }
    publisher.add(engine.configure(engineOptions(next, suppress)));
    files.setExcludes([...this.filesExclude, ...next.exclude]);
    if (excludesChanged && sync.hasScanned) sync.rescan();
    publisher.schedule();
  }
}

/** What the repository configuration decides of the settings, as one comparable string. */
function repositoryValues(settings: ServerSettings, suppress: readonly string[]): string {
  return JSON.stringify([settings.defaultNamespace, settings.severity, settings.exclude, suppress]);
}
