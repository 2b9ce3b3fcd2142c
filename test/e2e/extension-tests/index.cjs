// Loaded by VS Code's extension host from the `extensionTestsPath` of the window's payload, the way
// @vscode/test-electron loads a suite: it exports run(), whose promise settles with the outcome.
// Each test's result also goes to the JSON file named by E2E_REPORT, for the harness to print.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'istio.test.cjs'));
  const results = [];
  const write = () => {
    if (process.env.E2E_REPORT) fs.writeFileSync(process.env.E2E_REPORT, JSON.stringify(results, null, 2));
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      write();
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', ms: test.duration }));
    runner.on('fail', (test, error) => results.push({ title: test.fullTitle(), state: 'failed', error: String(error?.stack ?? error) }));
  });
};
