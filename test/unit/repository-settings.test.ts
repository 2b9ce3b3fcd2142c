import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/engine/engine';
import { readRepoConfig } from '../../server/src/engine/config/repo-config';
import { doComplete } from '../../server/src/features/completion';
import { Configuration, type ConfigurationDeps } from '../../server/src/lsp/configuration';
import { defaultSettings, withRepositoryConfig } from '../../server/src/lsp/settings';
import { testCatalog } from '../helpers/catalog';

/** Completion labels at the `|` of a `.istio-yaml.yaml`. */
function complete(textWithCursor: string): string[] {
  const offset = textWithCursor.indexOf('|');
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile('file:///r/.istio-yaml.yaml', textWithCursor.replace('|', ''));
  return doComplete(engine, 'file:///r/.istio-yaml.yaml', offset).items.map((i) => i.label);
}

test('completion in .istio-yaml.yaml: its keys (not those present), codes under severity, severity values', () => {
  assert.deepEqual(complete('|'), ['environments', 'defaultNamespace', 'exclude', 'severity', 'meshConfig', 'suppress']);
  assert.deepEqual(complete('exclude: [a]\n|'), ['environments', 'defaultNamespace', 'severity', 'meshConfig', 'suppress']);
  const codes = complete('severity:\n  IST0101: off\n  |');
  assert.ok(codes.includes('IY0107') && codes.includes('IY0004') && !codes.includes('IST0101'), codes.join());
  assert.deepEqual(complete('severity:\n  IST0101: |'), ['error', 'warning', 'info', 'hint', 'off']);
  // No Istio field names in it.
  assert.ok(!complete('|').includes('apiVersion'));
});

test('the repository configuration over the editor settings: its namespace wins, severities merge per code, excludes add up', () => {
  const editor = { ...defaultSettings, defaultNamespace: 'ed', severity: { IST0101: 'info' as const, IY0103: 'off' as const }, exclude: ['tmp/**'] };
  const configs = [readRepoConfig('defaultNamespace: shop\nseverity:\n  IST0101: warning\nexclude: [charts]\nsuppress: ["IST0132=VirtualService a.b"]\n').config];
  const { settings, suppress } = withRepositoryConfig(editor, configs);
  assert.equal(settings.defaultNamespace, 'shop');
  assert.deepEqual(settings.severity, { IST0101: 'warning', IY0103: 'off' });
  assert.deepEqual(settings.exclude, ['tmp/**', 'charts']);
  assert.deepEqual(suppress, ['IST0132=VirtualService a.b']);
  assert.equal(withRepositoryConfig(editor, []).settings, editor, 'no file: the editor settings as they are');
  assert.equal(withRepositoryConfig(editor, [readRepoConfig('severity: {}\n').config]).settings.defaultNamespace, 'ed');
});

/** A Configuration's collaborators, faked: the engine records what it is configured with, the files read are `readings`. */
function fakeDeps(
  readings: ReadonlyMap<string, ReturnType<typeof readRepoConfig>>,
  onConfigure: (options: { defaultNamespace?: string; suppress?: readonly string[] }) => unknown,
): ConfigurationDeps {
  return {
    engine: {
      configure: (options: { defaultNamespace?: string; suppress?: readonly string[] }) => (onConfigure(options), new Set<string>()),
      setMaxFileSize: () => undefined,
      setFile: () => new Set<string>(),
      workspace: { uris: () => [], file: () => undefined },
    } as unknown as ConfigurationDeps['engine'],
    files: { setExcludes: () => undefined },
    sync: { syncEdits: () => undefined, rescan: () => undefined, hasScanned: false },
    publisher: { add: () => undefined, schedule: () => undefined },
    source: { getConfiguration: async () => [{}, {}] },
    log: { error: () => undefined },
    repositoryConfigs: () => readings,
  };
}

test('Configuration applies a configuration file that changes, and only the outermost file\'s values', async () => {
  const configured: string[] = [];
  const readings = new Map<string, ReturnType<typeof readRepoConfig>>();
  const configuration = new Configuration(
    fakeDeps(readings, (options) => configured.push(`${options.defaultNamespace} ${(options.suppress ?? []).join()}`)),
  );
  configuration.initialize({ defaultNamespace: 'ed' }, false);
  assert.equal(configuration.settings.defaultNamespace, 'ed');
  readings.set('file:///r/.istio-yaml.yaml', readRepoConfig('defaultNamespace: shop\n'));
  readings.set('file:///r/sub/.istio-yaml.yaml', readRepoConfig('defaultNamespace: nested\nsuppress: ["IST0101=VirtualService a.b"]\n'));
  configuration.repositoryChanged();
  configuration.repositoryChanged();
  await Promise.resolve();
  assert.equal(configuration.settings.defaultNamespace, 'shop');
  assert.deepEqual(configured, ['ed ', 'shop '], 'applied once, the nested file left to the engine');
});

test('Configuration leaves the engine alone when a configuration file changes none of the values it takes', async () => {
  let configured = 0;
  const readings = new Map([['file:///r/.istio-yaml.yaml', readRepoConfig('defaultNamespace: shop\n')]]);
  const configuration = new Configuration(fakeDeps(readings, () => configured++));
  configuration.initialize({}, false);
  assert.equal(configured, 1);
  // Environments and a comment: the engine follows those itself, re-configuring would only drop its analyses.
  readings.set('file:///r/.istio-yaml.yaml', readRepoConfig('# edited\ndefaultNamespace: shop\nenvironments:\n  dev: [envs/dev]\n'));
  configuration.repositoryChanged();
  await Promise.resolve();
  assert.equal(configured, 1);
  readings.set('file:///r/.istio-yaml.yaml', readRepoConfig('defaultNamespace: shop\nexclude: [charts]\n'));
  configuration.repositoryChanged();
  await Promise.resolve();
  assert.equal(configured, 2);
  assert.deepEqual(configuration.settings.exclude, ['charts']);
});
