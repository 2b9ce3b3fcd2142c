import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, LocationLink } from 'vscode-languageserver-types';
import { doDefinition } from '../../server/src/features/definition';
import { docs, engineWith, uriOf, withCursor } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';
import type { Engine } from '../../server/src/engine/engine';

/** Go to definition from the `|` in `marked` (file `vs.yaml`), with the other files; returns "file:line" of each target (1-based) and the text selected. */
function definitions(marked: string, others: Record<string, string> = {}): string[] {
  const { text, offset } = withCursor(marked);
  const engine = engineWith({ ...others, 'vs.yaml': text });
  return describe(engine, doDefinition(engine, uriOf('vs.yaml'), offset) as Location[]);
}

function describe(engine: Engine, locations: Location[]): string[] {
  return locations.map((l) => {
    const file = engine.workspace.file(l.uri)!;
    const lines = file.parsed.lines;
    const selected = file.parsed.text.slice(lines.offsetAt(l.range.start), lines.offsetAt(l.range.end));
    return `${l.uri.replace('file:///', '')}:${l.range.start.line + 1} ${selected}`;
  });
}

const gateways = {
  'gw.yaml': docs(gateway('public', 'istio-system', ['*']), gateway('public', 'default', ['*'])),
};

test('a gateways entry leads to the Gateway it resolves to: plain name in the VirtualService namespace, ns/name explicit', () => {
  const vs = virtualService('web', undefined, ['web.example.com'], ['public', 'istio-system/public', 'mesh', 'missing']);
  assert.deepEqual(definitions(vs.replace('  - public', '  - pub|lic'), gateways), ['gw.yaml:20 public']);
  assert.deepEqual(definitions(vs.replace('  - istio-system/public', '  - istio-system/pu|blic'), gateways), ['gw.yaml:4 public']);
  assert.deepEqual(definitions(vs.replace('  - mesh', '  - me|sh'), gateways), []);
  assert.deepEqual(definitions(vs.replace('  - missing', '  - missing|'), gateways), []);
});

test('http match gateways lead to the Gateway too; a cursor elsewhere leads nowhere', () => {
  const routes = `  http:
  - match:
    - gateways:
      - "istio-system/public"
    route:
    - destination:
        host: web
`;
  const vs = virtualService('web', 'apps', ['web.example.com'], ['istio-system/public'], routes);
  assert.deepEqual(definitions(vs.replace('      - "istio-system/public"', '      - "istio-system/|public"'), gateways), ['gw.yaml:4 public']);
  assert.deepEqual(definitions(vs.replace('kind: VirtualService', 'kind: Virtual|Service'), gateways), []);
});

const service = (name: string, namespace: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  ports:
  - port: 9080
`;

const serviceEntry = (name: string, namespace: string, host: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  hosts:
  - ${host}
  ports:
  - number: 80
    name: http
    protocol: HTTP
  resolution: DNS
`;

test('a destination host leads to its DestinationRules, ServiceEntries and Service, short or FQDN', () => {
  const others = {
    'svc.yaml': docs(service('reviews', 'bookinfo'), service('reviews', 'other')),
    'dr.yaml': docs(destinationRule('reviews', 'bookinfo', 'reviews', ['v1']), destinationRule('reviews', 'other', 'reviews', ['v1'])),
    'se.yaml': serviceEntry('reviews-alias', 'bookinfo', 'reviews.bookinfo.svc.cluster.local'),
  };
  const vs = virtualService('reviews', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  const expected = ['dr.yaml:4 reviews', 'se.yaml:4 reviews-alias', 'svc.yaml:4 reviews'];
  assert.deepEqual(definitions(vs.replace('        host: reviews', '        host: rev|iews'), others), expected);
  const fqdn = virtualService('reviews', 'elsewhere', ['reviews'], [], httpRoute([{ host: 'reviews.bookinfo.svc.cluster.local' }]));
  assert.deepEqual(definitions(fqdn.replace('        host: reviews.bookinfo', '        host: |reviews.bookinfo'), others), expected);
});

test('a DestinationRule not exported to the VirtualService namespace is not a definition', () => {
  const hidden = destinationRule('reviews', 'shared', 'reviews', ['v1'], '  exportTo:\n  - "."\n');
  const vs = virtualService('reviews', 'bookinfo', ['x'], [], httpRoute([{ host: 'reviews.shared.svc.cluster.local', subset: 'v1' }]));
  assert.deepEqual(definitions(vs.replace('host: reviews.shared', 'host: |reviews.shared'), { 'dr.yaml': hidden }), []);
  assert.deepEqual(definitions(vs.replace('subset: v1', 'subset: v|1'), { 'dr.yaml': hidden }), []);
});

test('a subset leads to the subset name in the DestinationRule', () => {
  const others = { 'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']) };
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v2' }, { host: 'reviews', subset: 'v3' }]));
  assert.deepEqual(definitions(vs.replace('subset: v2', 'subset: |v2'), others), ['dr.yaml:11 v2']);
  assert.deepEqual(definitions(vs.replace('subset: v3', 'subset: v3|'), others), []);
});

test('with link support: the origin is underlined and the target is the whole resource or subset item', () => {
  const { text, offset } = withCursor(
    virtualService('reviews', undefined, ['reviews'], ['istio-system/public'], httpRoute([{ host: 'reviews', subset: 'v2' }])).replace('subset: v2', 'subset: v|2'),
  );
  const engine = engineWith({ ...gateways, 'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']), 'vs.yaml': text });
  const [link] = doDefinition(engine, uriOf('vs.yaml'), offset, true) as LocationLink[];
  assert.equal(link.targetUri, uriOf('dr.yaml'));
  assert.deepEqual(link.originSelectionRange, { start: { line: 13, character: 16 }, end: { line: 13, character: 18 } });
  assert.deepEqual(link.targetSelectionRange, { start: { line: 10, character: 10 }, end: { line: 10, character: 12 } });
  assert.deepEqual(link.targetRange.start, { line: 10, character: 4 });
  const gatewayOffset = text.indexOf('istio-system/public');
  const [toGateway] = doDefinition(engine, uriOf('vs.yaml'), gatewayOffset, true) as LocationLink[];
  assert.deepEqual(toGateway.targetRange.start, { line: 0, character: 0 });
  assert.equal(toGateway.targetSelectionRange.start.line, 3);
  assert.ok(toGateway.targetRange.end.line >= 14);
});
