import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine, type Engine } from '../../server/src/engine/engine';
import { testCatalog } from '../helpers/catalog';
import { anyInput, mutatedManifest, randomBytes, structuredYaml, yamlSoup, type FuzzInput } from '../fuzz/arbitraries';
import { loadCorpus, saveToCorpus } from '../fuzz/corpus';
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
