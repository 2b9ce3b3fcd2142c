import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSnippets, snippets as catalog } from '../../server/src/features/snippet-catalog';
import { check } from '../helpers/engine';
import { expandSnippetDefaults } from '../helpers/snippets';

// The whole-resource snippets; the smaller ones are checked where they are placed (snippets-placement.test.ts).
const snippets = catalog.filter((s) => s.places.some((p) => p.resource));
const byPrefix = (prefix: string) => {
  const found = snippets.find((s) => s.prefixes.includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return expandSnippetDefaults(found.body);
};

test('the snippets users look for exist', () => {
  for (const prefix of ['istio-gateway', 'istio-vs', 'istio-virtualservice', 'istio-dr', 'istio-destinationrule', 'istio-se', 'istio-serviceentry', 'istio-canary', 'istio-header-routing', 'istio-egress',
    'gateway-api-gateway', 'gateway-api-httproute', 'gateway-api-httproute-header', 'gateway-api-httproute-canary', 'gateway-api-grpcroute',
    'gateway-api-referencegrant', 'istio-waypoint', 'istio-use-waypoint']) {
    byPrefix(prefix);
  }
});

for (const snippet of snippets) {
  test(`snippet ${snippet.name} at its defaults passes schema validation`, () => {
    // Only a document of a group we have schemas for is validated: make sure the Gateway API ones are.
    if (/gateway\.networking\.k8s\.io/.test(snippet.body)) assert.ok(check(expandSnippetDefaults(snippet.body).replace(/^spec:/m, 'spec:\n  bogusField: 1')).some((f) => f.code === 'IST0106'), 'not schema-checked');
    const findings = check(expandSnippetDefaults(snippet.body)).filter((f) => f.code === 'IST0106' || f.code === 'IY0001' || f.code === 'IY0002');
    assert.deepEqual(findings.map((f) => `${f.code}@${f.line}: ${f.message}`), []);
  });
}

test('Gateway + VirtualService + DestinationRule snippets inserted together produce no diagnostics', () => {
  const text = [byPrefix('istio-gateway'), byPrefix('istio-vs'), byPrefix('istio-dr')].map((t) => t.trimEnd() + '\n').join('---\n');
  assert.deepEqual(check(text).map((f) => `${f.code}@${f.line}: ${f.message}`), []);
});

test('canary and header-routing snippets are self-consistent', () => {
  for (const prefix of ['istio-canary', 'istio-header-routing']) {
    assert.deepEqual(check(byPrefix(prefix)).map((f) => `${prefix} ${f.code}@${f.line}: ${f.message}`), []);
  }
});

test('every snippet says where it fits, and the small ones fit a kind the schemas know', () => {
  const small = catalog.filter((s) => !s.places.some((p) => p.resource));
  assert.ok(snippets.length >= 15 && small.length >= 6, `${snippets.length} resource snippets, ${small.length} smaller ones`);
  for (const snippet of small) {
    for (const place of snippet.places) {
      assert.ok(!place.resource && /^[a-z.]+\.(io|k8s\.io)$/.test(place.group) && place.path[0] === 'spec', `${snippet.name}: ${JSON.stringify(place)}`);
    }
  }
});

test('a snippet file entry without a valid where is refused', () => {
  const entry = { prefix: 'p', description: 'd', body: ['a: 1'] };
  assert.throws(() => parseSnippets({ s: entry }), /where/);
  assert.throws(() => parseSnippets({ s: { ...entry, where: 'VirtualService spec.http[]' } }), /where/);
  assert.throws(() => parseSnippets({ s: { ...entry, where: 'resource', body: [] } }), /body/);
  assert.throws(() => parseSnippets({ s: { ...entry, where: 'networking.istio.io/VirtualService spec.http[]' } }), /starts with "- "/);
  assert.throws(() => parseSnippets({ s: { ...entry, where: 'networking.istio.io/VirtualService spec.http[].retries', body: ['- a: 1'] } }), /starts with a key/);
  const [parsed] = parseSnippets({ s: { ...entry, body: ['- a: 1'], where: ['networking.istio.io/VirtualService spec.http[].route[]'] } });
  assert.deepEqual(parsed.places, [{ resource: false, group: 'networking.istio.io', kind: 'VirtualService', path: ['spec', 'http', '[]', 'route', '[]'] }]);
});
