import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { percentages } from '../../server/src/engine/fixes/normalize-weights';
import { codeActions } from '../../server/src/features/code-actions';
import { allFindings, applyWorkspaceEdit, findingKey } from '../helpers/apply-edits';
import { docs, engineWith, findingsIn, uriOf, withCursor, type SeenFinding } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

/** The one finding of `code` (whose text is `text`) in a file. */
function theFinding(engine: Engine, name: string, code: string, text?: string): SeenFinding {
  const found = findingsIn(engine, name).filter((f) => f.code === code && (text === undefined || f.text === text));
  assert.equal(found.length, 1, `expected one ${code} ${text ?? ''} in ${name}, got ${JSON.stringify(findingsIn(engine, name).map(findingKey))}`);
  return found[0];
}

function actionsFor(engine: Engine, name: string, finding: SeenFinding): CodeAction[] {
  return codeActions(engine, uriOf(name), finding.finding.range);
}

/**
 * Applies a fix and checks what a fix must do: the finding is gone and nothing new appeared,
 * in any file. Returns the new texts by file name.
 */
function applyAndCheck(engine: Engine, names: string[], fixed: SeenFinding, action: CodeAction): Record<string, string> {
  const before = allFindings(engine, names);
  const fixedKey = before.find((k) => k.endsWith(findingKey(fixed)));
  assert.ok(fixedKey);
  assert.ok(action.edit);
  const texts = applyWorkspaceEdit(engine, action.edit);
  const after = allFindings(engine, names);
  const expected = [...before];
  expected.splice(expected.indexOf(fixedKey), 1);
  assert.deepEqual(after, expected, 'the finding is gone and nothing new appeared');
  return Object.fromEntries(Object.entries(texts).map(([uri, text]) => [uri.replace('file:///', ''), text]));
}

// --- IST0101 subset ---------------------------------------------------------------------------

test('missing subset: added to the DestinationRule in another file, laid out like its subsets', () => {
  const names = ['vs.yaml', 'dr.yaml'];
  const engine = engineWith({
    'vs.yaml': virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews', subset: 'v3', weight: 50 }])),
    'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1', 'v2']) + '# trailing comment\n',
  });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101', 'v3');
  const actions = actionsFor(engine, 'vs.yaml', finding);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Add subset "v3" to DestinationRule default/reviews');
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].isPreferred, true);
  assert.equal(actions[0].diagnostics?.[0].code, 'IST0101');
  const texts = applyAndCheck(engine, names, finding, actions[0]);
  assert.ok(texts['dr.yaml'].endsWith('  - name: v2\n    labels:\n      version: v2\n  - name: v3\n    labels:\n      version: v3\n# trailing comment\n'), texts['dr.yaml']);
});

