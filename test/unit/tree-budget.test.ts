import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parsed-file';
import { TreeBudget } from '../../server/src/engine/workspace/tree-budget';
import { TreeView } from '../../server/src/engine/model/tree-view';
import { testCatalog } from '../helpers/catalog';
import { docs, uriOf } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';
import { seedManifests } from '../fuzz/seeds';
import { loadParityCases } from '../parity/parity-cases';

function shapeOf(file: ParsedFile): string {
  return JSON.stringify(file.documents.map((d) => [d.index, d.range, d.problems, d.yaml.toJS({ maxAliasCount: -1 }), d.yaml.contents?.range]));
}

test('a released tree is parsed again identical, and the rebuild is reported', () => {
  const text = docs(gateway('gw', 'istio-system', ['a.example.com']), 'bad: [unclosed\n', virtualService('vs', 'default', ['a.example.com'], ['istio-system/gw'], httpRoute([{ host: 'a' }])));
  const file = parseFile('file:///f.yaml', text);
  const before = shapeOf(file);
  const outlines = JSON.stringify(file.outlines);
  let rebuilt = 0;
  file.onRebuilt = () => rebuilt++;
  file.releaseTree();
  assert.equal(file.hasTree, false);
  assert.equal(JSON.stringify(file.outlines), outlines, 'outlines stay without the tree');
  assert.equal(shapeOf(file), before);
  assert.equal(file.hasTree, true);
  assert.equal(rebuilt, 1);
});

test('the budget releases the oldest closed trees beyond its limit, never an open file', () => {
  const open = new Set(['file:///open.yaml']);
  const budget = new TreeBudget(20, (uri) => open.has(uri));
  const files = ['open', 'a', 'b', 'c'].map((name) => parseFile(`file:///${name}.yaml`, `k: ${name.padEnd(6, 'x')}\n`));
  for (const file of files) budget.touch(file);
  budget.trim();
  assert.deepEqual(
    files.map((f) => f.hasTree),
    [true, false, true, true],
    'open.yaml and a.yaml were oldest: the open one keeps its tree, a.yaml is released, b and c fit the 20 characters',
  );
  assert.equal(budget.liveCharacters, 20);
  assert.ok(files[1].documents.length, 'read again');
  budget.touch(files[1]);
  budget.trim();
  assert.deepEqual(
    files.map((f) => f.hasTree),
    [true, true, false, true],
    'a.yaml parsed again is the newest: b.yaml goes',
  );
});

interface Workspace {
  name: string;
  files: Record<string, string>;
}

/** Every parity case, one file per document (so lookups cross files), and the seed manifests as one workspace. */
function workspaces(): Workspace[] {
  const out: Workspace[] = loadParityCases().map((c) => ({
    name: c.file,
    files: Object.fromEntries(c.text.split(/^---[ \t]*$/m).map((doc, i) => [`${c.file}/${i}.yaml`, doc])),
  }));
  out.push({ name: 'seeds', files: Object.fromEntries(seedManifests().map((m) => [`${m.name}.yaml`, m.text])) });
  return out;
}

function findingsOf(engine: Engine, uris: readonly string[]): string[] {
  const describe = (f: Finding) => JSON.stringify([f.code, f.severity, f.message, f.range, f.related]);
  return uris.flatMap((uri) => engine.diagnose(uri).map((f) => `${uri} ${describe(f)}`));
}

test('with every closed tree released between operations, every finding is the same (parity cases split into files, seeds)', () => {
  let released = 0;
  let findings = 0;
  for (const { name, files } of workspaces()) {
    const uris = Object.keys(files).map(uriOf);
    const keepAll = createEngine({ catalog: testCatalog(), closedTreeBudget: Number.POSITIVE_INFINITY });
    const keepNone = createEngine({ catalog: testCatalog(), closedTreeBudget: 0 });
    for (const [file, text] of Object.entries(files)) {
      keepAll.setFile(uriOf(file), text);
      keepNone.setFile(uriOf(file), text);
    }
    const expected = findingsOf(keepAll, uris);
    assert.deepEqual(findingsOf(keepNone, uris), expected, name);
    released += uris.filter((uri) => !keepNone.workspace.file(uri)?.parsed.hasTree).length;
    findings += expected.length;
  }
  assert.ok(released > 300, `only ${released} files had their trees released`);
  assert.ok(findings > 100, `only ${findings} findings compared`);
});

test('an open file keeps its tree; an edit of a released file still reaches the findings that read it', () => {
  const open = uriOf('vs.yaml');
  const engine = createEngine({ catalog: testCatalog(), closedTreeBudget: 0, isOpen: (uri) => uri === open });
  const gw = uriOf('gw.yaml');
  engine.setFile(gw, gateway('gw', 'default', ['a.example.com']));
  engine.setFile(uriOf('dr.yaml'), destinationRule('a', 'default', 'a', ['v1']));
  engine.setFile(open, virtualService('vs', 'default', ['b.example.com'], ['gw'], httpRoute([{ host: 'a', subset: 'v1' }])));
  const codes = () => engine.diagnose(open).map((f) => f.code);
  assert.deepEqual(codes(), ['IST0132'], 'b.example.com is not served by gw');
  assert.equal(engine.workspace.file(gw)?.parsed.hasTree, false, 'the closed Gateway file was released');
  assert.equal(engine.workspace.file(open)?.parsed.hasTree, true, 'the open file keeps its tree');
  engine.setFile(gw, gateway('gw', 'default', ['a.example.com', 'b.example.com']));
  assert.deepEqual(codes(), [], 'the Gateway now serves b.example.com');
  engine.setFile(uriOf('dr.yaml'), destinationRule('a', 'default', 'a', ['v2']));
  assert.deepEqual(codes(), ['IST0101'], 'subset v1 is gone');
});

test('a tree view is memoized while its tree lives and read anew once the tree was released and parsed again', () => {
  const engine = createEngine({ catalog: testCatalog() });
  const uri = uriOf('vs.yaml');
  engine.setFile(uri, virtualService('vs', 'default', ['a.example.com'], ['mesh'], httpRoute([{ host: 'a' }])));
  const [resource] = engine.workspace.file(uri)?.resources ?? [];
  let reads = 0;
  const view = new TreeView((r) => (reads++, r.root.items.length));
  const file = engine.workspace.file(uri)?.parsed;
  assert.ok(resource && file);
  assert.equal(file.hasTree, false, 'a closed file is released after setFile');
  assert.equal(view.of(resource), view.of(resource));
  assert.equal(reads, 1, 'memoized while the tree lives');
  file.releaseTree();
  view.of(resource);
  assert.equal(reads, 2, 'read again with the new tree');
});
