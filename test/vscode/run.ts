import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from '../helpers/catalog';

/**
 * Runs test/vscode/suite inside a real VS Code extension host (`npm run test:vscode`, after the build).
 * Downloads VS Code unless VSCODE_EXECUTABLE_PATH points at an installed one; VSCODE_VERSION picks the download.
 */
async function main(): Promise<void> {
  const exitCode = await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    // The first argument is the folder VS Code opens; other installed extensions would only add noise.
    launchArgs: [path.join(repoRoot, 'test', 'vscode', 'fixtures'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  console.error(`VS Code tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
