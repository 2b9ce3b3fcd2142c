import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/engine/engine';
import { testCatalog } from '../helpers/catalog';
import { check, docs, engineWith, findingsIn, uriOf } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

const codesIn = (engine: ReturnType<typeof engineWith>, name: string) => findingsIn(engine, name).map((f) => f.code);

test('an edit re-checks only the files that read what changed', () => {
  const engine = engineWith({
    'gw.yaml': gateway('gw', 'istio-system', ['*.example.com']),
    'vs.yaml': virtualService('vs', undefined, ['a.example.com'], ['istio-system/gw']),
    'reviews.yaml': virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v1' }])),
    'dr.yaml': destinationRule('reviews', undefined, 'reviews', ['v1']),
    'other.yaml': virtualService('other', undefined, ['other'], []),
  });
  for (const name of ['gw.yaml', 'vs.yaml', 'reviews.yaml', 'dr.yaml', 'other.yaml']) engine.diagnose(uriOf(name));

  const afterGateway = engine.setFile(uriOf('gw.yaml'), gateway('gw', 'istio-system', ['*.example.org']));
  assert.deepEqual([...afterGateway].sort(), [uriOf('gw.yaml'), uriOf('vs.yaml')]);
  assert.deepEqual(codesIn(engine, 'vs.yaml'), ['IST0132']);

  const afterRule = engine.setFile(uriOf('dr.yaml'), destinationRule('reviews', undefined, 'reviews', ['v2']));
  assert.deepEqual([...afterRule].sort(), [uriOf('dr.yaml'), uriOf('reviews.yaml')]);
  assert.deepEqual(codesIn(engine, 'reviews.yaml'), ['IST0101']);

  // A new Gateway with the looked-up name makes the file that missed it re-check.
  engine.setFile(uriOf('vs.yaml'), virtualService('vs', undefined, ['a.example.org'], ['gw2']));
  assert.deepEqual(codesIn(engine, 'vs.yaml'), ['IST0101']);
  const added = engine.setFile(uriOf('gw2.yaml'), gateway('gw2', 'default', ['*']));
  assert.ok(added.has(uriOf('vs.yaml')));
  assert.deepEqual(codesIn(engine, 'vs.yaml'), []);
  const removed = engine.removeFile(uriOf('gw2.yaml'));
  assert.ok(removed.has(uriOf('vs.yaml')));
  assert.deepEqual(codesIn(engine, 'vs.yaml'), ['IST0101']);
});

test('findings are cached until something they depend on changes', () => {
  const engine = engineWith({ 'vs.yaml': virtualService('vs', undefined, ['a'], ['missing']) });
  const first = engine.diagnose(uriOf('vs.yaml'));
  assert.equal(engine.diagnose(uriOf('vs.yaml')), first, 'same array: not recomputed');
  engine.setFile(uriOf('unrelated.yaml'), destinationRule('x', undefined, 'x', ['v1']));
  assert.equal(engine.diagnose(uriOf('vs.yaml')), first, 'unrelated file did not invalidate');
});

test('galley.istio.io/analyze-suppress silences codes on that resource', () => {
  const vs = (annotation: string) =>
    virtualService('vs', undefined, ['a'], ['missing']).replace('  name: vs\n', `  name: vs\n  annotations:\n    galley.istio.io/analyze-suppress: "${annotation}"\n`);
  assert.deepEqual(check(vs('IST0101')), []);
  assert.deepEqual(check(vs('*')), []);
  assert.deepEqual(check(vs('IST0132')).map((f) => f.code), ['IST0101']);
});

test('severity overrides change or drop codes', () => {
  const engine = createEngine({ catalog: testCatalog(), severityOverrides: { IST0101: 'warning' } });
  engine.setFile('file:///a.yaml', virtualService('vs', undefined, ['a'], ['missing']));
  assert.equal(engine.diagnose('file:///a.yaml')[0].severity, 'warning');
  const all = engine.configure({ severityOverrides: { IST0101: 'off' } });
  assert.ok(all.has('file:///a.yaml'));
  assert.deepEqual(engine.diagnose('file:///a.yaml'), []);
});

test('Helm templates are checked with their actions neutralized: literal references are still looked up', () => {
  const template = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ .Release.Name }}
spec:
  hosts:
  {{- range .Values.hosts }}
  - {{ . }}
  {{- end }}
  gateways: [missing, {{ .Values.gateway }}]
`;
  const found = check(template);
  assert.deepEqual(found.map((f) => f.code), ['IST0101']);
  assert.match(found[0].message, /missing/);
  // A comment mentioning braces is not a template.
  assert.equal(check('# use {{ .Values }} in charts\n' + virtualService('vs', undefined, ['a'], ['missing'])).length, 1);
});

test('envsubst placeholders are not judged', () => {
  const text = docs(
    virtualService('${APP}', undefined, ['${APP}.example.com'], ['${GATEWAY}'], httpRoute([{ host: '${APP}', subset: '${VERSION}', weight: 100 }])),
    `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: x
