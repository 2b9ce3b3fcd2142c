import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../server/src/engine/engine';
import { doRename, prepareRename } from '../../server/src/features/rename';
import { allFindings, applyWorkspaceEdit } from '../helpers/apply-edits';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

function offsetIn(engine: Engine, name: string, needle: string, at: number): number {
  const offset = engine.workspace.file(uriOf(name))!.parsed.text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${name}`);
  return offset + at;
}

/** Renames from `needle` (+at) in `name`, applies the edit, returns the new texts by file name. */
function rename(engine: Engine, name: string, needle: string, at: number, newName: string): Record<string, string> {
  const outcome = doRename(engine, uriOf(name), offsetIn(engine, name, needle, at), newName);
  if ('error' in outcome) assert.fail(outcome.error);
  const texts = applyWorkspaceEdit(engine, outcome.edit);
  return Object.fromEntries(Object.entries(texts).map(([uri, text]) => [uri.replace('file:///', ''), text]));
}

function gatewayWorkspace(): Engine {
  return engineWith({
    'gw.yaml': gateway('public', 'istio-system', ['*']).replace('name: public', 'name: "public"'),
    'a.yaml': docs(
      virtualService('a', 'istio-system', ['a.example.com'], ['public']),
      virtualService('b', 'apps', ['b.example.com'], ["'istio-system/public'", 'public.istio-system.svc.cluster.local']),
      virtualService('c', 'apps', ['c.example.com'], ['public']),
    ),
  });
}

test('renaming a Gateway updates its name and every reference, each in its own form and quotes', () => {
  const engine = gatewayWorkspace();
  const codes = () => allFindings(engine, ['gw.yaml', 'a.yaml']).map((k) => k.split(' ').slice(0, 3).join(' '));
  const before = codes();
  const texts = rename(engine, 'gw.yaml', '"public"', 2, 'edge');
  assert.match(texts['gw.yaml'], /  name: "edge"\n/);
  const a = texts['a.yaml'];
  assert.match(a, /name: a\n[^]*gateways:\n  - edge\n/);
  assert.ok(a.includes(`  - 'istio-system/edge'\n  - edge.istio-system.svc.cluster.local\n`), a);
  assert.match(a, /name: c\n[^]*gateways:\n  - public\n/, 'apps/public is another Gateway');
  assert.deepEqual(codes(), before, 'the rename adds or removes no finding');
});

test('renaming from a reference renames the Gateway too', () => {
  const engine = gatewayWorkspace();
  const texts = rename(engine, 'a.yaml', "'istio-system/public'", 16, 'edge');
  assert.match(texts['gw.yaml'], /  name: "edge"\n/);
  assert.ok(texts['a.yaml'].includes(`  - 'istio-system/edge'\n`));
});

test('prepareRename selects only the name of ns/name and the legacy form, and says why elsewhere', () => {
  const engine = gatewayWorkspace();
  const uri = uriOf('a.yaml');
  const prepared = prepareRename(engine, uri, offsetIn(engine, 'a.yaml', "'istio-system/public'", 3));
  assert.ok('range' in prepared);
  assert.equal(prepared.placeholder, 'public');
  const lines = engine.workspace.file(uri)!.parsed.lines;
  assert.equal(lines.offsetAt(prepared.range.start), offsetIn(engine, 'a.yaml', "'istio-system/public'", 14));
  assert.equal(lines.offsetAt(prepared.range.end) - lines.offsetAt(prepared.range.start), 'public'.length);
  const legacy = prepareRename(engine, uri, offsetIn(engine, 'a.yaml', 'public.istio-system', 0));
  assert.ok('range' in legacy && legacy.range.end.character - legacy.range.start.character === 6);
  const onDecl = prepareRename(engine, uriOf('gw.yaml'), offsetIn(engine, 'gw.yaml', '"public"', 0));
  assert.ok('range' in onDecl && onDecl.range.end.character - onDecl.range.start.character === 6, 'inside the quotes');

  const error = (needle: string, name = 'a.yaml', at = 1) => {
    const outcome = prepareRename(engine, uriOf(name), offsetIn(engine, name, needle, at));
    return 'error' in outcome ? outcome.error : 'no error';
  };
  assert.match(error('kind: VirtualService'), /Only Gateways, ListenerSets, listeners, Services and DestinationRule subsets can be renamed/);
  assert.match(error('c.example.com'), /Only Gateways/);
  // apps/public does not exist.
  const text = engine.workspace.file(uri)!.parsed.text;
  const appsPublic = prepareRename(engine, uri, text.lastIndexOf('- public') + 3);
  assert.ok('error' in appsPublic && /Gateway "public" is not defined in the workspace/.test(appsPublic.error));
  const withMesh = engineWith({ 'm.yaml': virtualService('m', undefined, ['m'], ['mesh']) });
  const mesh = prepareRename(withMesh, uriOf('m.yaml'), offsetIn(withMesh, 'm.yaml', '- mesh', 3));
  assert.ok('error' in mesh && /"mesh" is reserved/.test(mesh.error));
});

test('rename rejects invalid names and names already taken', () => {
  const engine = engineWith({ 'gw.yaml': docs(gateway('public', 'istio-system', ['*']), gateway('edge', 'istio-system', ['*'])) });
  const at = offsetIn(engine, 'gw.yaml', 'name: public', 7);
  for (const bad of ['Edge', 'a.b', 'x/y', '-x', '']) {
    const outcome = doRename(engine, uriOf('gw.yaml'), at, bad);
    assert.ok('error' in outcome && /not a valid Gateway name/.test(outcome.error), bad);
  }
  const taken = doRename(engine, uriOf('gw.yaml'), at, 'edge');
  assert.ok('error' in taken && /A Gateway istio-system\/edge already exists/.test(taken.error));
});

test('a name that YAML would read as a number gets quotes', () => {
  const engine = engineWith({ 'all.yaml': docs(gateway('public', 'default', ['*']), virtualService('v', undefined, ['a.example.com'], ['public', 'default/public'])) });
  const texts = rename(engine, 'all.yaml', 'name: public', 7, '123');
  assert.match(texts['all.yaml'], /  name: "123"\n/);
  assert.match(texts['all.yaml'], /  gateways:\n  - "123"\n  - default\/123\n/);
});

function subsetWorkspace(): Engine {
  return engineWith({
    'dr.yaml': destinationRule('reviews', 'bookinfo', 'reviews', ['v1', 'v2']),
    'vs.yaml': docs(
      virtualService('r1', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews', subset: '"v2"', weight: 50 }])),
      virtualService('r2', 'frontend', ['x'], [], httpRoute([{ host: 'reviews.bookinfo.svc.cluster.local', subset: 'v1' }])),
      virtualService('r3', 'frontend', ['y'], [], httpRoute([{ host: 'reviews', subset: 'v1' }])),
    ),
  });
}

test('renaming a subset updates the definition and the uses that resolve to it', () => {
  const engine = subsetWorkspace();
  const before = allFindings(engine, ['dr.yaml', 'vs.yaml']);
  const texts = rename(engine, 'dr.yaml', 'name: v1', 7, 'stable');
  assert.match(texts['dr.yaml'], /  - name: stable\n    labels:\n      version: v1\n/, 'labels are not the name');
  const vs = texts['vs.yaml'];
  assert.equal(vs.match(/subset: stable/g)?.length, 2);
  assert.match(vs, /name: r3\n[^]*subset: v1\n/, 'frontend/reviews is another host');
  assert.deepEqual(allFindings(engine, ['dr.yaml', 'vs.yaml']), before);
});

test('renaming a subset from a quoted use keeps the quotes', () => {
  const engine = subsetWorkspace();
  const texts = rename(engine, 'vs.yaml', 'subset: "v2"', 10, 'canary');
  assert.match(texts['dr.yaml'], /  - name: canary\n/);
  assert.ok(texts['vs.yaml'].includes('subset: "canary"'));
});

test('subset rename: undefined subsets and taken names are refused', () => {
  const engine = subsetWorkspace();
  const r3 = engine.workspace.file(uriOf('vs.yaml'))!.parsed.text.lastIndexOf('subset: v1') + 9;
  const undefinedSubset = prepareRename(engine, uriOf('vs.yaml'), r3);
  assert.ok('error' in undefinedSubset && /Subset "v1" is not defined by a DestinationRule/.test(undefinedSubset.error));
  const taken = doRename(engine, uriOf('dr.yaml'), offsetIn(engine, 'dr.yaml', 'name: v1', 7), 'v2');
  assert.ok('error' in taken && /already has a subset "v2"/.test(taken.error));
});
