import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { detectOverlays } from '../../server/src/engine/workspace/kustomize-overlays';
import { mergeEnvironmentFindings } from '../../server/src/engine/environment-findings';
import { repoRoot, testCatalog } from '../helpers/catalog';
import { destinationRule, httpRoute, virtualService } from '../helpers/manifests';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'environments');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** An engine holding a fixture folder's files (optionally without its configuration file), the folder as its root. */
function loadFixture(name: string, { withConfig = true } = {}): { engine: Engine; dir: string } {
  const dir = path.join(fixtures, name);
  const engine = createEngine({ catalog: testCatalog(), roots: [pathToFileURL(dir).href] });
  for (const file of walk(dir)) {
    if (!withConfig && file.endsWith('.istio-yaml.yaml')) continue;
    engine.setFile(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'));
  }
  return { engine, dir };
}

/** Every finding as `relative/path CODE message`, sorted. */
function allFindings(engine: Engine, dir: string): string[] {
  return engine.workspace
    .uris()
    .flatMap((uri) => engine.diagnose(uri).map((f) => `${path.relative(dir, new URL(uri).pathname)} ${f.code} ${f.message}`))
    .sort();
}

test('configured environments: no false conflict between dev and prod (IST0145 Gateways, IY0107 DestinationRules)', () => {
  const withEnvs = loadFixture('configured');
  assert.deepEqual(withEnvs.engine.environments.names, ['dev', 'prod']);
  const found = allFindings(withEnvs.engine, withEnvs.dir);
  assert.ok(!found.some((f) => / (IST0145|IY0107) /.test(f)), found.join('\n'));
  // Without the file, the same repository is one cluster: the conflicts are there.
  const oneCluster = loadFixture('configured', { withConfig: false });
  const before = allFindings(oneCluster.engine, oneCluster.dir);
  assert.equal(before.filter((f) => / IST0145 /.test(f)).length, 2, before.join('\n'));
  assert.equal(before.filter((f) => / IY0107 /.test(f)).length, 4, before.join('\n'));
});

test('configured environments: a route to a subset only another environment defines is reported (a false negative in one cluster)', () => {
  const { engine, dir } = loadFixture('configured');
  const prod = allFindings(engine, dir).filter((f) => f.startsWith('envs/prod/'));
  assert.deepEqual(prod.map((f) => f.split(' ').slice(0, 2).join(' ')), ['envs/prod/destination-rules.yaml IST0101']);
  assert.match(prod[0], /Subset "v2" is not defined by DestinationRule default\/ratings/);
  assert.doesNotMatch(prod[0], /in environment/, 'a file of one environment needs no environment named');
  const oneCluster = loadFixture('configured', { withConfig: false });
  assert.ok(!allFindings(oneCluster.engine, oneCluster.dir).some((f) => f.startsWith('envs/prod/destination-rules.yaml IST0101')));
});

test('a shared file: a finding made in every environment is reported once; one made in some names them', () => {
  const { engine, dir } = loadFixture('configured');
  const shared = allFindings(engine, dir).filter((f) => f.startsWith('base/'));
  assert.deepEqual(shared, [
    'base/ratings-route.yaml IST0101 Subset "v2" is not defined by DestinationRule default/ratings for host ratings (its subsets: v1). Add the subset to the DestinationRule or route to a defined one. (in environment prod)',
    'base/reviews-route.yaml IST0101 Subset "v9" is not defined by DestinationRule default/reviews for host reviews (its subsets: v1). Add the subset to the DestinationRule or route to a defined one.',
  ]);
});

test('detected environments: each Kustomize overlay is one, its bases are shared', () => {
  const { engine, dir } = loadFixture('detected');
  assert.deepEqual(engine.environments.names, ['overlays/dev', 'overlays/prod']);
  assert.equal(engine.environments.of(pathToFileURL(path.join(dir, 'base', 'ratings-route.yaml')).href), undefined);
  assert.deepEqual(engine.environments.of(pathToFileURL(path.join(dir, 'overlays', 'prod', 'destination-rule.yaml')).href), ['overlays/prod']);
  assert.deepEqual(allFindings(engine, dir), [
    'base/ratings-route.yaml IST0101 Subset "v2" is not defined by DestinationRule default/ratings for host ratings (its subsets: v1). Add the subset to the DestinationRule or route to a defined one. (in environment overlays/prod)',
  ]);
});

test('an edit of a kustomization that stops reaching outside its folder removes its environment, and findings follow', () => {
  const { engine, dir } = loadFixture('detected');
  const prodKustomization = pathToFileURL(path.join(dir, 'overlays', 'prod', 'kustomization.yaml')).href;
  const affected = engine.setFile(prodKustomization, 'resources:\n- destination-rule.yaml\n');
  assert.deepEqual(engine.environments.names, ['overlays/dev']);
  assert.ok(affected.size > 1, 'every file is re-checked when the environments change');
  // prod's DestinationRule is now shared: dev sees two DestinationRules for ratings.
  assert.ok(allFindings(engine, dir).some((f) => / IY0107 /.test(f)));
});

test('a configuration file with environments: {} switches detection off', () => {
  const dir = path.join(fixtures, 'detected');
  const engine = createEngine({ catalog: testCatalog(), roots: [pathToFileURL(dir).href] });
  for (const file of walk(dir)) engine.setFile(pathToFileURL(file).href, fs.readFileSync(file, 'utf8'));
  assert.equal(engine.environments.active, true);
  const configUri = pathToFileURL(path.join(dir, '.istio-yaml.yaml')).href;
  engine.setFile(configUri, 'environments: {}\n');
  assert.equal(engine.environments.active, false);
  assert.deepEqual(engine.diagnose(configUri), []);
  engine.removeFile(configUri);
  assert.equal(engine.environments.active, true);
});

test('overlay detection gives up where it is ambiguous: nested overlays, an overlay built on another', () => {
  const refs = (entries: Array<[string, string[]]>) => new Map(entries);
  const root = ['file:///repo'];
  assert.deepEqual(
    detectOverlays(refs([['file:///repo/overlays/dev/kustomization.yaml', ['../../base']], ['file:///repo/base/kustomization.yaml', ['vs.yaml']]]), root).map((o) => o.name),
    ['overlays/dev'],
  );
  assert.deepEqual(detectOverlays(refs([['file:///repo/a/kustomization.yaml', ['../base']], ['file:///repo/a/b/kustomization.yaml', ['../../base']]]), root), []);
  assert.deepEqual(detectOverlays(refs([['file:///repo/prod/kustomization.yaml', ['../base']], ['file:///repo/prod-eu/kustomization.yaml', ['../prod']]]), root), []);
  // Remote bases do not make an overlay.
  assert.deepEqual(detectOverlays(refs([['file:///repo/x/kustomization.yaml', ['https://github.com/org/repo//base?ref=v1']]]), root), []);
});

test('a file in no configured environment is shared; a glob naming a folder covers what is below it', () => {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile('file:///r/.istio-yaml.yaml', 'environments:\n  dev: [clusters/dev]\n  prod: ["clusters/prod/**/*.yaml"]\n');
  assert.deepEqual(engine.environments.of('file:///r/clusters/dev/a/b.yaml'), ['dev']);
  assert.deepEqual(engine.environments.of('file:///r/clusters/prod/x.yaml'), ['prod']);
  assert.equal(engine.environments.of('file:///r/common/x.yaml'), undefined);
  assert.equal(engine.environments.of('file:///elsewhere/x.yaml'), undefined);
});

test('with no environments, findings are those of one cluster (nothing named)', () => {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile('file:///a.yaml', virtualService('r', undefined, ['ratings'], [], httpRoute([{ host: 'ratings', subset: 'v3' }])));
  engine.setFile('file:///b.yaml', destinationRule('r', undefined, 'ratings', ['v1']));
  assert.equal(engine.environments.active, false);
  const messages = engine.diagnose('file:///a.yaml').map((f) => f.message);
  assert.ok(messages.some((m) => m.includes('Subset "v3"')));
  assert.ok(!messages.some((m) => m.includes('in environment')));
});

test('merging: identical findings in all environments once, the others suffixed with where they hold', () => {
  const f = (message: string, start = 0) => ({ code: 'IST0101', severity: 'error' as const, message, range: { start, end: start + 1 } });
  const merged = mergeEnvironmentFindings([
    { name: 'dev', findings: [f('a'), f('b')] },
    { name: 'staging', findings: [f('a'), f('b')] },
    { name: 'prod', findings: [f('a'), f('c', 5)] },
  ]);
  assert.deepEqual(merged.map((x) => x.message), ['a', 'b (in environments dev, staging)', 'c (in environment prod)']);
});

test('the seed tutorials checked together, each its own environment: the false conflicts vanish, each tutorial keeps its own findings', () => {
  const seeds = path.join(repoRoot, 'test', 'fixtures', 'seeds');
  const files = fs.readdirSync(seeds).filter((f) => f.endsWith('.yaml')).sort();
  const config = `environments:\n${files.map((f) => `  "${f.slice(0, 3)}": ["${f}"]`).join('\n')}\n`;
  const keyed = (engine: Engine) =>
    files.flatMap((f) => engine.diagnose(`file:///seeds/${f}`).map((x) => `${f} ${x.code} ${x.range.start} ${x.message.replace(/ \(in environments? [^)]*\)$/, '')}`)).sort();
  const together = createEngine({ catalog: testCatalog() });
  together.setFile('file:///seeds/.istio-yaml.yaml', config);
  for (const f of files) together.setFile(`file:///seeds/${f}`, fs.readFileSync(path.join(seeds, f), 'utf8'));
  const oneCluster = createEngine({ catalog: testCatalog() });
  for (const f of files) oneCluster.setFile(`file:///seeds/${f}`, fs.readFileSync(path.join(seeds, f), 'utf8'));
  const alone: string[] = [];
  for (const f of files) {
    const engine = createEngine({ catalog: testCatalog() });
    engine.setFile(`file:///seeds/${f}`, fs.readFileSync(path.join(seeds, f), 'utf8'));
    alone.push(...keyed(engine).filter((k) => k.startsWith(`${f} `)));
  }
  assert.equal(together.environments.names.length, files.length);
  assert.deepEqual(keyed(together), alone.sort());
  const cross = keyed(oneCluster).filter((k) => / (IST0145|IY0107|IST0109) /.test(k));
  assert.ok(cross.length >= 5, `one cluster shows cross-tutorial conflicts:\n${cross.join('\n')}`);
  assert.ok(!keyed(together).some((k) => / (IST0145|IY0107|IST0109) /.test(k)));
});

test('after edits (a resource of one environment, the configuration file), findings equal those of a fresh engine', () => {
  const { engine, dir } = loadFixture('configured');
  const prodRules = pathToFileURL(path.join(dir, 'envs', 'prod', 'destination-rules.yaml')).href;
  const config = pathToFileURL(path.join(dir, '.istio-yaml.yaml')).href;
  allFindings(engine, dir);
  const edits: Array<[string, string]> = [
    [prodRules, fs.readFileSync(new URL(prodRules), 'utf8').replace('  - name: v1\n    labels:\n      version: v1\n---', '  - name: v1\n    labels:\n      version: v1\n  - name: v2\n    labels:\n      version: v2\n---')],
    [config, 'environments:\n  dev: [envs/dev]\n'],
    [config, 'environments:\n  dev: [envs/dev]\n  prod: [envs/prod]\n  all: ["envs/*/gateway.yaml"]\n'],
  ];
  for (const [uri, text] of edits) {
    engine.setFile(uri, text);
    const fresh = createEngine({ catalog: testCatalog(), roots: [pathToFileURL(dir).href] });
    for (const other of engine.workspace.uris()) fresh.setFile(other, engine.workspace.file(other)?.parsed.text ?? '');
    assert.deepEqual(allFindings(engine, dir), allFindings(fresh, dir), `after editing ${path.basename(uri)}`);
  }
  // The first edit gave prod the subset: nothing is left in prod; the gateways, both in `all`, conflict there only.
  assert.ok(allFindings(engine, dir).some((f) => /gateway\.yaml IST0145 .*\(in environment all\)/.test(f)), allFindings(engine, dir).join('\n'));
});

test('an edit of the configuration file that changes neither environments nor meshConfig re-checks only the file itself', () => {
  const { engine, dir } = loadFixture('configured');
  const configUri = pathToFileURL(path.join(dir, '.istio-yaml.yaml')).href;
  const text = fs.readFileSync(path.join(dir, '.istio-yaml.yaml'), 'utf8');
  const before = allFindings(engine, dir);
  assert.deepEqual([...engine.setFile(configUri, `${text}# a comment\n`)], [configUri]);
  assert.deepEqual(allFindings(engine, dir), before);
  // Naming a MeshConfig changes what every analysis may read: all files are checked again.
  assert.ok(engine.setFile(configUri, `${text}meshConfig: mesh.yaml\n`).size > 1);
});
