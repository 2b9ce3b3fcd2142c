import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers/catalog';
import { runCapturing } from '../helpers/cli-run';

/** The chart of the end-to-end workspace: a Gateway and a VirtualService named from values.yaml, a typo in an `if` branch, a DestinationRule, helpers. */
const chart = path.join(repoRoot, 'test/e2e/fixtures/workspace/charts/shop');

const check = (...args: string[]) => runCapturing('check', ...args);

test('istio-yaml check CHART checks the templates in place: the typo on its template line, nothing from helpers or values', () => {
  const { code, stdout } = check(chart);
  const template = fs.readFileSync(path.join(chart, 'templates/virtualservice.yaml'), 'utf8').split('\n');
  const line = template.findIndex((l) => l.includes('timout:')) + 1;
  const findings = stdout.split('\n').filter((l) => / (error|warning|info) /.test(l));
  assert.equal(code, 1);
  assert.equal(findings.length, 1, stdout);
  assert.match(findings[0], new RegExp(`templates/virtualservice\\.yaml:${line}:5 error IST0106 .*"timout".*Did you mean "timeout"`));
  // The resource is named as the template writes it, not by the placeholder the checks read.
  assert.ok(findings[0].includes('[VirtualService default/{{ .Release.Name }}-cart]'), findings[0]);
  assert.ok(!/_helpers\.tpl|values\.yaml|Chart\.yaml/.test(stdout), stdout);
});

test('a chart route to a subset its DestinationRule lacks is reported across the templates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-chart-'));
  try {
    fs.cpSync(chart, dir, { recursive: true });
    const file = path.join(dir, 'templates/virtualservice.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('subset: v1', 'subset: v3'));
    const { stdout } = check(dir);
    assert.match(stdout, /virtualservice\.yaml:\d+:\d+ error IST0101 .*Subset "v3"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
