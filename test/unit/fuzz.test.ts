import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { diagnosticsFor } from '../../server/src/features/diagnostics';
import { testCatalog } from '../helpers/catalog';
import { anyInput, mutatedManifest, randomBytes, silentActionLines, structuredYaml, templatedManifest, yamlSoup, type FuzzInput } from '../fuzz/arbitraries';
import { loadCorpus, saveToCorpus, type CorpusStep } from '../fuzz/corpus';
import { exercise } from '../fuzz/exercise';
import { companionText, seedManifests } from '../fuzz/seeds';

/**
 * Feeds the engine and every editor feature thousands of broken, random and hostile texts.
 * Each must be handled without an exception, within a time bound, with every range inside its file.
 *
 *   FUZZ_SEED=n   reproduce a run (the seed is printed)
 *   FUZZ_RUNS=n   random inputs per run (default 3000, plus about 4,500 truncations; `npm run fuzz` runs a long campaign)
 *   FUZZ_TIME_LIMIT_MS=n   per-input time bound (default 2000)
 *
 * A failing input is shrunk by fast-check and saved to test/fuzz/corpus/ (commit it): the corpus is replayed first on every run.
 */

const defaultSeed = 20261121;
const seed = envNumber('FUZZ_SEED') ?? defaultSeed;
const runs = envNumber('FUZZ_RUNS') ?? 3000;
const timeLimitMs = envNumber('FUZZ_TIME_LIMIT_MS') ?? 2000;
const shrinkBudgetMs = 30_000;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

const base = 'file:///fuzz/';

/** An engine holding a companion file (Gateways, DestinationRules, a VirtualService) and a kustomization naming patch.yaml. */
function fuzzEngine(): Engine {
  const engine = createEngine({ catalog: testCatalog() });
  engine.setFile(`${base}companion.yaml`, companionText());
  engine.setFile(`${base}kustomization.yml`, 'resources:\n- companion.yaml\npatches:\n- path: patch.yaml\n');
  return engine;
}

/** Problems of one input: the exercise's own plus the time bound. */
function problemsOf(engine: Engine, input: Pick<FuzzInput, 'text' | 'file' | 'offsets'>): string[] {
  const uri = base + input.file;
  const offsets = input.offsets.map((o) => o % (input.text.length + 1));
  const result = exercise(engine, uri, input.text, { offsets });
  engine.removeFile(uri);
  const problems = [...result.problems];
  if (result.elapsedMs > timeLimitMs) problems.push(`took ${Math.round(result.elapsedMs)} ms (limit ${timeLimitMs}); slowest step ${result.slowest.step}: ${Math.round(result.slowest.ms)} ms`);
  return problems;
}

/** Runs a property; on failure saves the shrunk input to the corpus and fails with fast-check's report. */
function fuzz(t: TestContext, name: string, arbitrary: fc.Arbitrary<FuzzInput>, numRuns: number): void {
  const engine = fuzzEngine();
  const started = performance.now();
  let firstFailure: number | undefined;
  // The problems of the last failing input: after shrinking, that is the counterexample (some failures, like stack
  // overflows, depend on the call depth and may not reproduce when re-run outside fast-check).
  let lastFailure: string[] = [];
  const details = fc.check(
    fc.property(arbitrary, (input) => {
      // Shrinking re-runs candidates (slow ones too); past the budget, candidates count as passing, which ends shrinking.
      if (firstFailure !== undefined && performance.now() - firstFailure > shrinkBudgetMs) return true;
      const problems = problemsOf(engine, input);
      if (!problems.length) return true;
      firstFailure ??= performance.now();
      lastFailure = problems;
      return false;
    }),
    { seed, numRuns, endOnFailure: false },
  );
  t.diagnostic(`${name}: ${details.numRuns} inputs in ${Math.round(performance.now() - started)} ms (seed ${seed})`);
  if (!details.failed) return;
  const input = details.counterexample?.[0];
  const problems = lastFailure.length ? lastFailure : [String(details.errorInstance ?? 'failed')];
  let saved = '';
  if (input) {
    saved = saveToCorpus({ description: `${name}, seed ${seed}: ${problems[0].split('\n')[0]} (origin: ${input.origin})`, file: input.file, offsets: input.offsets, text: input.text });
    t.diagnostic(`failing input saved to ${saved}`);
  }
  assert.fail(`${fc.defaultReportMessage(details)}\nproblems of the shrunk input:\n${problems.join('\n')}\n${saved ? `saved to ${saved}` : ''}`);
}

test(`fuzz: seed ${seed}, ${runs} random inputs (FUZZ_SEED / FUZZ_RUNS)`, (t) => {
  t.diagnostic(`FUZZ_SEED=${seed} FUZZ_RUNS=${runs} FUZZ_TIME_LIMIT_MS=${timeLimitMs}`);
});

