import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { isNode, parseAllDocuments, visit, type Document } from 'yaml';
import { chunkSpans } from '../../server/src/engine/parse/document-chunks';
import { parseFile, type ParsedFile } from '../../server/src/engine/parse/parsed-file';
import { createEngine } from '../../server/src/engine/engine';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { testCatalog } from '../helpers/catalog';
import { docs, uriOf } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';
import { seedManifests } from '../fuzz/seeds';
import { AnalysisCache } from '../../server/src/engine/analysis-cache';
import type { Finding } from '../../server/src/engine/finding';
import { extractResources, type Resource } from '../../server/src/engine/model/resource';

/** Everything about a parsed document that positions or parsing decide: its range, every node's range, its problems, its data. */
function describeDocument(doc: Document.Parsed, problems: unknown = doc.errors.map((e) => [e.code, e.pos])): string {
  const ranges: string[] = [];
  visit(doc, (_key, node) => {
    if (isNode(node) && node.range) ranges.push(node.range.join(','));
  });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    data = `toJS: ${String(error)}`;
  }
  return JSON.stringify([doc.range, ranges, problems, data]);
}

function describeFile(file: ParsedFile): string[] {
  return file.documents.map((d) => `${d.index} ${JSON.stringify(d.range)} ` + describeDocument(d.yaml, d.problems));
}

const parseOptions = { prettyErrors: false, uniqueKeys: true, strict: false, merge: true, logLevel: 'error' as const };

test('documents parsed one by one are those of the whole file parsed at once (seeds and samples)', () => {
  let compared = 0;
  for (const { name, text } of seedManifests()) {
    const whole = parseAllDocuments(text, parseOptions);
    const expected = (Array.isArray(whole) ? whole : []).map((d) => describeDocument(d));
    const actual = parseFile(uriOf(name), text).documents.map((d) => describeDocument(d.yaml));
    assert.deepEqual(actual, expected, name);
    compared += expected.length;
  }
  assert.ok(compared > 50, `only ${compared} documents compared`);
});

test('document spans: split at `---` lines the way kubectl splits a stream', () => {
  const spans = (text: string) => chunkSpans(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans('a: 1\n---\nb: 2\n--- # c\nc: 3\n'), ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n']);
  // A comment-only preamble belongs to the first document; `----` and `---x` are not markers.
  assert.deepEqual(spans('# header\n\n---\na: 1\n----\n---x\n'), ['# header\n\n---\na: 1\n----\n---x\n']);
  assert.deepEqual(spans('---\r\na: 1\r\n---\r\nb: 2\r\n'), ['---\r\na: 1\r\n', '---\r\nb: 2\r\n']);
  assert.deepEqual(spans(''), ['']);
  assert.deepEqual(spans('---'), ['---']);
});

/** A file of `count` VirtualService/DestinationRule pairs. */
function manyDocuments(count: number): string {
  const list: string[] = [];
  for (let i = 0; i < count; i++) {
    list.push(virtualService(`app-${i}`, 'prod', [`app-${i}`], ['mesh'], httpRoute([{ host: `app-${i}`, subset: i % 7 ? 'v1' : 'v9' }])));
    list.push(destinationRule(`app-${i}`, 'prod', `app-${i}`, ['v1', 'v2']));
  }
  return docs(...list);
}

test('an edit re-parses only the documents it touches; the others are taken over, moved', () => {
  const before = parseFile('file:///f.yaml', manyDocuments(50));
  const at = before.documents[40].range.start + 30;
  const text = before.text.slice(0, at) + 'x' + before.text.slice(at);
  const oldYaml = before.documents.map((d) => d.yaml);
  const after = parseFile('file:///f.yaml', text, before);
  const reused = after.documents.filter((d, i) => d.yaml === oldYaml[i]).length;
  assert.equal(after.documents.length, 100);
  assert.equal(reused, 99, 'every document but the edited one is reused');
  assert.notEqual(after.documents[40].yaml, oldYaml[40]);
  // Documents after the edit moved by one character, and say so.
  assert.deepEqual(describeFile(after), describeFile(parseFile('file:///f.yaml', text)));
});

test('property: parsing with the previous version gives what parsing afresh gives, after any edits', () => {
  const start = manyDocuments(6);
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat(5),
    insert: fc.constantFrom('', 'x', '\n', '  ', ': ', '- a\n', '---\n', '--- x\n', '"', "'", '[', '{', '#', '&a ', '*a', '<<: *a\n', '\t'),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
      let text = start;
      let previous = parseFile('file:///p.yaml', text);
      for (const { at, remove, insert } of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + remove);
        const incremental = parseFile('file:///p.yaml', text, previous);
        assert.deepEqual(describeFile(incremental), describeFile(parseFile('file:///p.yaml', text)));
        previous = incremental;
      }
    }),
    { seed: 20261121, numRuns: 300 },
  );
});

