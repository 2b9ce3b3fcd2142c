import * as vscode from 'vscode';
import { tests } from './extension.test';

import Mocha from 'mocha';

/** Called by the VS Code extension host (`--extensionTestsPath`); rejects when a test failed. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  const suite = Mocha.Suite.create(mocha.suite, 'Istio YAML extension');
  for (const test of tests) suite.addTest(new Mocha.Test(test.name, test.run));
  try {
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures) throw new Error(`${failures} of ${tests.length} VS Code tests failed`);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}
