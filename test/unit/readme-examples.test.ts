import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { repoRoot, testCatalog } from '../helpers/catalog';

/** Every `$ istio-yaml …` command of the README's console blocks, with the output the README shows for it. */
function readmeExamples(): Array<{ command: string; shown: string }> {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const examples: Array<{ command: string; shown: string }> = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: { command: string; lines: string[] } | undefined;
    const flush = () => current && examples.push({ command: current.command, shown: current.lines.join('\n').trimEnd() });
    for (const line of block[1].split('\n')) {
      if (line.startsWith('$ istio-yaml ')) {
        flush();
        current = { command: line.slice(2), lines: [] };
      } else current?.lines.push(line);
    }
    flush();
  }
  return examples;
}

test('the README shows what the route and graph commands print on the samples', () => {
  const examples = readmeExamples();
  assert.ok(examples.some((e) => e.command.startsWith('istio-yaml route')) && examples.some((e) => e.command.startsWith('istio-yaml graph')));
  const cwd = process.cwd();
  process.chdir(repoRoot);
  try {
    for (const { command, shown } of examples) {
      let stdout = '';
      const code = runCli(command.split(/\s+/).slice(1), testCatalog, { stdout: (s) => (stdout += s), stderr: () => {} });
      assert.equal(code, 0, command);
      assert.equal(stdout.trimEnd(), shown, command);
    }
  } finally {
    process.chdir(cwd);
  }
});