test('missing subset: indented lists, flow labels, comments and other keys are kept', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
    name: reviews
spec:
    host: reviews   # the service
    subsets:
      - name: "v1"
        labels: {version: "v1"}   # first
      - name: "v2"
        labels: {version: "v2"}
    trafficPolicy:
        loadBalancer:
            simple: ROUND_ROBIN
`;
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'canary' }]));
  const engine = engineWith({ 'all.yaml': docs(vs, dr) });
  const finding = theFinding(engine, 'all.yaml', 'IST0101', 'canary');
  const [action] = actionsFor(engine, 'all.yaml', finding);
  const texts = applyAndCheck(engine, ['all.yaml'], finding, action);
  assert.ok(
    texts['all.yaml'].includes(`      - name: "v2"
        labels: {version: "v2"}
      - name: "canary"
        labels: {version: "canary"}
    trafficPolicy:
`),
    texts['all.yaml'],
  );
  assert.ok(texts['all.yaml'].includes('host: reviews   # the service\n') && texts['all.yaml'].includes('# first\n'));
});

test('missing subset: a CRLF file gets CRLF lines', () => {
  const crlf = (t: string) => t.replace(/\n/g, '\r\n');
  const engine = engineWith({
    'vs.yaml': crlf(virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v2' }]))),
    'dr.yaml': crlf(destinationRule('reviews', undefined, 'reviews', ['v1'])),
  });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101', 'v2');
  const texts = applyAndCheck(engine, ['vs.yaml', 'dr.yaml'], finding, actionsFor(engine, 'vs.yaml', finding)[0]);
  assert.ok(texts['dr.yaml'].endsWith('      version: v1\r\n  - name: v2\r\n    labels:\r\n      version: v2\r\n'), JSON.stringify(texts['dr.yaml']));
});

test('missing subset: the label key existing subsets use for their own name is reused', () => {
  const dr = destinationRule('reviews', undefined, 'reviews', ['v1']).replace('version: v1', 'track: v1');
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'stable' }]));
  const engine = engineWith({ 'all.yaml': docs(vs, dr) });
  const finding = theFinding(engine, 'all.yaml', 'IST0101', 'stable');
  const texts = applyAndCheck(engine, ['all.yaml'], finding, actionsFor(engine, 'all.yaml', finding)[0]);
  assert.ok(texts['all.yaml'].endsWith('  - name: stable\n    labels:\n      track: stable\n'), texts['all.yaml']);
});

test('missing subset: a DestinationRule without subsets gets a subsets list in the file style', () => {
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
   name: reviews
spec:
   host: reviews
   trafficPolicy:
      tls:
         mode: ISTIO_MUTUAL
`;
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }]));
  const engine = engineWith({ 'vs.yaml': vs, 'dr.yaml': dr });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101', 'v1');
  const texts = applyAndCheck(engine, ['vs.yaml', 'dr.yaml'], finding, actionsFor(engine, 'vs.yaml', finding)[0]);
  assert.ok(texts['dr.yaml'].endsWith('         mode: ISTIO_MUTUAL\n   subsets:\n   - name: v1\n     labels:\n        version: v1\n'), texts['dr.yaml']);
});

test('missing subset: a flow list of subsets gets a flow item', () => {
  const dr = destinationRule('reviews', undefined, 'reviews', []).replace(/  subsets:\n\n?/, '  subsets: [{name: v1, labels: {version: v1}}]\n');
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v2' }]));
  const engine = engineWith({ 'all.yaml': docs(vs, dr) });
  const finding = theFinding(engine, 'all.yaml', 'IST0101', 'v2');
  const texts = applyAndCheck(engine, ['all.yaml'], finding, actionsFor(engine, 'all.yaml', finding)[0]);
  assert.ok(texts['all.yaml'].includes('subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]'), texts['all.yaml']);
});

test('missing subset and no DestinationRule: one is appended to the VirtualService file with every undefined subset of the host', () => {
  const vs = virtualService('reviews', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 90 }, { host: 'reviews', subset: 'v2', weight: 10 }]));
  const engine = engineWith({ 'vs.yaml': vs });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101', 'v2');
  const actions = actionsFor(engine, 'vs.yaml', finding);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Create DestinationRule reviews for host reviews with subsets v1, v2');
  assert.equal(actions[0].isPreferred, true);
  // Both findings go away with the one edit; check the first one the generic way, then the other.
  const before = allFindings(engine, ['vs.yaml']);
  const texts = applyWorkspaceEdit(engine, actions[0].edit!);
  assert.deepEqual(allFindings(engine, ['vs.yaml']), before.filter((k) => !k.includes('IST0101')));
  assert.ok(
    texts[uriOf('vs.yaml')].endsWith(`      weight: 10
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
`),
    texts[uriOf('vs.yaml')],
  );
});

test('missing subset and no DestinationRule: the name avoids an existing DestinationRule; a file without final newline stays so', () => {
  const vs = virtualService('r', undefined, ['reviews.example.com'], [], httpRoute([{ host: 'reviews.example.com', subset: 'v1' }])).trimEnd();
  const other = destinationRule('reviews', undefined, 'ratings', ['v1']);
  const engine = engineWith({ 'vs.yaml': vs, 'other.yaml': other });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101', 'v1');
  const [action] = actionsFor(engine, 'vs.yaml', finding);
  const texts = applyAndCheck(engine, ['vs.yaml', 'other.yaml'], finding, action);
  assert.match(texts['vs.yaml'], /\n---\napiVersion: networking\.istio\.io\/v1\nkind: DestinationRule\nmetadata:\n  name: reviews-2\nspec:\n  host: reviews\.example\.com\n/);
  assert.ok(!texts['vs.yaml'].endsWith('\n'));
});

