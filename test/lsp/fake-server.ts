/**
 * A scripted stand-in for the language server, for tests of the test client's teardown: it answers `initialize`,
 * then misbehaves as `FAKE_SERVER_MODE` says. Run by LspClient (option `serverScript`), never by the test runner.
 *
 * - `half-message`: after `initialized`, writes a message's header and only part of its body, then waits.
 * - `half-message-then-exit`: the same, then exits (a crash in the middle of a write).
 * - `mute`: answers `initialize`, then nothing (not `shutdown`, not `exit`).
 */

const mode = process.env.FAKE_SERVER_MODE ?? 'mute';

/** Body of a publishDiagnostics, of which only the first half is ever written. */
const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///half.yaml', diagnostics: [] } });

function send(message: object): void {
  const text = JSON.stringify(message);
  process.stdout.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

function sendHalfMessage(then: () => void): void {
  process.stdout.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, body.length / 2)}`, () => {
    // Tells the test the bytes are in the pipe (stderr, so the JSON-RPC stream stays exactly half a message).
    process.stderr.write('half message sent\n', then);
  });
}

function handle(message: { id?: number | string; method?: string }): void {
  if (mode === 'mute' && message.method !== 'initialize') return;
  switch (message.method) {
    case 'initialize':
      send({ jsonrpc: '2.0', id: message.id, result: { capabilities: {} } });
      break;
    case 'initialized':
      sendHalfMessage(() => {
        if (mode === 'half-message-then-exit') process.exit(3);
      });
      break;
    case 'shutdown':
      send({ jsonrpc: '2.0', id: message.id, result: null });
      break;
    case 'exit':
      process.exit(0);
  }
}

let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk: Buffer) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
    const start = headerEnd + 4;
    if (buffer.length < start + length) return;
    const message = JSON.parse(buffer.subarray(start, start + length).toString('utf8')) as { id?: number; method?: string };
    buffer = buffer.subarray(start + length);
    handle(message);
  }
});
