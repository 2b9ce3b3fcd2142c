import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { runCli, type CliIo } from '../../server/src/cli';
import { diagnoseShare, splitShares, type ShardRequest } from '../../server/src/engine/shard';
import { repoRoot, testCatalog } from '../helpers/catalog';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

test('shares cover every file once and balance their sizes', () => {
  const sizes = [50, 10, 10, 10, 10, 5, 5];
  const shares = splitShares(sizes, 3);
  assert.deepEqual(shares.flat().sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6]);
  const weights = shares.map((share) => share.reduce((sum, i) => sum + sizes[i], 0));
  assert.deepEqual(weights.sort((a, b) => a - b), [25, 25, 50]);
  assert.deepEqual(splitShares([1, 2], 8).length, 2, 'never more shares than files');
  assert.equal(splitShares([], 4).length, 1, 'no files: one (empty) share, so a check of nothing still runs');
});

/** Files whose findings depend on each other across files: a Gateway, routes to it, a DestinationRule missing a subset. */
function crossFileTree(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-jobs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'gateway.yaml': gateway('shop-gateway', 'default', ['shop.example.com']),
    'rules.yaml': destinationRule('cart', 'default', 'cart', ['v1']),
  };
  for (let i = 0; i < 6; i++) {
    files[`routes-${i}.yaml`] = docs(
      virtualService(`shop-${i}`, 'default', [`shop${i % 2 ? '' : '-other'}.example.com`], ['shop-gateway', 'missing-gateway'], httpRoute([{ host: 'cart', subset: i % 3 ? 'v1' : 'v9' }])),
    );
  }
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function io(extra: Partial<CliIo> = {}): { io: CliIo; out: () => string } {
  let out = '';
  return { io: { stdout: (s) => (out += s), stderr: (s) => assert.fail(`stderr: ${s}`), ...extra }, out: () => out };
}

test('a check split over threads reports exactly what one thread reports', async (t) => {
  const dir = crossFileTree(t);
  const single = io();
  const code = runCli(['check', '--format', 'json', dir], testCatalog, single.io);
  const requests: ShardRequest[] = [];
  // Threads stand-in: the same work, answered asynchronously as a worker would.
  const parallel = io({
    parallelism: () => 4,
    runShard: async (request) => {
      requests.push(request);
      await new Promise((resolve) => setImmediate(resolve));
      return diagnoseShare(testCatalog(), request);
    },
  });
  const parallelCode = await runCli(['check', '--format', 'json', '--jobs', '3', dir], testCatalog, parallel.io);
  assert.equal(requests.length, 2, 'two other threads, and this one');
  for (const request of requests) assert.equal(request.files.length, 8, 'each thread reads every file');
  const given = requests.flatMap((r) => r.share);
  assert.equal(new Set(given).size, given.length, 'no file is diagnosed by two threads');
  assert.ok(given.length < 8, 'this thread keeps a share');
  assert.equal(parallelCode, code);
  assert.ok(JSON.parse(single.out()).diagnostics.length > 6, 'the tree has cross-file findings to compare');
  assert.equal(parallel.out(), single.out());
});

test('a thread that fails is replaced by this one: the result is complete', async (t) => {
  const dir = crossFileTree(t);
  const single = io();
  runCli(['check', dir], testCatalog, single.io);
  const failing = io({ parallelism: () => 2, runShard: () => Promise.reject(new Error('worker crashed')) });
  await runCli(['check', '--jobs', '2', dir], testCatalog, failing.io);
  assert.equal(failing.out(), single.out());
});

test('--jobs takes a whole number; small inputs stay on one thread unless --jobs says otherwise', async (t) => {
  const bad = io({ stderr: () => undefined });
  assert.equal(runCli(['check', '--jobs', '0', '.'], testCatalog, bad.io), 2);
  const dir = crossFileTree(t);
  let shards = 0;
  const counting = io({ parallelism: () => 4, runShard: async (r) => (shards++, diagnoseShare(testCatalog(), r)) });
  await runCli(['check', dir], testCatalog, counting.io);
  assert.equal(shards, 0, 'a few kilobytes are checked on one thread');
  await runCli(['check', '--jobs', '2', dir], testCatalog, counting.io);
  assert.equal(shards, 1);
});

test('the bundled bin checks on worker threads (dist/check-worker.js) with the same output', (t) => {
  const dir = crossFileTree(t);
  const bin = path.join(repoRoot, 'dist', 'cli.js');
  const one = spawnSync(process.execPath, [bin, 'check', '--jobs', '1', dir], { encoding: 'utf8', timeout: 30_000 });
  const three = spawnSync(process.execPath, [bin, 'check', '--jobs', '3', dir], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(three.stderr, '');
  assert.equal(three.status, one.status);
  assert.match(one.stdout, /IST0101/);
  assert.equal(three.stdout, one.stdout);
});