test('missing subset with two visible DestinationRules: one fix per rule, none preferred', () => {
  const vs = virtualService('reviews', 'bookinfo', ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v9' }]));
  const local = destinationRule('reviews', 'bookinfo', 'reviews', ['v1']);
  const shared = destinationRule('reviews-shared', 'mesh-config', 'reviews.bookinfo.svc.cluster.local', ['v2']);
  const engine = engineWith({ 'all.yaml': docs(vs, local, shared) });
  const finding = theFinding(engine, 'all.yaml', 'IST0101', 'v9');
  const actions = actionsFor(engine, 'all.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title), ['Add subset "v9" to DestinationRule bookinfo/reviews', 'Add subset "v9" to DestinationRule mesh-config/reviews-shared']);
  assert.ok(actions.every((a) => !a.isPreferred));
  applyAndCheck(engine, ['all.yaml'], finding, actions[1]);
});

// --- IST0101 gateway --------------------------------------------------------------------------

test('gateway in another namespace: the reference is qualified, quotes kept', () => {
  const gw = gateway('bookinfo-gateway', 'istio-system', ['*']);
  const vs = virtualService('bookinfo', undefined, ['bookinfo.example.com'], ['"bookinfo-gateway"']);
  const engine = engineWith({ 'gw.yaml': gw, 'vs.yaml': vs });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101');
  const actions = actionsFor(engine, 'vs.yaml', finding);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Change to "istio-system/bookinfo-gateway" (the Gateway in namespace istio-system)');
  assert.equal(actions[0].isPreferred, true);
  const texts = applyAndCheck(engine, ['gw.yaml', 'vs.yaml'], finding, actions[0]);
  assert.match(texts['vs.yaml'], /  gateways:\n  - "istio-system\/bookinfo-gateway"\n/);
});

test('gateway in several namespaces: one fix per namespace, none preferred; http match gateways too', () => {
  const routes = `  http:
  - match:
    - gateways:
      - gw
    route:
    - destination:
        host: web
`;
  const vs = virtualService('web', 'apps', ['web.example.com'], ['istio-system/gw'], routes);
  const engine = engineWith({ 'a.yaml': gateway('gw', 'istio-system', ['*']), 'b.yaml': gateway('gw', 'edge', ['*']), 'vs.yaml': vs });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101');
  assert.equal(finding.line, 14, 'the http match entry');
  const actions = actionsFor(engine, 'vs.yaml', finding);
  assert.deepEqual(actions.map((a) => a.title).sort(), [
    'Change to "edge/gw" (the Gateway in namespace edge)',
    'Change to "istio-system/gw" (the Gateway in namespace istio-system)',
  ]);
  assert.ok(actions.every((a) => !a.isPreferred));
  const texts = applyAndCheck(engine, ['a.yaml', 'b.yaml', 'vs.yaml'], finding, actions.find((a) => a.title.includes('istio-system'))!);
  assert.match(texts['vs.yaml'], /    - gateways:\n      - istio-system\/gw\n/);
});

test('no fix for a Gateway that exists nowhere', () => {
  const engine = engineWith({ 'vs.yaml': virtualService('web', undefined, ['web.example.com'], ['nowhere']) });
  assert.deepEqual(actionsFor(engine, 'vs.yaml', theFinding(engine, 'vs.yaml', 'IST0101')), []);
});

// --- IST0132 ----------------------------------------------------------------------------------

test('host not served: added to the Gateway server hosts in their quote style', () => {
  const engine = engineWith({
    'gw.yaml': gateway('gw', 'istio-system', ['*.example.com']),
    'vs.yaml': virtualService('web', undefined, ['web.example.org', 'api.example.org', 'ok.example.com'], ['istio-system/gw']),
  });
  // ok.example.com is served, so the others are reported as partly unserved (IY0110); the fix is the same.
  const finding = theFinding(engine, 'vs.yaml', 'IY0110');
  const actions = actionsFor(engine, 'vs.yaml', finding);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Add hosts web.example.org, api.example.org to Gateway istio-system/gw');
  const texts = applyAndCheck(engine, ['gw.yaml', 'vs.yaml'], finding, actions[0]);
  assert.ok(texts['gw.yaml'].endsWith('    hosts:\n    - "*.example.com"\n    - "web.example.org"\n    - "api.example.org"\n'), texts['gw.yaml']);
});

test('host not served: the HTTP server is chosen and the ns/ prefix style kept', () => {
  const gw = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  servers:
    - port: {number: 31400, name: tcp, protocol: TCP}
      hosts: ["*"]
    - port:
        number: 443
        name: https
        protocol: HTTPS
      tls:
        mode: SIMPLE
        credentialName: cert
      hosts:
        - 'bookinfo/shop.example.com'   # shop
      # more servers later
`;
  const engine = engineWith({ 'gw.yaml': gw, 'vs.yaml': virtualService('web', 'bookinfo', ['web.example.com'], ['istio-system/gw']) });
  // The TCP server's "*" admits the host: drop it to provoke the finding.
  engine.setFile(uriOf('gw.yaml'), gw.replace('hosts: ["*"]', 'hosts: ["tcp.example.com"]'));
  const finding = theFinding(engine, 'vs.yaml', 'IST0132');
  const [action] = actionsFor(engine, 'vs.yaml', finding);
  const texts = applyAndCheck(engine, ['gw.yaml', 'vs.yaml'], finding, action);
  assert.ok(texts['gw.yaml'].includes(`        - 'bookinfo/shop.example.com'   # shop\n        - 'bookinfo/web.example.com'\n      # more servers later\n`), texts['gw.yaml']);
  assert.ok(texts['gw.yaml'].includes('hosts: ["tcp.example.com"]'));
});

test('host not served: a Gateway written with ./ hosts gets ./ for a VirtualService of its namespace', () => {
  const gw = gateway('gw', 'web', ['./a.example.com']);
  const engine = engineWith({ 'all.yaml': docs(gw, virtualService('web', 'web', ['b.example.com'], ['gw'])) });
  const finding = theFinding(engine, 'all.yaml', 'IST0132');
  const texts = applyAndCheck(engine, ['all.yaml'], finding, actionsFor(engine, 'all.yaml', finding)[0]);
  assert.ok(texts['all.yaml'].includes('    - "./a.example.com"\n    - "./b.example.com"\n'), texts['all.yaml']);
});

// --- generic data.fix conventions ---------------------------------------------------------------

/** An engine whose findings for `uri` are replaced by `extra` (what another check will report). */
function withFindings(engine: Engine, uri: string, extra: Finding[]): Engine {
  return { ...engine, workspace: engine.workspace, schemas: engine.schemas, diagnose: (u: string) => (u === uri ? extra : engine.diagnose(u)) };
}

function replaceFinding(marked: string, length: number, replacement: string): { engine: Engine; uri: string; finding: Finding } {
  const { text, offset } = withCursor(marked);
  const engine = engineWith({ 'f.yaml': text });
  const uri = uriOf('f.yaml');
  const finding: Finding = { code: 'IY9999', severity: 'error', message: 'bad value', range: { start: offset, end: offset + length }, data: { fix: 'replace-value', replacement } };
  return { engine: withFindings(engine, uri, [finding]), uri, finding };
}

const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: r
spec:
  host: r
  trafficPolicy:
    loadBalancer:
      simple: `;

test('replace-value keeps double and single quotes, plain stays plain, and an unsafe plain value gets quoted', () => {
  const cases: Array<[string, number, string, string]> = [
    [`${dr}|"ROUND_ROBN"\n`, 12, 'ROUND_ROBIN', `${dr}"ROUND_ROBIN"\n`],
    [`${dr}|'ROUND_ROBN'\n`, 12, 'ROUND_ROBIN', `${dr}'ROUND_ROBIN'\n`],
    [`${dr}|ROUND_ROBN  # comment\n`, 10, 'ROUND_ROBIN', `${dr}ROUND_ROBIN  # comment\n`],
    [`${dr}|ROUND_ROBN\n`, 10, '*', `${dr}"*"\n`],
  ];
  for (const [marked, length, replacement, expected] of cases) {
    const { engine, uri, finding } = replaceFinding(marked, length, replacement);
    const actions = codeActions(engine, uri, { start: finding.range.end, end: finding.range.end });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, `Change to "${replacement}"`);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(applyWorkspaceEdit(engine, actions[0].edit!)[uri], expected);
  }
});

