import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, type CompletionItem } from 'vscode-languageserver-types';
import { doComplete } from '../../server/src/features/completion';
import { fieldDeprecation } from '../../server/src/engine/schema/deprecated-fields';
import { engineWith, uriOf, withCursor } from '../helpers/engine';

function complete(marked: string): CompletionItem[] {
  const { text, offset } = withCursor(marked);
  return doComplete(engineWith({ 'c.yaml': text }), uriOf('c.yaml'), offset).items;
}

const deprecated = (items: CompletionItem[]) => items.filter((i) => i.tags?.includes(CompletionItemTag.Deprecated)).map((i) => i.label).sort();
/** Labels in the order the editor shows them with nothing typed. */
const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => String(a.sortText ?? a.label).localeCompare(String(b.sortText ?? b.label))).map((i) => i.label);

const vsHead = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts:\n  - r\n';
const drHead = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: r\n';

test('mirror_percent and mirrorPercent are tagged deprecated, name their replacement, and sort after every other field and snippet', () => {
  const items = complete(`${vsHead}  http:\n  - |\n`);
  assert.deepEqual(deprecated(items), ['mirrorPercent', 'mirror_percent']);
  assert.equal(items.find((i) => i.label === 'mirrorPercent')?.detail, 'integer (deprecated: use mirrorPercentage)');
  assert.equal(items.find((i) => i.label === 'mirrorPercentage')?.tags, undefined);
  assert.deepEqual(sorted(items).slice(-2).sort(), ['mirrorPercent', 'mirror_percent']);
});

test('fault delay percent is deprecated, percentage is not', () => {
  const items = complete(`${vsHead}  http:\n  - fault:\n      delay:\n        |\n`);
  assert.deepEqual(deprecated(items), ['percent']);
  assert.equal(sorted(items).at(-1), 'percent');
});

test('fields whose schema description says Deprecated are tagged: warmupDurationSecs, consistentHash.minimumRingSize', () => {
  const loadBalancer = complete(`${drHead}  trafficPolicy:\n    loadBalancer:\n      |\n`);
  assert.deepEqual(deprecated(loadBalancer), ['warmupDurationSecs']);
  assert.match(String(loadBalancer.find((i) => i.label === 'warmupDurationSecs')?.detail), /^string .* \(deprecated: use warmup\.duration\)$/);
  assert.equal(sorted(loadBalancer).at(-1), 'warmupDurationSecs');
  const hash = complete(`${drHead}  subsets:\n  - name: v1\n    trafficPolicy:\n      loadBalancer:\n        consistentHash:\n          |\n`);
  assert.deepEqual(deprecated(hash), ['minimumRingSize']);
  assert.equal(hash.find((i) => i.label === 'minimumRingSize')?.detail, 'integer (deprecated: use ringHash.minimumRingSize)');
});

test('a Sidecar egressProxy is deprecated; ordinary fields are not', () => {
  const sidecar = complete('apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: s\nspec:\n  outboundTrafficPolicy:\n    |\n');
  assert.deepEqual(deprecated(sidecar), ['egressProxy']);
  const plain = complete(`${vsHead}  |\n`);
  assert.ok(plain.some((i) => i.label === 'http'));
  assert.deepEqual(deprecated(plain), []);
});

test('fieldDeprecation reads the list by kind and path, and descriptions that start with Deprecated', () => {
  assert.deepEqual(fieldDeprecation('networking.istio.io', 'VirtualService', ['spec', 'http', '[]'], 'mirrorPercent', {}), { instead: 'mirrorPercentage' });
  assert.equal(fieldDeprecation('networking.istio.io', 'VirtualService', ['spec', 'tcp', '[]'], 'mirrorPercent', {}), undefined);
  assert.equal(fieldDeprecation('example.com', 'VirtualService', ['spec', 'http', '[]'], 'mirrorPercent', {}), undefined);
  assert.deepEqual(fieldDeprecation('g', 'K', [], 'f', { description: 'Deprecated: use `other` instead.' }), { instead: 'other' });
  assert.deepEqual(fieldDeprecation('g', 'K', [], 'f', { description: 'Deprecated.' }), {});
  assert.deepEqual(fieldDeprecation('networking.istio.io', 'DestinationRule', ['spec', 'subsets', '[]', 'trafficPolicy', 'portLevelSettings', '[]', 'loadBalancer'], 'warmupDurationSecs', {}), { instead: 'warmup.duration' });
  assert.equal(fieldDeprecation('networking.istio.io', 'DestinationRule', ['spec', 'notloadBalancer'], 'warmupDurationSecs', {}), undefined);
  assert.equal(fieldDeprecation('g', 'K', [], 'f', { description: 'Replaces the deprecated field x.' }), undefined);
});
