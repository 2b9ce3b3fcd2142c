import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments, type Document } from 'yaml';
import { dataHazard } from '../../server/src/engine/parse/data-hazards';
import { documentData, needsToJS } from '../../server/src/engine/schema/document-data';
import { anyInput } from '../fuzz/arbitraries';
import { seedManifests } from '../fuzz/seeds';

const parseOptions = { prettyErrors: false, uniqueKeys: true, strict: false, merge: true, logLevel: 'error' as const };

/** What validation read before: the yaml package's toJS, then `key:` with no value dropped from maps. */
function viaToJS(doc: Document.Parsed): unknown {
  const strip = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map(strip);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) Object.defineProperty(out, k, { value: strip(v), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return strip(doc.toJS({ maxAliasCount: 1000 }));
}

/** Compares documentData with toJS on every readable document of a text; returns how many were read directly. */
function compare(text: string): number {
  let direct = 0;
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, parseOptions) as Document.Parsed[];
  } catch (error) {
    // The yaml package's own recursion overflows on deep flow nesting: the engine reports that as a finding
    // (hostile-yaml), and there is no document here to compare.
    if (error instanceof RangeError) return 0;
    throw error;
  }
  for (const doc of docs) {
    if (!doc.contents || dataHazard(doc.contents)) continue;
    const data = documentData(doc.contents);
    if (data === needsToJS) continue;
    assert.deepEqual(data, viaToJS(doc), text.slice(doc.range[0], doc.range[0] + 200));
    direct++;
  }
  return direct;
}

test('documents read straight from their nodes equal toJS without null fields (seeds and samples)', () => {
  const direct = seedManifests().reduce((n, { text }) => n + compare(text), 0);
  assert.ok(direct > 50, `only ${direct} documents read directly`);
});

test('property: the same on mutated, random and structured YAML', () => {
  let direct = 0;
  fc.assert(
    fc.property(anyInput, ({ text }) => {
      direct += compare(text);
    }),
    { seed: 20261121, numRuns: 500 },
  );
  assert.ok(direct > 100, `only ${direct} documents read directly`);
});

test('aliases and merge keys are left to toJS; odd keys read as toJS reads them', () => {
  const [withAlias] = parseAllDocuments('a: &x 1\nb: *x\n', parseOptions) as Document.Parsed[];
  assert.equal(documentData(withAlias.contents), needsToJS);
  const [withMerge] = parseAllDocuments('base: {a: 1}\nm:\n  <<: {b: 2}\n', parseOptions) as Document.Parsed[];
  assert.equal(documentData(withMerge.contents), needsToJS);
  const [odd] = parseAllDocuments('80: http\ntrue: yes\nnull: n\n__proto__: {polluted: true}\nempty:\nlist: [1, null, x]\n', parseOptions) as Document.Parsed[];
  const data = documentData(odd.contents) as Record<string, unknown>;
  assert.deepEqual(data, viaToJS(odd));
  assert.equal(Object.getPrototypeOf(data), Object.prototype, 'a __proto__ key is a field, not the prototype');
  assert.deepEqual(Object.keys(data), ['80', 'true', '', '__proto__', 'list']);
});
