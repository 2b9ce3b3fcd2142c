import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-types';
import type { Engine } from '../../server/src/engine/engine';
import { doReferences } from '../../server/src/features/references';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

/** "file:line text" of each location (1-based lines). */
function describe(engine: Engine, locations: Location[]): string[] {
  return locations.map((l) => {
    const file = engine.workspace.file(l.uri)!;
    const lines = file.parsed.lines;
    return `${l.uri.replace('file:///', '')}:${l.range.start.line + 1} ${file.parsed.text.slice(lines.offsetAt(l.range.start), lines.offsetAt(l.range.end))}`;
  });
}

/** References from the first occurrence of `needle` (cursor `at` characters into it) in file `name`. */
function referencesFrom(engine: Engine, name: string, needle: string, includeDeclaration: boolean, at = 1): string[] {
  const text = engine.workspace.file(uriOf(name))!.parsed.text;
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${name}`);
  return describe(engine, doReferences(engine, uriOf(name), offset + at, includeDeclaration));
}

const matchRoutes = `  http:
  - match:
    - gateways:
      - istio-system/public
    route:
    - destination:
        host: web
`;

function gatewayWorkspace(): Engine {
  return engineWith({
    'gw.yaml': docs(gateway('public', 'istio-system', ['*']), gateway('public', 'default', ['*'])),
    'a.yaml': docs(
      virtualService('a', 'istio-system', ['a.example.com'], ['public', 'mesh']),
      virtualService('b', 'apps', ['b.example.com'], ['"istio-system/public"'], matchRoutes),
      virtualService('c', 'apps', ['c.example.com'], ['public']),
    ),
    'b.yaml': virtualService('d', 'default', ['d.example.com'], ['public.istio-system.svc.cluster.local', 'public']),
  });
}

test('references of a Gateway: every entry resolving to it, in any namespace and file', () => {
  const engine = gatewayWorkspace();
  assert.deepEqual(referencesFrom(engine, 'gw.yaml', 'public', false), [
    'a.yaml:10 public',
    'a.yaml:22 "istio-system/public"',
    'a.yaml:26 istio-system/public',
    'b.yaml:10 public.istio-system.svc.cluster.local',
  ]);
  const withDeclaration = referencesFrom(engine, 'gw.yaml', 'public', true);
  assert.equal(withDeclaration[0], 'gw.yaml:4 public');
  assert.equal(withDeclaration.length, 5);
});

test('references from a reference: the same symbol; the Gateway of default has its own', () => {
  const engine = gatewayWorkspace();
  assert.deepEqual(referencesFrom(engine, 'a.yaml', 'istio-system/public', true, 15), referencesFrom(engine, 'gw.yaml', 'public', true));
  // `public` in apps resolves to apps/public (no such Gateway); in default to default/public.
  assert.deepEqual(referencesFrom(engine, 'b.yaml', '- public\n', true, 3), ['gw.yaml:20 public', 'b.yaml:11 public']);
  assert.deepEqual(referencesFrom(engine, 'a.yaml', '- mesh', true, 3), []);
});

test('references of a subset: destinations whose host resolves to the DestinationRule host', () => {
  const engine = engineWith({
    'dr.yaml': destinationRule('reviews', 'bookinfo', 'reviews', ['v1', 'v2']),
    'vs.yaml': docs(
      virtualService('r1', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews', subset: 'v2', weight: 50 }])),
      virtualService('r2', 'frontend', ['x'], [], httpRoute([{ host: 'reviews.bookinfo.svc.cluster.local', subset: 'v1' }])),
      virtualService('r3', 'frontend', ['y'], [], httpRoute([{ host: 'reviews', subset: 'v1' }])),
    ),
  });
  assert.deepEqual(referencesFrom(engine, 'dr.yaml', 'name: v1', false, 7), ['vs.yaml:13 v1', 'vs.yaml:32 v1']);
  assert.deepEqual(referencesFrom(engine, 'dr.yaml', 'name: v1', true, 7), ['dr.yaml:9 v1', 'vs.yaml:13 v1', 'vs.yaml:32 v1']);
  // From a use: the definition and every use; the frontend/reviews service is another host.
  assert.deepEqual(referencesFrom(engine, 'vs.yaml', 'subset: v1', true, 9), ['dr.yaml:9 v1', 'vs.yaml:13 v1', 'vs.yaml:32 v1']);
  const r3 = engine.workspace.file(uriOf('vs.yaml'))!.parsed.text.lastIndexOf('subset: v1') + 9;
  assert.deepEqual(describe(engine, doReferences(engine, uriOf('vs.yaml'), r3, true)), ['vs.yaml:46 v1'], 'an undefined subset: the uses of the same host');
});

test('no references off a symbol', () => {
  const engine = gatewayWorkspace();
  assert.deepEqual(referencesFrom(engine, 'gw.yaml', 'istio: ingressgateway', true), []);
  assert.deepEqual(doReferences(engine, uriOf('missing.yaml'), 0, true), []);
});