test('engine: after an edit that moves every later document, its diagnostics are those of a fresh engine', () => {
  const uri = 'file:///many.yaml';
  const text = manyDocuments(30);
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile(uri, text);
  const before = engine.diagnose(uri);
  assert.ok(before.filter((f) => f.code === 'IST0101').length >= 4, 'the v9 subsets are reported');

  // Insert a line into the first VirtualService: everything after it moves down a line.
  const at = text.indexOf('spec:');
  const edited = text.slice(0, at) + '  labels:\n    team: a\n' + text.slice(at);
  engine.setFile(uri, edited);
  const after = engine.diagnose(uri);
  const fresh = createEngine({ catalog: testCatalog() });
  fresh.setFile(uri, edited);
  assert.equal(after.length, before.length);
  assert.deepEqual(diagnosticsFor(engine, uri), diagnosticsFor(fresh, uri));
});

test('analysis cache: a moved document keeps its findings (moved too); a changed one, or one whose reads changed, is analysed again', () => {
  const uri = 'file:///c.yaml';
  const cache = new AnalysisCache();
  let calls = 0;
  // Stands for an analyzer: one finding on the resource's name, and a lookup of the key `host:<name>`.
  const analyze = (resource: Resource) => (reads: Set<string>): Finding[] => {
    calls++;
    reads.add(`host:${resource.name}`);
    return [{ code: 'T', severity: 'info', message: resource.name, range: resource.anchor, related: [{ uri, range: resource.anchor, message: 'here' }] }];
  };
  const run = (file: ParsedFile) => extractResources(file, 'default').flatMap((r) => cache.findings(r, analyze(r)));

  const v1 = parseFile(uri, manyDocuments(5));
  const first = run(v1);
  assert.equal(calls, 10);
  assert.equal(first.length, 10);
  run(v1);
  assert.equal(calls, 10, 'nothing analysed again without a change');

  // Three characters inserted in the first document: it alone is analysed again; the nine others move by three.
  const at = v1.documents[0].range.start + v1.text.slice(v1.documents[0].range.start).indexOf('spec:');
  const v2 = parseFile(uri, v1.text.slice(0, at) + '#x\n' + v1.text.slice(at), v1);
  const second = run(v2);
  assert.equal(calls, 11);
  for (let i = 1; i < 10; i++) {
    assert.deepEqual(second[i].range, { start: first[i].range.start + 3, end: first[i].range.end + 3 });
    assert.deepEqual(second[i].related?.[0].range, second[i].range);
    assert.equal(v2.text.slice(second[i].range.start, second[i].range.end), first[i].message);
  }

  // A change to what one analysis read drops it, and names its file.
  assert.deepEqual([...cache.invalidate(['host:app-3'])], [uri]);
  run(v2);
  assert.equal(calls, 13, 'the VirtualService and the DestinationRule app-3 read host:app-3');
  cache.forgetFile(uri);
  run(v2);
  assert.equal(calls, 23);
});

test('edits do not keep earlier versions of the file alive (taken-over documents hold no slice of old texts)', () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const uri = 'file:///big.yaml';
  let text = manyDocuments(2200);
  assert.ok(text.length > 900_000, `${text.length} characters`);
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile(uri, text);
  engine.diagnose(uri);
  gc();
  const before = process.memoryUsage().heapUsed;
  // 30 one-character edits, each in another document: each re-parses one document of a new 1 MB version.
  for (let k = 1; k <= 30; k++) {
    const at = text.indexOf('name: v2', Math.floor((k * text.length) / 32));
    text = text.slice(0, at) + 'name: v3' + text.slice(at + 8);
    engine.setFile(uri, text);
    engine.diagnose(uri);
  }
  gc();
  const grownMb = (process.memoryUsage().heapUsed - before) / 1e6;
  // Were old versions kept, the heap would grow by about 30 MB (one text per edit).
  assert.ok(grownMb < 8, `heap grew ${grownMb.toFixed(1)} MB over 30 edits`);
});

test('index: documents taken over in another order (cut and pasted) are looked up in their new file order', () => {
  const uri = 'file:///dup.yaml';
  const first = gateway('gw', 'prod', ['a.example.com']);
  const second = gateway('gw', 'prod', ['b.example.com']);
  // Open, as in the editor: documents are taken over only from a tree kept in memory.
  const engine = createEngine({ catalog: testCatalog(), isOpen: () => true });
  const gateways = () => engine.workspace.index.find('networking.istio.io', 'Gateway', 'prod', 'gw').map((r) => r.document.yaml);
  engine.setFile(uri, docs(virtualService('vs', 'prod', ['x'], ['gw']), first, second));
  const before = engine.workspace.file(uri)!.parsed.documents.map((d) => d.yaml);
  assert.deepEqual(gateways(), [before[1], before[2]]);
  engine.setFile(uri, docs(virtualService('vs', 'prod', ['x'], ['gw']), second, first));
  const after = engine.workspace.file(uri)!.parsed.documents.map((d) => d.yaml);
  assert.equal(after[1], before[2], 'the documents were taken over, swapped');
  assert.equal(after[2], before[1]);
  assert.deepEqual(gateways(), [after[1], after[2]], 'file order after the swap');
});
