import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { Composer, isPair, Parser, type Document } from 'yaml';
import { parseBlockDocument, type BlockParseOptions } from '../../server/src/engine/parse/block-parser';
import { chunkSpans } from '../../server/src/engine/parse/document-chunks';
import { repoRoot } from '../helpers/catalog';
import { seedManifests } from '../fuzz/seeds';

// The options the engine parses with.
const options: BlockParseOptions = { prettyErrors: false, uniqueKeys: true, strict: false, merge: true, logLevel: 'error' };

/** Every field of every node, in order: what the fast reader must reproduce exactly. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined || typeof node !== 'object') return node;
  if (isPair(node)) return { key: shape(node.key), value: shape(node.value) };
  const out: Record<string, unknown> = { class: node.constructor.name };
  for (const [field, value] of Object.entries(node)) out[field] = field === 'items' ? (value as unknown[]).map(shape) : value;
  return out;
}

function composed(text: string, offset: number): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = offset;
  return Array.from(new Composer(options).compose(parser.parse(text)));
}

/** Compares the fast reader with the yaml package on every `---` chunk of `text`; returns how many chunks the fast reader took. */
function compareChunks(text: string, where: string): number {
  let taken = 0;
  for (const { start, end } of chunkSpans(text)) {
    const chunk = text.slice(start, end);
    const fast = parseBlockDocument(chunk, start, options);
    if (!fast) continue;
    taken++;
    const reference = composed(chunk, start);
    assert.equal(reference.length, 1, `${where}@${start}: the yaml package reads ${reference.length} documents where the fast reader read one`);
    const [doc] = reference;
    assert.deepEqual([...doc.errors, ...doc.warnings].map((e) => e.message), [], `${where}@${start}: the fast reader accepted text the yaml package reports:\n${chunk}`);
    assert.deepEqual(
      { range: fast.range, contents: shape(fast.contents) },
      { range: doc.range, contents: shape(doc.contents) },
      `${where}@${start}: nodes differ for\n${chunk}`,
    );
    assert.equal(fast.directives?.docStart, doc.directives?.docStart, `${where}@${start}: document marker`);
  }
  return taken;
}

function yamlFilesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFilesUnder(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

const corpus = [
  ...seedManifests(),
  ...[...yamlFilesUnder(path.join(repoRoot, 'test', 'fixtures')), ...yamlFilesUnder(path.join(repoRoot, 'samples'))].map((file) => ({
    name: path.relative(repoRoot, file),
    text: readFileSync(file, 'utf8'),
  })),
];

/** The corpus without comment lines: the fast reader leaves comments to the yaml package, and we want it exercised. */
const uncommented = corpus.map(({ name, text }) => ({ name, text: text.replace(/^[ ]*#.*\n/gm, '') }));

test('the fast reader builds the same nodes as the yaml package on every manifest of the repository', () => {
  let taken = 0;
  for (const { name, text } of [...corpus, ...uncommented]) taken += compareChunks(text, name);
  // Without this the test could pass by never taking the fast path.
  assert.ok(taken > 300, `the fast reader took only ${taken} documents of the corpus`);
});

/** Edits that keep text in (or push it just out of) the block subset: indentation, markers, quotes, scalars of every type. */
const pieces = [' ', '  ', '\n', '\n\n', '- ', '-', ': ', ':', 'x', 'key: ', 'k:', '"', "'", "''", '1', '-1', '0x1F', '0o7', '1.5', '1e3', '.inf', 'true', 'null', '~', 'yes', '\n  - ', '\n- ', '\n  a: ', '   \n', 'a:b', '<<: ', '---', '--- \n', ' #', ' # c', '#', '# c\n', '  # c\n', '\n# c', '\uFEFF', '\u0000', '\u0085', '\u2028', '\u00A0', '\t', '\r\n', '[', ']', ', ', ',', ' ["*"]', ' [a, 1]', ' []', '{'];

test('generated edits of manifests: whenever the fast reader answers, the yaml package gives the same nodes', () => {
  let taken = 0;
  let runs = 0;
  const edit = fc.record({ at: fc.nat(), piece: fc.constantFrom(...pieces), cut: fc.nat({ max: 3 }) });
  fc.assert(
    fc.property(fc.constantFrom(...[...corpus, ...uncommented].filter((c) => c.text.length > 0)), fc.array(edit, { minLength: 1, maxLength: 4 }), (source, edits) => {
      let text = source.text;
      for (const { at, piece, cut } of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + piece + text.slice(i + cut);
      }
      runs++;
      taken += compareChunks(text, `${source.name} edited`);
    }),
    { seed: Number(process.env.FUZZ_SEED ?? 11), numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
  );
  assert.ok(taken > runs / 2, `the fast reader took ${taken} documents in ${runs} edited files`);
});

test('the fast reader leaves what it does not cover to the yaml package', () => {
  const outside = [
    'a: 1\n# comment at the end\n',
    'a: 1\n    # deeper than the next key\nb: 2\n',
    'a:\n  b: 1\n  # closes the inner map\nc: 2\n',
    '# comment\n\na: 1\n',
    'a: # comment on an empty value\nb: 1\n',
    'a:\n# comment\n- x\n',
    'a:\n- x\n# closes the sequence\nb: 1\n',
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: [1, [2]]\n',
    'a: [1, ]\n',
    'a: [b: 1]\n',
    'a: [1] # comment\n',
    'a: [1,\n  2]\n',
    '- [1, 2]\n',
    'a: {b: 1}\n',
    'a: |\n  text\n',
    'a: >\n  text\n',
    'a: one\n  two\n',
    'a: "one\n  two"\n',
    'a: 1\na: 2\n',
    '<<: {a: 1}\n',
    'a:\n  <<: b\n',
    '\uFEFFa: 1\n',
    'a: x\u0001\n',
    'a:\n\tb: 1\n',
    'a: 1\r\nb: 2\r\n',
    '- - a\n',
    '"a": 1\n',
    'a : 1\n',
    'a: b: c\n',
    '---\n',
    '',
    'a:\n',
    '%YAML 1.2\n---\na: 1\n',
  ];
  for (const text of outside) assert.equal(parseBlockDocument(text, 0, options), undefined, JSON.stringify(text));
});

test('comments after values and on the lines before a key or an item, with blank lines around them, are read by the fast reader', () => {
  const commented = [
    '# license header\napiVersion: v1 # trailing\nkind: Service\n',
    '---\n# Source: chart/templates/service.yaml\n# second line\napiVersion: v1\n',
    'spec:\n  ports:\n  - port: 80 # http\n    name: "http" # quoted\n  # the next item\n  - port: 443\n    # before a key\n    name: https\n  type: ClusterIP\n',
    'spec: # the spec\n  hosts: #  the hosts\n  - a\n  http: # routes\n  - name: x\n',
    'spec:\n  hosts: ["*", a.example.com]\n  exportTo: [ "." ,  \'ns\' ]  \n  gateways: []\n  ports: [80, 443]\n',
    'kind: Service\n\n# after a blank line\n\n\n# and before two\nspec:\n  ports:\n  - port: 80\n\n  # spaced item\n  - port: 443\n',
    '---\n\n# Source: chart/templates/a.yaml\n\napiVersion: v1\n',
    "metadata:\n  # first key of a nested map\n  name: 'it''s' #c  \n# back at the top\nspec: {}\n".replace(' {}', ':\n  a: x#y'),
  ];
  for (const text of commented) {
    assert.ok(parseBlockDocument(text, 0, options), `fast reader gave up on ${JSON.stringify(text)}`);
    assert.equal(compareChunks(text, JSON.stringify(text)), 1);
  }
});

test('documents inside a file keep their file offsets', () => {
  const text = 'a: 1\n---\nb:\n- x\n- y: "z"\n';
  assert.equal(compareChunks(text, 'two documents'), 2);
  const [, second] = chunkSpans(text);
  const doc = parseBlockDocument(text.slice(second.start, second.end), second.start, options)!;
  assert.deepEqual(doc.range, [5, 25, 25]);
});