test('fuzz corpus: every input that ever failed is handled', (t) => {
  const corpus = loadCorpus();
  const engine = fuzzEngine();
  for (const { name, entry } of corpus) {
    if (entry.steps) {
      // A sequence of edits across files: fresh engines, so nothing of earlier entries carries over.
      const mismatch = multiFileMismatch(createEngine({ catalog: testCatalog() }), createEngine({ catalog: testCatalog() }), entry.steps);
      assert.equal(mismatch, undefined, `${name} (${entry.description})`);
      continue;
    }
    const problems = problemsOf(engine, entry);
    assert.deepEqual(problems, [], `${name} (${entry.description})`);
  }
  t.diagnostic(`${corpus.length} corpus inputs replayed`);
});

test('fuzz: mutated manifests', (t) => fuzz(t, 'mutated manifests', mutatedManifest, Math.ceil(runs * 0.5)));
test('fuzz: YAML-looking line soup', (t) => fuzz(t, 'yaml soup', yamlSoup, Math.ceil(runs * 0.2)));
test('fuzz: arbitrary data as block and flow YAML', (t) => fuzz(t, 'structured yaml', structuredYaml, Math.ceil(runs * 0.1)));
test('fuzz: random bytes', (t) => fuzz(t, 'random bytes', randomBytes, Math.ceil(runs * 0.1)));
test('fuzz: all generators mixed', (t) => fuzz(t, 'mixed', anyInput, Math.ceil(runs * 0.1)));
test('fuzz: chart templates (actions anywhere, some broken)', (t) => fuzz(t, 'templated manifests', templatedManifest, Math.ceil(runs * 0.2)));

/**
 * Differential: lines holding only actions that output nothing change nothing a check can see. A seed document with
 * such lines put between its lines gets the same findings (code, message, the text they cover) as without them.
 */
test('fuzz: silent action lines added to a manifest leave its findings as they were', () => {
  const documents = seedDocuments().filter((d) => !/\{\{/.test(d));
  const findings = (text: string) => {
    const engine = createEngine({ catalog: testCatalog() });
    const uri = `${base}templates/doc.yaml`;
    engine.setFile(uri, text);
    return diagnosticsFor(engine, uri)
      .map((d) => {
        const lines = text.split('\n');
        const covered = d.range.start.line === d.range.end.line ? lines[d.range.start.line]?.slice(d.range.start.character, d.range.end.character) : `${lines[d.range.start.line]?.slice(d.range.start.character)}…`;
        return `${d.code} ${covered} ${d.message}`;
      })
      .sort();
  };
  const syntaxFree = documents.filter((d) => !findings(d).some((f) => f.startsWith('IY0001')));
  fc.assert(
    fc.property(fc.nat(syntaxFree.length - 1), silentActionLines, (index, inserts) => {
      const text = syntaxFree[index];
      const lines = text.split('\n');
      for (const { line, indent, action } of inserts) lines.splice(line % (lines.length + 1), 0, indent + action);
      assert.deepEqual(findings(lines.join('\n')), findings(text));
    }),
    { seed, numRuns: Math.ceil(runs * 0.05) },
  );
});

/** The documents of every seed, one by one: spread over several files, they refer to each other across files. */
function seedDocuments(): string[] {
  return seedManifests()
    .flatMap((s) => s.text.split(/^---[^\n]*\n/m))
    .filter((d) => /^kind:/m.test(d));
}

const multiFiles = ['a.yaml', 'b.yaml', 'c.yaml', 'kustomization.yaml'];
const kustomizations = ['resources:\n- a.yaml\npatches:\n- path: b.yaml\n', 'patchesStrategicMerge:\n- c.yaml\n- a.yaml\n', 'resources: []\n'];

type MultiStep = CorpusStep;

function multiFileSteps(): fc.Arbitrary<MultiStep[]> {
  const documents = seedDocuments();
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...documents) },
    // Several documents in one file: later steps share some of them, moved, so the parser reuses them.
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...documents), { minLength: 2, maxLength: 5 }).map((docs) => docs.join('---\n')) },
    { weight: 3, arbitrary: mutatedManifest.map((input) => input.text) },
    { weight: 1, arbitrary: fc.constantFrom(...kustomizations) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const file = fc.nat(multiFiles.length - 1);
  // A keystroke-sized edit of the file's current text, as typing makes: its other documents stay as they were.
  const splice = fc.record({ at: fc.nat(), remove: fc.nat(3), insert: fc.constantFrom('', 'x', '\n', '  ', ': ', '- ', '---\n', '"', '#', 'v2') });
  const step = fc.oneof(
    { weight: 2, arbitrary: fc.record({ file, text }) },
    { weight: 1, arbitrary: fc.record({ file, text: fc.constant(null), splice }) },
  );
  return fc.array(step, { minLength: 1, maxLength: 20 });
}

/** Diagnostics of every file, in a form that compares by value. */
function snapshot(engine: Engine, uris: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const uri of uris) {
    out[uri] = diagnosticsFor(engine, uri)
      .map((d) => JSON.stringify([d.code, d.severity, d.range, d.message, d.relatedInformation ?? []]))
      .sort();
  }
  return out;
}

const multiBase = 'file:///multi/';
const multiUris = multiFiles.map((f) => multiBase + f);

/**
 * Applies the steps to `incremental` (analysing between steps, as an editor does, so stale cache entries have a
 * chance to exist), sets the final texts in `scratch`, and returns how their diagnostics differ, if they do.
 */
