// Runs the mocha suite of extension-tests/ inside code-server's (Node) extension host. VS Code's web
// workbench reads `extensionDevelopmentPath` and `extensionTestsPath` from the `payload` URL
// parameter, asks the extension host to run the suite, and, when it settles, stops the extension
// host and calls `window.codeAutomationExit(code)`, which this page provides. A built VS Code reads
// those payload entries only when its server was started with enable-smoke-test-driver.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eDir } from './code-server.mjs';

const testsEntry = path.join(e2eDir, 'extension-tests', 'index.cjs');

/** Resolves with the per-test results; rejects when the suite fails or does not finish. */
export async function runExtensionTests({ browser, server, workspace, extensionPath, outDir, screenshotFile, timeoutMs = 120_000 }) {
  const report = path.join(outDir, 'extension-tests.json');
  fs.rmSync(report, { force: true });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (message) => consoleLines.push(message.text()));
  let exit;
  const exited = new Promise((resolve) => {
    exit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code) => exit(code));

  // The extension host runs on code-server's machine: its files are vscode-remote URIs.
  const remote = (file) => `vscode-remote://${new URL(server.url).host}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsEntry)],
    ['extensionEnvironment', JSON.stringify({ E2E_REPORT: report })],
  ];
  let timer;
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([
      exited,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the extension host did not finish the suite within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    const results = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : [];
    if (results.length === 0) throw new Error(`the suite reported no test (exit code ${code}); extension host console:\n${consoleLines.slice(-30).join('\n')}`);
    const failed = results.filter((r) => r.state !== 'passed');
    if (code !== 0 || failed.length > 0) {
      throw new Error(`exit code ${code}; failed: ${failed.map((f) => `${f.title}: ${f.error}`).join('\n') || 'none reported'}`);
    }
    return results;
  } finally {
    clearTimeout(timer);
    fs.writeFileSync(path.join(outDir, 'extension-tests-console.log'), `${consoleLines.join('\n')}\n`);
    await page.screenshot({ path: screenshotFile ?? path.join(outDir, 'extension-tests.png') }).catch(() => {});
    await context.close().catch(() => {});
  }
}
