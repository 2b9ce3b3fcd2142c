import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/catalog';
import { check } from '../helpers/engine';
import { expandSnippetDefaults, loadSnippets } from '../helpers/snippets';

const snippets = loadSnippets(repoRoot);
const byPrefix = (prefix: string) => {
  const found = snippets.find((s) => s.prefix.includes(prefix));
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