test('replace-value on a real value clears the schema finding', () => {
  const schema = findingsIn(engineWith({ 'f.yaml': `${dr}ROUND_ROBN\n` }), 'f.yaml');
  assert.equal(schema.length, 1, 'the schema check reports the bad enum value');
  const { engine, uri } = replaceFinding(`${dr}|ROUND_ROBN\n`, 10, 'ROUND_ROBIN');
  const text = applyWorkspaceEdit(engine, codeActions(engine, uri, schema[0].finding.range)[0].edit!)[uri];
  assert.deepEqual(findingsIn(engineWith({ 'f.yaml': text }), 'f.yaml'), []);
});

test('normalize-weights (IY0103): rescales to 100 with largest-remainder rounding and adds missing weights', () => {
  const vs = virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1', weight: 50 }, { host: 'reviews', subset: 'v2', weight: 30 }, { host: 'reviews', subset: 'v3' }]));
  const engine = engineWith({ 'w.yaml': docs(vs, destinationRule('reviews', undefined, 'reviews', ['v1', 'v2', 'v3'])) });
  const finding = theFinding(engine, 'w.yaml', 'IY0103', 'route');
  const actions = actionsFor(engine, 'w.yaml', finding);
  assert.equal(actions.length, 1);
  assert.equal(actions[0].title, 'Normalize weights to sum to 100 (63, 37, 0)');
  const text = applyAndCheck(engine, ['w.yaml'], finding, actions[0])['w.yaml'];
  assert.ok(
    text.includes(`    - destination:
        host: reviews
        subset: v1
      weight: 63
    - destination:
        host: reviews
        subset: v2
      weight: 37
    - destination:
        host: reviews
        subset: v3
      weight: 0
`),
    text,
  );
});

