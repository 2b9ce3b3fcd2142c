import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lsp-client';

/**
 * Plays the part of an LSP test file: runs one teardown scenario against the fake server, prints what each wait
 * ended with (one JSON line), and returns. The process must then exit by itself: whatever the client left alive
 * (a timer, a pipe, the child) keeps it running, which is what client-teardown.test.ts checks from outside.
 */

const fakeServer = path.join(__dirname, 'fake-server.js');

type Scenario = () => Promise<Record<string, unknown>>;

function settledAs(result: PromiseSettledResult<unknown>): string {
  return result.status === 'fulfilled' ? 'fulfilled' : `rejected: ${result.reason instanceof Error ? result.reason.message.split('\n')[0] : String(result.reason)}`;
}

/** Resolves once `condition` holds, checking after every turn of the event loop (no fixed sleeps). */
async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function startFake(mode: string): Promise<LspClient> {
  const { client } = await LspClient.start({ serverScript: fakeServer, env: { FAKE_SERVER_MODE: mode } });
  return client;
}

const scenarios: Record<string, Scenario> = {
  /** The server is killed by close() while the client holds half a message, with a diagnostics wait and a request pending. */
  async 'killed-mid-message'() {
    const client = await startFake('half-message');
    // Listeners run in order, so once this one saw bytes, the client's reader (registered first) has taken them in.
    let bytesAfterHandshake = 0;
    client.child.stdout.on('data', (chunk: Buffer) => (bytesAfterHandshake += chunk.length));
    await until(() => client.stderrOutput.includes('half message sent') && bytesAfterHandshake > 0, 'the half message');
    const diagnostics = client.waitForDiagnostics('file:///never.yaml', () => true, 60_000);
    const hover = client.request(HoverRequest.type, { textDocument: { uri: 'file:///never.yaml' }, position: { line: 0, character: 0 } }, 60_000);
    const settled = Promise.allSettled([diagnostics, hover]);
    await client.close();
    const [d, h] = await settled;
    return { diagnostics: settledAs(d), hover: settledAs(h) };
  },

  /** The server dies by itself in the middle of a message; close() comes afterwards, twice. */
  async 'exited-mid-message'() {
    const client = await startFake('half-message-then-exit');
    const [d] = await Promise.allSettled([client.waitForDiagnostics('file:///never.yaml', () => true, 60_000)]);
    await Promise.all([client.close(), client.close()]);
    return { diagnostics: settledAs(d), exitCode: client.child.exitCode };
  },

  /** The server answers neither shutdown nor exit; close() is called twice at once and once more later. */
  async 'mute-server'() {
    const client = await startFake('mute');
    const [shutdown] = await Promise.allSettled([client.shutdownAndExit(300)]);
    const first = client.close();
    const samePromise = first === client.close();
    await first;
    await client.close();
    const [late] = await Promise.allSettled([client.waitForDiagnostics('file:///never.yaml', () => true, 60_000)]);
    return { shutdown: settledAs(shutdown), samePromise, signal: client.child.signalCode, lateWait: settledAs(late) };
  },
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}`);
  const outcome = await scenario();
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  // Evidence for the test's failure message; unref'd, so this timer alone never keeps the process alive.
  setInterval(() => {
    process.stderr.write(`still alive after the scenario: ${JSON.stringify(process.getActiveResourcesInfo())}\n`);
  }, 1000).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
