import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, Position } from 'vscode-languageserver-types';
import { attachmentOf, parentKey } from '../../server/src/engine/model/gateway-api/attachment';
import { routeView, type ListenerView } from '../../server/src/engine/model/gateway-api/views';
import type { Resource } from '../../server/src/engine/model/resource';
import type { IndexLookups } from '../../server/src/engine/workspace/resource-index';
import { acceptedByListener, codeLenses } from '../../server/src/features/code-lens';
import { traceRequestCommand } from '../../server/src/features/trace-lens';
import { docs, engineWith, uriOf } from '../helpers/engine';
import { httpRoute } from '../helpers/gateway-api-routes';
import { gatewayApiWorkspace } from '../helpers/gateway-api-workspace';
import { gateway, httpRoute as istioHttpRoute, virtualService } from '../helpers/manifests';

test('a Gateway lens counts the VirtualServices bound to it in all files and opens them', () => {
  const engine = engineWith({
    'gw.yaml': docs(gateway('public', 'istio-system', ['*']), gateway('unused', 'istio-system', ['*'])),
    'a.yaml': docs(
      virtualService('a', 'apps', ['a.example.com'], ['istio-system/public']),
      virtualService('b', 'istio-system', ['b.example.com'], ['public', 'istio-system/public']),
      virtualService('c', 'apps', ['c.example.com'], ['public']),
    ),
  });
  const [bound, unused] = codeLenses(engine, uriOf('gw.yaml'));
  assert.equal(bound.command?.title, 'bound by 2 VirtualServices');
  assert.equal(bound.command?.command, 'editor.action.showReferences');
  assert.deepEqual(bound.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  const [uri, position, locations] = bound.command?.arguments as [string, Position, Location[]];
  assert.equal(uri, uriOf('gw.yaml'));
  assert.deepEqual(position, { line: 3, character: 8 });
  assert.deepEqual(locations.map((l) => `${l.uri} ${l.range.start.line}`), [`${uriOf('a.yaml')} 9`, `${uriOf('a.yaml')} 20`, `${uriOf('a.yaml')} 21`]);
  assert.deepEqual(JSON.parse(JSON.stringify(bound)), bound, 'plain JSON, fit for LSP');
  assert.equal(unused.command?.title, 'bound by 0 VirtualServices');
  assert.equal(unused.command?.command, '');
  assert.equal(unused.range.start.line, 16);
});

test('the Gateway lens follows edits that bind or unbind VirtualServices, in either file', () => {
  const engine = engineWith({
    'gw.yaml': docs(gateway('public', 'istio-system', ['*']), gateway('other', 'istio-system', ['*'])),
    'a.yaml': virtualService('a', 'apps', ['a.example.com'], ['istio-system/public']),
  });
  const titles = () => codeLenses(engine, uriOf('gw.yaml')).map((l) => l.command?.title);
  assert.deepEqual(titles(), ['bound by 1 VirtualService', 'bound by 0 VirtualServices']);
  engine.setFile(uriOf('a.yaml'), virtualService('a', 'apps', ['a.example.com'], ['istio-system/other', 'mesh']));
  assert.deepEqual(titles(), ['bound by 0 VirtualServices', 'bound by 1 VirtualService']);
  // Moved to the Gateways' namespace, the plain name `public` resolves to istio-system/public.
  engine.setFile(uriOf('a.yaml'), virtualService('a', 'istio-system', ['a.example.com'], ['public']));
  assert.deepEqual(titles(), ['bound by 1 VirtualService', 'bound by 0 VirtualServices']);
  engine.removeFile(uriOf('a.yaml'));
  assert.deepEqual(titles(), ['bound by 0 VirtualServices', 'bound by 0 VirtualServices']);
});

test('a lens on each weighted route shows the effective split', () => {
  const routes = istioHttpRoute([{ host: 'reviews', subset: 'v1', weight: 3 }, { host: 'reviews', subset: 'v2', weight: 1 }]) + `  tcp:
  - route:
    - destination: {host: db-a}
      weight: 1
    - destination: {host: db-b}
      weight: 1
    - destination: {host: db-c}
      weight: 1
  tls:
  - route:
    - destination: {host: one}
      weight: 100
  - route:
    - destination: {host: x}
    - destination: {host: y}
`;
  const engine = engineWith({ 'vs.yaml': virtualService('r', undefined, ['reviews'], [], routes) });
  const all = codeLenses(engine, uriOf('vs.yaml'));
  // The http rule also gets a Trace… lens (see trace-lens tests); tcp and tls rules do not.
  assert.deepEqual(all.filter((l) => l.command?.command === traceRequestCommand).map((l) => l.range.start.line + 1), [9]);
  const lenses = all.filter((l) => l.command?.command !== traceRequestCommand);
  assert.deepEqual(
    lenses.map((l) => `${l.range.start.line + 1} ${l.command?.title}`),
    ['9 v1 75% · v2 25%', '19 db-a 33.3% · db-b 33.3% · db-c 33.3%'],
  );
  assert.equal(lenses[0].command?.command, '');
  assert.equal(lenses[0].range.start.character, 4, 'on the route key');
});

test('weights totalling zero say so; no lenses for unknown files', () => {
  const engine = engineWith({ 'vs.yaml': virtualService('r', undefined, ['r'], [], istioHttpRoute([{ host: 'a', weight: 0 }, { host: 'b' }])) });
  const lenses = codeLenses(engine, uriOf('vs.yaml')).filter((l) => l.command?.command !== traceRequestCommand);
  assert.deepEqual(lenses.map((l) => l.command?.title), ['no traffic: weights sum to 0']);
  assert.deepEqual(codeLenses(engine, uriOf('none.yaml')), []);
});

test('each Gateway API listener counts the routes it accepts and opens their parentRefs', () => {
  const engine = gatewayApiWorkspace();
  const lenses = codeLenses(engine, uriOf('gw.yaml'));
  assert.deepEqual(
    lenses.map((l) => `${l.range.start.line + 1}:${l.range.start.character} ${l.command?.title}`),
    ['9:4 2 routes attached', '15:4 1 route attached', '35:4 1 route attached'],
  );
  const [uri, position, locations] = lenses[0].command?.arguments as [string, Position, Location[]];
  assert.equal(lenses[0].command?.command, 'editor.action.showReferences');
  assert.equal(uri, uriOf('gw.yaml'));
  assert.deepEqual(position, { line: 8, character: 10 });
  assert.deepEqual(locations.map((l) => `${l.uri} ${l.range.start.line + 1}`), [`${uriOf('routes.yaml')} 8`, `${uriOf('routes.yaml')} 55`]);
  assert.deepEqual(JSON.parse(JSON.stringify(lenses[0])), lenses[0], 'plain JSON, fit for LSP');
  const waypoint = codeLenses(engine, uriOf('waypoint.yaml'));
  assert.deepEqual(waypoint.map((l) => [l.command?.title, l.command?.command]), [['0 routes attached', '']]);
});

/** The oracle, by definition: the candidates with a parentRef to the owner whose attachment accepts the listener. */
function routesOnListener(listener: ListenerView, candidates: readonly Resource[], owner: Resource, index: IndexLookups): Resource[] {
  return candidates.filter((route) =>
    routeView(route).parentRefs.some((ref) => {
      const key = parentKey(ref, route.namespace);
      if (key.group !== owner.group || key.kind !== owner.kind || key.namespace !== owner.namespace || key.name !== owner.name) return false;
      const attachment = attachmentOf(route, ref, index);
      return attachment.status === 'accepted' && attachment.listeners.includes(listener);
    }),
  );
}

test('the listener lens agrees with routesOnListener, and follows an edit that detaches a route', () => {
  const engine = gatewayApiWorkspace();
  const gateway = engine.workspace.file(uriOf('gw.yaml'))!.resources[0];
  const candidates = engine.workspace.index.routesWithParent('Gateway', 'infra', 'public');
  for (const [listener, refs] of acceptedByListener(engine, gateway)) {
    assert.deepEqual([...new Set(refs.map((r) => r.resource))], routesOnListener(listener, candidates, gateway, engine.workspace.index), listener.name?.value);
  }
  const routes = engine.workspace.file(uriOf('routes.yaml'))!.parsed.text;
  engine.setFile(uriOf('routes.yaml'), routes.replace('    sectionName: http\n  - name: extra', '    sectionName: https\n  - name: extra'));
  assert.deepEqual(codeLenses(engine, uriOf('gw.yaml')).map((l) => l.command?.title), ['1 route attached', '2 routes attached', '1 route attached']);
});

test('a Gateway API rule with several weighted backends shows its split; one backend or no weight shows none', () => {
  const engine = gatewayApiWorkspace({ 'zero.yaml': httpRoute('z', 'shop', [{ name: 'public', namespace: 'infra' }], [], [[{ name: 'a', weight: 0 }, { name: 'b', weight: 0 }], [{ name: 'a' }, { name: 'b' }]]) });
  const lenses = codeLenses(engine, uriOf('routes.yaml')).filter((l) => l.command?.title.startsWith('split'));
  assert.deepEqual(lenses.map((l) => `${l.range.start.line + 1}:${l.range.start.character} ${l.command?.title}`), ['17:4 split: web:8080 90%, web-canary:8080 10%']);
  assert.equal(lenses[0].command?.command, '');
  assert.deepEqual(codeLenses(engine, uriOf('zero.yaml')).map((l) => l.command?.title), ['no traffic: weights sum to 0']);
});
