import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType } from 'vscode-languageserver';
import { readAhead, WorkspaceSync, type ScanProgress, type WorkspaceSyncDeps } from '../../server/src/lsp/workspace-sync';
import { WorkspaceFiles, type FileSystemReader } from '../../server/src/workspace-files';

const uri = (name: string) => `file:///ws/${name}`;

/** A WorkspaceSync over an in-memory disk and editor, a recording engine and publisher. */
function harness(disk: Record<string, string>) {
  const onDisk = new Map(Object.entries(disk).map(([name, text]) => [`/ws/${name}`, text]));
  const engineFiles = new Map<string, string>();
  const events: string[] = [];
  const open = new Map<string, string>();
  let reading = 0;
  let mostReading = 0;
  const fileSystem: FileSystemReader = {
    listYamlFiles: async () => [...onDisk.keys()],
    readFile: async (file) => {
      reading++;
      mostReading = Math.max(mostReading, reading);
      await new Promise((resolve) => setImmediate(resolve));
      reading--;
      const text = onDisk.get(file);
      if (text === undefined) throw new Error(`ENOENT ${file}`);
      return text;
    },
    exists: async (file) => onDisk.has(file),
  };
  const files = new WorkspaceFiles();
  files.setFolders(['file:///ws']);
  const engine = {
    setFile: (u: string, text: string) => {
      events.push(`set ${u.slice('file:///ws/'.length)}`);
      engineFiles.set(u, text);
      return new Set([u]);
    },
    removeFile: (u: string) => {
      events.push(`remove ${u.slice('file:///ws/'.length)}`);
      engineFiles.delete(u);
      return new Set([u]);
    },
    workspace: { file: (u: string) => (engineFiles.has(u) ? {} : undefined) },
  };
  const progress: string[] = [];
  const reporter: ScanProgress = {
    begin: (_title, _percentage, message) => void progress.push(`begin ${message}`),
    report: (_percentage, message) => void progress.push(`report ${message}`),
    done: () => void progress.push('done'),
  };
  const pending = new Set<string>();
  const deps: WorkspaceSyncDeps = {
    engine: engine as unknown as WorkspaceSyncDeps['engine'],
    documents: { get: (u) => (open.has(u) ? { getText: () => open.get(u) ?? '' } : undefined) },
    files,
    fileSystem,
    publisher: {
      add: (uris) => {
        for (const u of uris) pending.add(u);
      },
      schedule: () => void events.push('schedule'),
      beginIndexing: () => void events.push('begin indexing'),
      endIndexing: () => void events.push('end indexing'),
      waitFor: () => void events.push('wait'),
    },
    startProgress: () => Promise.resolve(reporter),
    log: { info: () => undefined, error: (message) => void events.push(`error ${message}`) },
  };
  const sync = new WorkspaceSync(deps);
  /** Runs a scan to its end (scans chain, so waiting on a later no-op shows the earlier one is done). */
  const scan = async () => {
    sync.rescan();
    while (!events.includes('end indexing')) await new Promise((resolve) => setImmediate(resolve));
  };
  return { sync, onDisk, engineFiles, events, open, pending, progress, scan, mostReading: () => mostReading };
}

test('the scan sets every listed file between the start and the end of indexing, reading a bounded number ahead', async () => {
  const disk = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}.yaml`, `text ${i}`]));
  const h = harness(disk);
  await h.scan();
  assert.equal(h.events[0], 'begin indexing');
  assert.equal(h.events.at(-1), 'end indexing');
  assert.equal(h.events.filter((e) => e.startsWith('set ')).length, 60);
  assert.equal(h.engineFiles.get(uri('f7.yaml')), 'text 7');
  assert.equal(h.pending.size, 60);
  assert.deepEqual(h.progress, ['begin 60 YAML files', 'report 50/60 files', 'done']);
  assert.equal(h.mostReading(), readAhead + 1, 'the disk works ahead of the parser, but not on the whole workspace at once');
  assert.equal(h.sync.hasScanned, true);
});

test('a file open in the editor is neither read by the scan nor overwritten by disk text', async () => {
  const h = harness({ 'a.yaml': 'disk a', 'b.yaml': 'disk b' });
  h.open.set(uri('a.yaml'), 'editor a');
  await h.scan();
  assert.equal(h.engineFiles.has(uri('a.yaml')), false);
  assert.equal(h.engineFiles.get(uri('b.yaml')), 'disk b');
  h.sync.setDiskText(uri('a.yaml'), 'disk a');
  assert.equal(h.engineFiles.has(uri('a.yaml')), false, 'the editor text wins');
});

test('a rescan drops disk files no longer listed and reads only new ones', async () => {
  const h = harness({ 'a.yaml': 'a', 'b.yaml': 'b' });
  await h.scan();
  h.onDisk.delete('/ws/a.yaml');
  h.onDisk.set('/ws/c.yaml', 'c');
  h.events.length = 0;
  await h.scan();
  assert.deepEqual(h.events, ['begin indexing', 'remove a.yaml', 'set c.yaml', 'end indexing']);
});

test('edits are read into the engine once, when syncEdits runs', () => {
  const h = harness({});
  h.open.set(uri('a.yaml'), 'v1');
  h.sync.documentChanged(uri('a.yaml'));
  h.open.set(uri('a.yaml'), 'v2');
  h.sync.documentChanged(uri('a.yaml'));
  assert.deepEqual(h.events, ['schedule', 'schedule']);
  assert.equal(h.sync.isUnsynced(uri('a.yaml')), true);
  h.sync.syncEdits();
  h.sync.syncEdits();
  assert.deepEqual(h.events.slice(2), ['set a.yaml']);
  assert.equal(h.engineFiles.get(uri('a.yaml')), 'v2');
  assert.equal(h.sync.isUnsynced(uri('a.yaml')), false);
});

test('a closed workspace file goes back to its disk text; a file outside the workspace leaves the index', async () => {
  const h = harness({ 'a.yaml': 'disk a' });
  h.engineFiles.set(uri('a.yaml'), 'editor a');
  await h.sync.documentClosed(uri('a.yaml'));
  assert.equal(h.engineFiles.get(uri('a.yaml')), 'disk a');
  h.engineFiles.set('file:///elsewhere/x.yaml', 'x');
  await h.sync.documentClosed('file:///elsewhere/x.yaml');
  assert.equal(h.engineFiles.has('file:///elsewhere/x.yaml'), false);
  assert.ok(h.pending.has('file:///elsewhere/x.yaml'), 'its diagnostics are cleared');
});

test('watched-file events: a deletion drops the file, a change re-reads it, an open file keeps the editor text', async () => {
  const h = harness({ 'a.yaml': 'a', 'b.yaml': 'b', 'c.yaml': 'c' });
  await h.scan();
  h.onDisk.set('/ws/b.yaml', 'b2');
  h.onDisk.set('/ws/c.yaml', 'c2');
  h.onDisk.delete('/ws/a.yaml');
  h.open.set(uri('c.yaml'), 'editor c');
  h.events.length = 0;
  await h.sync.watchedFilesChanged([
    { uri: uri('a.yaml'), type: FileChangeType.Deleted },
    { uri: uri('b.yaml'), type: FileChangeType.Changed },
    { uri: uri('c.yaml'), type: FileChangeType.Changed },
  ]);
  assert.deepEqual(h.events, ['remove a.yaml', 'set b.yaml', 'schedule']);
  assert.equal(h.engineFiles.get(uri('b.yaml')), 'b2');
});