test('normalize-weights (IY0101): weights totalling 0 split evenly, in flow and block items; nothing left to do means no fix', () => {
  const routes = `  tcp:
  - route:
    - {destination: {host: a}}
    - {destination: {host: b}, weight: 0}
    - destination: {host: c}   # c
`;
  const engine = engineWith({ 'w.yaml': virtualService('x', undefined, ['x'], [], routes) });
  const finding = theFinding(engine, 'w.yaml', 'IY0101', 'route');
  const text = applyAndCheck(engine, ['w.yaml'], finding, actionsFor(engine, 'w.yaml', finding)[0])['w.yaml'];
  assert.ok(text.includes('    - {destination: {host: a}, weight: 34}\n    - {destination: {host: b}, weight: 33}\n    - destination: {host: c}   # c\n      weight: 33\n'), text);
  // Offered on a route that already totals 100 (another check's finding), the fix has nothing to change.
  const uri = uriOf('w.yaml');
  const start = text.indexOf('route:');
  const stale: Finding = { code: 'IY0103', severity: 'warning', message: 'stale', range: { start, end: start + 5 }, data: { fix: 'normalize-weights' } };
  assert.deepEqual(codeActions(withFindings(engine, uri, [stale]), uri, stale.range), []);
});

test('largest remainder rounding', () => {
  assert.deepEqual(percentages([1, 1, 1]), [34, 33, 33]);
  assert.deepEqual(percentages([2, 1]), [67, 33]);
  assert.deepEqual(percentages([0, 0]), [50, 50]);
  assert.deepEqual(percentages([10, 10, 80]), [10, 10, 80]);
  assert.deepEqual(percentages([333, 333, 334]), [33, 33, 34]);
});

test('code actions only for findings overlapping the range; none for an unknown file', () => {
  const engine = engineWith({ 'vs.yaml': virtualService('web', undefined, ['web.example.com'], ['gw']), 'gw.yaml': gateway('gw', 'edge', ['*']) });
  const finding = theFinding(engine, 'vs.yaml', 'IST0101');
  assert.equal(codeActions(engine, uriOf('vs.yaml'), { start: 0, end: 10 }).length, 0);
  assert.equal(codeActions(engine, uriOf('vs.yaml'), { start: finding.finding.range.start + 1, end: finding.finding.range.start + 1 }).length, 1);
  assert.deepEqual(codeActions(engine, uriOf('nope.yaml'), { start: 0, end: 0 }), []);
});
