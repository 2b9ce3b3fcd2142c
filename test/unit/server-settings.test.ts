import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Configuration, type ConfigurationDeps } from '../../server/src/lsp/configuration';
import { repoRoot } from '../helpers/catalog';
import { defaultSettings, enabledGlobs, pickSettings, pullSettings } from '../../server/src/lsp/settings';

test('the default settings are the defaults package.json declares to the editor', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown }> } };
  };
  for (const [key, value] of Object.entries(defaultSettings)) {
    assert.deepEqual(manifest.contributes.configuration.properties[`istio.${key}`]?.default, value, key);
  }
});

test('pickSettings keeps well-formed values', () => {
  assert.deepEqual(
    pickSettings({
      enable: false,
      defaultNamespace: ' prod ',
      exclude: ['charts/**'],
      openFilesOnly: true,
      severity: { IST0132: 'error', IY0103: 'off' },
      maxFileSize: 1000,
      unknownFieldSeverity: 'warning',
    }),
    {
      enable: false,
      defaultNamespace: 'prod',
      exclude: ['charts/**'],
      openFilesOnly: true,
      severity: { IST0132: 'error', IY0103: 'off' },
      maxFileSize: 1000,
      unknownFieldSeverity: 'warning',
    },
  );
});

test('pickSettings rejects bad values, so each keeps its current value', () => {
  assert.deepEqual(
    pickSettings({
      enable: 'no',
      defaultNamespace: '   ',
      exclude: 'charts/**',
      openFilesOnly: 1,
      maxFileSize: 0,
      unknownFieldSeverity: 'fatal',
      severity: 'error',
    }),
    {},
  );
  assert.deepEqual(pickSettings({ maxFileSize: -5 }), {});
  assert.deepEqual(pickSettings({ maxFileSize: '1000' }), {});
  assert.deepEqual(pickSettings({ defaultNamespace: 42 }), {});
  for (const raw of [null, undefined, 'istio', 3, true]) assert.deepEqual(pickSettings(raw), {}, String(raw));
});

test('pickSettings keeps the good parts of a list or a severity table and drops the rest', () => {
  assert.deepEqual(pickSettings({ exclude: ['a/**', 3, null, 'b/**'] }), { exclude: ['a/**', 'b/**'] });
  assert.deepEqual(pickSettings({ severity: { IST0101: 'warning', IST0102: 'fatal', IST0103: 2, IST0104: 'hint', IST0105: 'info' } }), {
    severity: { IST0101: 'warning', IST0104: 'hint', IST0105: 'info' },
  });
});

test('enabledGlobs keeps the files.exclude globs switched on', () => {
  assert.deepEqual(enabledGlobs({ '**/dist': true, '**/tmp': false, '**/x': 'true' }), ['**/dist']);
  assert.deepEqual(enabledGlobs(null), []);
  assert.deepEqual(enabledGlobs(['**/dist']), []);
});

test('pullSettings lays the istio section over the defaults, not over earlier settings', async () => {
  const asked: unknown[] = [];
  const pulled = await pullSettings({
    getConfiguration: async (items) => {
      asked.push(items);
      return [{ openFilesOnly: true, maxFileSize: -1 }, { 'charts/**': true }];
    },
  });
  assert.deepEqual(asked, [[{ section: 'istio' }, { section: 'files.exclude' }]]);
  assert.deepEqual(pulled, { settings: { ...defaultSettings, openFilesOnly: true }, filesExclude: ['charts/**'] });
  assert.deepEqual((await pullSettings({ getConfiguration: async () => [null, null] })).settings, defaultSettings);
});

/** A Configuration over fakes that record what it does to the engine, the index and the publisher. */
function configurationWith(answer: () => unknown) {
  const calls: string[] = [];
  const held = new Map([
    ['a.yaml', 'text of a'],
    ['b.yaml', 'text of b'],
  ]);
  let scanned = false;
  const engine = {
    configure: (options: { defaultNamespace?: string }) => {
      calls.push(`configure ${options.defaultNamespace}`);
      return new Set(['configured.yaml']);
    },
    setMaxFileSize: (limit: number) => void calls.push(`limit ${limit}`),
    setFile: (uri: string, text: string) => {
      calls.push(`set ${uri} ${text}`);
      return new Set([uri]);
    },
    workspace: { uris: () => held.keys(), file: (uri: string) => ({ parsed: { text: held.get(uri) ?? '' } }) },
  };
  const deps = {
    engine: engine as unknown as ConfigurationDeps['engine'],
    files: { setExcludes: (globs: readonly string[]) => void calls.push(`excludes ${globs.join(' ')}`) },
    sync: {
      syncEdits: () => void calls.push('sync'),
      rescan: () => void calls.push('rescan'),
      get hasScanned() {
        return scanned;
      },
    },
    publisher: { add: (uris: Iterable<string>) => void calls.push(`publish ${[...uris].join(' ')}`), schedule: () => void calls.push('schedule') },
    source: {
      getConfiguration: async () => {
        calls.push('pull');
        return answer();
      },
    },
    log: { error: (message: string) => void calls.push(`error ${message}`) },
  };
  const configuration = new Configuration(deps);
  return { configuration, calls, startScan: () => (scanned = true) };
}

