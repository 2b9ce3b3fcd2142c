import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/**
 * The test client must leave nothing alive once closed, whatever state the server was in: one CI run hung for
 * 20 minutes after every test of server.test.ts had passed, because a server killed in the middle of a message left
 * vscode-jsonrpc's partial-message timer re-arming itself forever. Each scenario runs in a process of its own
 * (teardown-probe.js, against fake-server.js) that must then exit by itself, as a test file's process must.
 */

const probe = path.join(__dirname, 'teardown-probe.js');

/** Generous for a loaded machine, yet below the 10 s period of the jsonrpc timer that used to keep the process alive. */
const exitWithinMs = 8000;

interface ProbeRun {
  code: number | null;
  outcome: Record<string, unknown> | undefined;
  stderr: string;
  hung: boolean;
}

function runProbe(scenario: string): Promise<ProbeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [probe, scenario], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, exitWithinMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1);
      resolve({ code, outcome: line ? (JSON.parse(line) as Record<string, unknown>) : undefined, stderr, hung });
    });
  });
}

function assertExitedByItself(run: ProbeRun): void {
  assert.ok(!run.hung, `the probe was still running ${exitWithinMs} ms after start: something the client left keeps the event loop alive\n${run.stderr}`);
  assert.equal(run.code, 0, run.stderr);
}

const timeout = 30_000;

test('a server killed by close() halfway through a message leaves nothing alive; pending waits and requests fail', { timeout }, async () => {
  const run = await runProbe('killed-mid-message');
  assertExitedByItself(run);
  assert.deepEqual(run.outcome, {
    diagnostics: 'rejected: client closed',
    hover: 'rejected: Pending response rejected since connection got disposed',
  });
});

test('a server that dies by itself halfway through a message leaves nothing alive, and close() afterwards resolves', { timeout }, async () => {
  const run = await runProbe('exited-mid-message');
  assertExitedByItself(run);
  assert.deepEqual(run.outcome, { diagnostics: 'rejected: server exited (code 3, signal null) while waiting for diagnostics of file:///never.yaml', exitCode: 3 });
});

test('close() ends a server that answers neither shutdown nor exit, once, however often it is called', { timeout }, async () => {
  const run = await runProbe('mute-server');
  assertExitedByItself(run);
  assert.deepEqual(run.outcome, {
    shutdown: 'rejected: shutdown: no answer within 300 ms',
    samePromise: true,
    signal: 'SIGKILL',
    lateWait: 'rejected: server has exited or the client was closed; no diagnostics for file:///never.yaml will come',
  });
});