function spliced(text: string, { at, remove, insert }: NonNullable<CorpusStep['splice']>): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + insert + text.slice(start + remove);
}

function multiFileMismatch(incremental: Engine, scratch: Engine, sequence: readonly MultiStep[]): string | undefined {
  const texts = new Map<string, string>();
  for (const uri of multiUris) incremental.removeFile(uri);
  for (const step of sequence) {
    const uri = multiUris[step.file];
    const current = texts.get(uri) ?? '';
    const next = step.splice ? spliced(current, step.splice) : step.text;
    if (next === null) {
      incremental.removeFile(uri);
      texts.delete(uri);
    } else {
      incremental.setFile(uri, next);
      texts.set(uri, next);
    }
    if (step.file % 2 === 0) for (const u of multiUris) incremental.diagnose(u);
  }
  for (const uri of multiUris) scratch.removeFile(uri);
  for (const [uri, text] of texts) scratch.setFile(uri, text);
  const got = snapshot(incremental, multiUris);
  const want = snapshot(scratch, multiUris);
  // How deep the yaml package can nest depends on the stack left when it runs: texts near that limit are not
  // comparable (the limit shows as "Nesting too deep", or only in the number of problems past the first hundred).
  if (/Nesting too deep/.test(JSON.stringify([got, want]))) return undefined;
  for (const snap of [got, want]) for (const uri of Object.keys(snap)) snap[uri] = snap[uri].map((d) => d.replace(/\d+ more problems/, 'N more problems'));
  if (JSON.stringify(got) === JSON.stringify(want)) return undefined;
  const lines = (snap: Record<string, string[]>) => new Set(Object.entries(snap).flatMap(([uri, ds]) => ds.map((d) => `${uri.slice(multiBase.length)} ${d}`)));
  const [a, b] = [lines(got), lines(want)];
  return [...[...a].filter((l) => !b.has(l)).map((l) => `only incremental: ${l}`), ...[...b].filter((l) => !a.has(l)).map((l) => `only from scratch: ${l}`)].join('\n');
}

test('fuzz: incremental analysis after random edits across files equals analysis from scratch', (t) => {
  // The engine re-checks only what an edit can affect and caches the rest: after any sequence of sets and removes,
  // its findings must be those of an engine that reads the final texts afresh, whatever the order.
  const incremental = createEngine({ catalog: testCatalog() });
  const scratch = createEngine({ catalog: testCatalog() });
  let mismatch: string | undefined;
  let failing: MultiStep[] | undefined;
  let firstFailure: number | undefined;
  const started = performance.now();
  const details = fc.check(
    fc.property(multiFileSteps(), (sequence) => {
      if (firstFailure !== undefined && performance.now() - firstFailure > shrinkBudgetMs) return true;
      const found = multiFileMismatch(incremental, scratch, sequence);
      if (found === undefined) return true;
      firstFailure ??= performance.now();
      [mismatch, failing] = [found, sequence];
      return false;
    }),
    { seed, numRuns: Math.ceil(runs * 0.1) },
  );
  t.diagnostic(`incremental vs from scratch: ${details.numRuns} sequences in ${Math.round(performance.now() - started)} ms (seed ${seed})`);
  if (!details.failed) return;
  const saved = failing ? saveToCorpus({ description: `incremental vs from scratch, seed ${seed}: ${(mismatch ?? '').split('\n')[0]}`, file: 'multi', offsets: [], text: '', steps: failing }) : '';
  assert.fail(`${fc.defaultReportMessage(details)}\n${mismatch ?? ''}\nsaved to ${saved}`);
});

test('fuzz: every seed manifest truncated at every position (as while typing it)', (t) => {
  // Every position costs a parse; a short run samples positions evenly, FUZZ_RUNS >= 20000 tries all.
  const stride = runs >= 20_000 ? 1 : Math.max(1, Math.round(20_000 / Math.max(runs, 1)));
  const engine = fuzzEngine();
  const uri = `${base}input.yaml`;
  let count = 0;
  const started = performance.now();
  for (const seedManifest of seedManifests()) {
    const text = seedManifest.text;
    for (let cut = (seed % stride); cut <= text.length; cut += stride) {
      const typed = text.slice(0, cut);
      // The cursor sits at the end of what is typed so far: completion and hover run there.
      const result = exercise(engine, uri, typed, { offsets: [cut], applyFixes: false });
      count++;
      if (result.problems.length || result.elapsedMs > timeLimitMs) {
        const problems = [...result.problems, ...(result.elapsedMs > timeLimitMs ? [`took ${Math.round(result.elapsedMs)} ms`] : [])];
        const saved = saveToCorpus({ description: `${seedManifest.name} truncated at ${cut}: ${problems[0].split('\n')[0]}`, file: 'input.yaml', offsets: [cut], text: typed });
        assert.fail(`${seedManifest.name} truncated at ${cut}:\n${problems.join('\n')}\nsaved to ${saved}`);
      }
    }
  }
  t.diagnostic(`${count} truncations (every ${stride}. position) in ${Math.round(performance.now() - started)} ms`);
});