test('initialize takes the given settings and configures the engine with them', () => {
  const { configuration, calls } = configurationWith(() => []);
  configuration.initialize({ defaultNamespace: 'prod', maxFileSize: 'big', exclude: ['vendor/**'] }, false);
  assert.equal(configuration.settings.defaultNamespace, 'prod');
  assert.equal(configuration.settings.maxFileSize, defaultSettings.maxFileSize);
  // The excludes apply to the first scan, for clients that are never asked for settings.
  assert.deepEqual(calls, ['configure prod', `limit ${defaultSettings.maxFileSize}`, 'excludes vendor/**']);
});

test('a client that cannot be asked pushes its settings; one that can is asked instead', async () => {
  const push = configurationWith(() => assert.fail('not to be asked'));
  push.configuration.initialize(undefined, false);
  push.calls.length = 0;
  await push.configuration.changed({ istio: { defaultNamespace: 'pushed' } });
  assert.equal(push.configuration.settings.defaultNamespace, 'pushed');
  assert.deepEqual(push.calls, ['sync', 'configure pushed', 'publish configured.yaml', 'excludes ', 'schedule']);

  const pull = configurationWith(() => [{ defaultNamespace: 'pulled' }, {}]);
  pull.configuration.initialize(undefined, true);
  await pull.configuration.changed({ istio: { defaultNamespace: 'pushed' } });
  assert.equal(pull.configuration.settings.defaultNamespace, 'pulled');
});

test('a broken configuration answer is logged and changes nothing', async () => {
  const { configuration, calls } = configurationWith(() => null);
  configuration.initialize({ defaultNamespace: 'given' }, true);
  calls.length = 0;
  await configuration.refresh();
  assert.equal(configuration.settings.defaultNamespace, 'given');
  assert.equal(calls.length, 2);
  assert.equal(calls[0], 'pull');
  assert.match(calls[1], /^error Could not read settings/);
});

test('a new size limit re-reads every held file; a new exclude list rescans once a scan has started', async () => {
  let istio: Record<string, unknown> = { maxFileSize: 5 };
  const { configuration, calls, startScan } = configurationWith(() => [istio, { 'tmp/**': true }]);
  configuration.initialize(undefined, true);
  calls.length = 0;
  await configuration.refresh();
  assert.deepEqual(calls, [
    'pull',
    'sync',
    'limit 5',
    'set a.yaml text of a',
    'publish a.yaml',
    'set b.yaml text of b',
    'publish b.yaml',
    'configure default',
    'publish configured.yaml',
    'excludes tmp/**',
    'schedule',
  ]);

  istio = { maxFileSize: 5, exclude: ['charts/**'] };
  calls.length = 0;
  await configuration.refresh();
  assert.ok(!calls.some((c) => c.startsWith('set ')), 'same limit: no re-read');
  assert.ok(calls.includes('excludes tmp/** charts/**'));
  assert.ok(!calls.includes('rescan'), 'the first scan is still to come and reads the new list');

  startScan();
  istio = { maxFileSize: 5, exclude: [] };
  calls.length = 0;
  await configuration.refresh();
  assert.ok(calls.includes('rescan'));
  calls.length = 0;
  await configuration.refresh();
  assert.ok(!calls.includes('rescan'), 'unchanged excludes: no rescan');
});

test('scanWorkers: null (the default) or a whole number from 0 to 16', () => {
  assert.deepEqual(pickSettings({ scanWorkers: null }), { scanWorkers: null });
  assert.deepEqual(pickSettings({ scanWorkers: 0 }), { scanWorkers: 0 });
  assert.deepEqual(pickSettings({ scanWorkers: 16 }), { scanWorkers: 16 });
  for (const bad of [-1, 17, 1.5, '2', true]) assert.deepEqual(pickSettings({ scanWorkers: bad }), {}, String(bad));
});