spec:
  host: x
  trafficPolicy:
    connectionPool:
      tcp:
        maxConnections: \${MAX}
`,
  );
  assert.deepEqual(check(text), []);
});

test('Kustomize patches may be partial and stay out of the index', () => {
  const patch = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  subsets:\n  - name: v9\n';
  const engine = engineWith({
    'app/vs.yaml': virtualService('reviews', undefined, ['reviews'], [], httpRoute([{ host: 'reviews', subset: 'v9' }])),
    'app/overlay/patch.yaml': patch,
  });
  // Before the kustomization names it, the patch is an incomplete resource.
  assert.ok(findingsIn(engine, 'app/overlay/patch.yaml').some((f) => /Missing required field "host"/.test(f.message)));
  const affected = engine.setFile(uriOf('app/kustomization.yaml'), 'resources:\n- vs.yaml\npatchesStrategicMerge:\n- overlay/patch.yaml\n');
  assert.ok(affected.has(uriOf('app/overlay/patch.yaml')));
  assert.deepEqual(findingsIn(engine, 'app/overlay/patch.yaml'), []);
  // Unknown fields are still caught in a patch.
  engine.setFile(uriOf('app/overlay/patch.yaml'), patch + '  trafficPolicyy: {}\n');
  assert.deepEqual(findingsIn(engine, 'app/overlay/patch.yaml').map((f) => f.text), ['trafficPolicyy']);
  // `patches: - path:` works too, and dropping the kustomization brings the checks back.
  engine.setFile(uriOf('app/kustomization.yaml'), 'patches:\n- path: overlay/patch.yaml\n');
  assert.deepEqual(findingsIn(engine, 'app/overlay/patch.yaml').map((f) => f.text), ['trafficPolicyy']);
  engine.removeFile(uriOf('app/kustomization.yaml'));
  assert.ok(findingsIn(engine, 'app/overlay/patch.yaml').some((f) => /Missing required field/.test(f.message)));
});

test('changing the default namespace re-resolves every resource', () => {
  const engine = engineWith({ 'a.yaml': docs(gateway('gw', 'prod', ['*']), virtualService('vs', undefined, ['a'], ['gw'])) });
  assert.deepEqual(codesIn(engine, 'a.yaml'), ['IST0101']);
  engine.configure({ defaultNamespace: 'prod' });
  assert.deepEqual(codesIn(engine, 'a.yaml'), []);
});

test('a file over the size limit gets one informational finding and no analysis', () => {
  const engine = createEngine({ catalog: testCatalog(), maxFileSize: 200 });
  const big = virtualService('vs', undefined, ['a'], ['missing']) + '#'.repeat(300) + '\n';
  engine.setFile('file:///big.yaml', big);
  const findings = engine.diagnose('file:///big.yaml');
  assert.deepEqual(findings.map((f) => [f.code, f.severity]), [['IY0003', 'info']]);
  assert.match(findings[0].message, /istio\.maxFileSize/);
  assert.deepEqual(engine.workspace.file('file:///big.yaml')?.resources, []);
  engine.setMaxFileSize(10_000);
  engine.setFile('file:///big.yaml', big);
  assert.deepEqual(engine.diagnose('file:///big.yaml').map((f) => f.code), ['IST0101']);
});

test('an edit to one document of a file does not re-check readers of the file\'s other documents', () => {
  const engine = engineWith({
    'shared.yaml': docs(gateway('gw', 'default', ['*']), destinationRule('other', undefined, 'other', ['v1'])),
    'vs.yaml': virtualService('vs', undefined, ['a.example.com'], ['gw']),
  });
  engine.diagnose(uriOf('vs.yaml'));
  const affected = engine.setFile(uriOf('shared.yaml'), docs(gateway('gw', 'default', ['*']), destinationRule('other', undefined, 'other', ['v1', 'v2'])));
  assert.deepEqual([...affected], [uriOf('shared.yaml')]);
});

test('a related location follows its resource when only its position changed', () => {
  const engine = engineWith({
    'gw.yaml': gateway('gw', 'default', ['a.example.com']),
    'vs.yaml': virtualService('vs', undefined, ['b.example.com'], ['gw']),
  });
  const [before] = engine.diagnose(uriOf('vs.yaml'));
  const related = before.related?.[0];
  assert.ok(related);
  engine.setFile(uriOf('gw.yaml'), '# a comment\n# that moves the Gateway down\n' + gateway('gw', 'default', ['a.example.com']));
  const [after] = engine.diagnose(uriOf('vs.yaml'));
  assert.equal(after, before, 'the VirtualService was not re-checked');
  const range = engine.currentRelatedRange(related);
  const text = engine.workspace.file(uriOf('gw.yaml'))?.parsed.text ?? '';
  assert.ok(range);
  assert.equal(text.slice(range.start, range.end), 'gw');
  assert.notEqual(range.start, related.range.start);
});
