// The end-to-end test: builds the .vsix, installs it into code-server as a user would, opens the
// fixture workspace in headless Chromium and checks what the window shows.
//
//   node src/run.mjs [--vsix FILE] [--skip-build] [--keep]
//     --vsix FILE    install this .vsix instead of building one (no build)
//     --skip-build   install the repository's istio-yaml.vsix as it is
//     --keep         keep the temporary profile and workspace (their path is printed)
//
// Prints `ok N - ...` / `not ok N - ...` per check and `N passed, M failed` last; exits 1 on any
// failure. Screenshots and logs go to test-output/e2e/ at the repository root.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { delay, e2eDir, freePort, installExtension, node24, profileDirs, startCodeServer, stopAllCodeServers } from './code-server.mjs';
import {
  acceptSuggestion,
  allSuggestionLabels,
  answerInput,
  breadcrumbs,
  editorLines,
  goTo,
  holdsFor,
  hoverText,
  istioStatus,
  notifications,
  openFile,
  readProblems,
  filterProblems,
  recordIstioStatus,
  runCommand,
  showProblems,
  squiggles,
  suggestions,
  textBox,
  treeRows,
  waitForQuickInput,
  waitForWorkbench,
  waitUntil,
} from './workbench.mjs';
import { runExtensionTests } from './extension-tests.mjs';
import { processInfo, scriptProcesses } from './processes.mjs';

const repoRoot = path.resolve(e2eDir, '..', '..');
const outDir = path.join(repoRoot, 'test-output', 'e2e');
const fixtureDir = path.join(e2eDir, 'fixtures', 'workspace');
const suiteTimeoutMs = 15 * 60_000;
const checkTimeoutMs = 90_000;

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const note = (text) => console.log(`# ${text}`);

// --- what the fixtures must produce, read from the fixture text ---------------------------------

/** Line and column (1-based) of `token` on the line of `file` that carries the marker comment. */
function expectedAt(file, marker, token) {
  const lines = fs.readFileSync(path.join(fixtureDir, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`# ${marker}`));
  if (index < 0 || !lines[index].includes(token)) throw new Error(`fixture ${file} has no "${token}" line marked "# ${marker}"`);
  return { file, line: index + 1, col: lines[index].indexOf(token) + 1 };
}

const expected = {
  IST0132: { ...expectedAt('bookinfo.yaml', 'IST0132', 'istio-system/bookinfo-gateway'), severity: 'warning', says: 'bookinfo.example.com' },
  IST0101: { ...expectedAt('bookinfo.yaml', 'IST0101', 'v3'), severity: 'error', says: 'v3' },
  IST0106: { ...expectedAt('bookinfo.yaml', 'IST0106', 'timout'), severity: 'error', says: 'Unknown field' },
};
// One of the checks added to match istioctl (Sidecars without selector), seen as a person sees it: both rows in Problems.
const sidecarProblems = ['first', 'second'].map((which) => ({
  ...expectedAt('sidecars.yaml', `IST0111 ${which}`, which === 'first' ? 'default' : 'legacy'),
  code: 'IST0111',
  severity: 'error',
  says: 'have no workload selector',
}));
// A Gateway API route whose hostname no listener it targets serves (status reason NoMatchingListenerHostname).
const gatewayApiProblem = { ...expectedAt('gateway-api.yaml', 'IY0206', 'http'), code: 'IY0206', severity: 'error', says: 'NoMatchingListenerHostname' };
// A Helm chart template: the typo in the `if` branch of the route is found on the template's own line.
const chartTemplate = 'charts/shop/templates/virtualservice.yaml';
const chartProblem = { ...expectedAt(chartTemplate, 'IST0106', 'timout'), file: 'virtualservice.yaml', code: 'IST0106', severity: 'error', says: 'Did you mean "timeout"' };
const chartSubset = expectedAt(chartTemplate, 'completed by the test', 'v1');
const mismatchedHost = expectedAt('bookinfo.yaml', 'fixed by the test', 'bookinfo.example.com');
const hoverTarget = expectedAt('bookinfo.yaml', 'hovered by the test', 'hosts');

// --- the run --------------------------------------------------------------------------------------

const results = [];
let shotNumber = 0;
let page;
let server;
let browser;
let tmpRoot;
let stopping = false;

async function screenshot(name) {
  if (!page) return undefined;
  const file = path.join(outDir, `${String(++shotNumber).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file });
    return path.relative(repoRoot, file);
  } catch {
    return undefined;
  }
}

async function check(description, slug, body, timeoutMs = checkTimeoutMs) {
  if (stopping) return false;
  const number = results.length + 1;
  const t0 = Date.now();
  let timer;
  try {
    await Promise.race([
      body(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`check did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    const shot = await screenshot(slug);
    results.push(true);
    console.log(`ok ${number} - ${description}`);
    note(`  ${seconds(t0)}${shot ? `, screenshot ${shot}` : ''}`);
    return true;
  } catch (error) {
    clearTimeout(timer);
    const shot = await screenshot(`${slug}-FAILED`);
    results.push(false);
    console.log(`not ok ${number} - ${description}`);
    for (const line of String(error?.stack ?? error).split('\n').slice(0, 12)) note(`  ${line}`);
    if (shot) note(`  screenshot: ${shot}`);
    return false;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Environment for the repository's own build: the machine's Node, no npm state of this script. */
function buildEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  const drop = new Set([path.dirname(node24), path.join(e2eDir, 'node_modules', '.bin')]);
  env.PATH = (env.PATH ?? '').split(path.delimiter).filter((p) => !drop.has(p) && !p.includes(`${path.sep}node-gyp-bin`)).join(path.delimiter);
  return env;
}

function problemIs(row, want) {
  return row.file === want.file && row.code === want.code && row.severity === want.severity && row.line === want.line && row.col === want.col;
}

async function waitForProblem(code) {
  await waitForProblemRow({ ...expected[code], code });
}

async function waitForProblemRow(want) {
  const code = want.code;
  // Only the rows that fit on screen are in the page: show this file's alone while looking.
  await filterProblems(page, `**/${want.file}`);
  const rows = await waitUntil(
    `Problems to list ${code} in ${want.file} [Ln ${want.line}, Col ${want.col}]`,
    () => readProblems(page),
    (all) => all.some((row) => problemIs(row, want)),
  ).finally(() => filterProblems(page, ''));
  const row = rows.find((r) => problemIs(r, want));
  assert(row.text.includes(want.says), `the ${code} row does not mention "${want.says}": ${row.text}`);
  assert(row.text.includes(`[Ln ${want.line}, Col ${want.col}]`), `the ${code} row does not show its position: ${row.text}`);
  note(`  ${want.file}: ${row.text.slice(0, 160)}`);
}

/** The frame of the traffic webview (VS Code nests it in two iframes), once it holds the graph. */
async function trafficFrame(page) {
  for (const frame of page.frames()) {
    if (await frame.locator('svg.graph').count().catch(() => 0)) return frame;
  }
  return undefined;
}

async function main() {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-yaml-e2e-'));
  const dirs = profileDirs(path.join(tmpRoot, 'profile'));
  const workspace = path.join(tmpRoot, 'workspace');
  fs.cpSync(fixtureDir, workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'new-gateway.yaml'), '');
  const codeServerLog = path.join(outDir, 'code-server.log');

  const source = options.vsix ? 'the given .vsix is' : options['skip-build'] ? 'istio-yaml.vsix (not rebuilt) is' : 'the .vsix is built,';
  await check(`${source} installed with code-server --install-extension, and its server runs on YAML`, 'activated', async () => {
    let vsix = options.vsix && path.resolve(options.vsix);
    if (!vsix) {
      vsix = path.join(repoRoot, 'istio-yaml.vsix');
      if (!options['skip-build']) {
        const t0 = Date.now();
        const build = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, env: buildEnv(), encoding: 'utf8', timeout: 300_000 });
        if (build.status !== 0) throw new Error(`npm run package failed (exit ${build.status}):\n${(build.stdout + build.stderr).slice(-3000)}`);
        note(`  npm run package: ${seconds(t0)}`);
      }
    }
    assert(fs.existsSync(vsix), `no .vsix at ${vsix}`);
    const installed = installExtension(dirs, vsix);
    assert(/successfully installed/.test(installed), `code-server did not report the install: ${installed}`);
    const listed = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('istio-yaml.istio-yaml-'));
    assert(listed.length === 1, `extensions dir holds ${JSON.stringify(fs.readdirSync(dirs.extensions))}`);
    note(`  installed ${listed[0]} from ${path.relative(repoRoot, vsix) || vsix}`);

    const t0 = Date.now();
    server = await startCodeServer(dirs, workspace, await freePort(), codeServerLog);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      // Chromium keeps its crash-report database under XDG_CONFIG_HOME: keep it out of $HOME.
      env: { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_CACHE_HOME: dirs.cache },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
    note(`  code-server on ${server.url}, workbench up in ${seconds(t0)}`);
    // Both files must be open: the server checks open documents, and the Gateway is in the other one.
    await openFile(page, 'gateway.yaml');
    await openFile(page, 'bookinfo.yaml');
    const status = await waitUntil('the status bar to show the Istio server running ($(check) Istio)', () => istioStatus(page), (s) => s.includes('codicon-check'), 60_000);
    note(`  status bar: ${status}`);
  }, 8 * 60_000); // it includes the build
  if (!page) return;

  for (const code of ['IST0132', 'IST0101', 'IST0106']) {
    const want = expected[code];
    await check(`Problems lists ${code} (${want.severity}) in ${want.file} at [Ln ${want.line}, Col ${want.col}]`, `problems-${code}`, () => waitForProblem(code));
  }

  await check('Problems lists IST0111 (error) on both Sidecars of sidecars.yaml, a check added to match istioctl', 'problems-IST0111', async () => {
    for (const want of sidecarProblems) await waitForProblemRow(want);
  });

  await check('squiggles are drawn on the lines of the findings', 'squiggles', async () => {
    await openFile(page, 'bookinfo.yaml');
    const want = [
      { kind: 'warning', line: expected.IST0132.line },
      { kind: 'error', line: expected.IST0106.line },
      { kind: 'error', line: expected.IST0101.line },
    ];
    const seen = await waitUntil(
      `squiggles ${want.map((w) => `${w.kind}@${w.line}`).join(', ')}`,
      () => squiggles(page),
      (all) => want.every((w) => all.some((s) => s.kind === w.kind && s.line === w.line)),
    );
    const stray = seen.filter((s) => !want.some((w) => w.kind === s.kind && w.line === s.line));
    assert(stray.length === 0, `unexpected squiggles: ${JSON.stringify(stray)}`);
    note(`  ${seen.map((s) => `${s.kind}@${s.line}`).join(', ')}`);
  });

  await check(`hovering "hosts" (line ${hoverTarget.line}) shows its description`, 'hover', async () => {
    await openFile(page, 'bookinfo.yaml');
    const box = await waitUntil(`"hosts" on line ${hoverTarget.line}`, () => textBox(page, hoverTarget.line, 'hosts'));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    const text = await waitUntil('the hover widget to describe hosts', () => hoverText(page), (t) => t.includes('The destination hosts to which traffic is being sent'), 15_000);
    assert(/\bhosts\b/.test(text), `hover does not name the field: ${text}`);
    note(`  hover: ${text.slice(0, 160)}`);
  });

  await check('editing the VirtualService host to reviews.bookinfo.com removes IST0132 without a reload', 'fix-host', async () => {
    await page.mouse.move(5, 500);
    await showProblems(page);
    // The finding must be there before the edit, or its absence after would prove nothing.
    await waitUntil('IST0132 to be listed before the edit', () => readProblems(page), (all) => all.some((r) => r.code === 'IST0132'), 5000);
    await openFile(page, 'bookinfo.yaml');
    await goTo(page, mismatchedHost.line, mismatchedHost.col);
    for (let i = 0; i < 'bookinfo.example.com'.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('reviews.bookinfo.com');
    const lines = await waitUntil('the edited host line', () => editorLines(page), (l) => l[mismatchedHost.line]?.includes('- reviews.bookinfo.com'));
    note(`  line ${mismatchedHost.line}: ${lines[mismatchedHost.line].trimEnd()}`);
    await showProblems(page);
    const rows = await waitUntil(
      'IST0132 to leave Problems while IST0101 and IST0106 stay',
      () => readProblems(page),
      (all) => !all.some((r) => r.code === 'IST0132') && ['IST0101', 'IST0106'].every((code) => all.some((r) => problemIs(r, { ...expected[code], code }))),
    );
    note(`  Problems now: ${rows.map((r) => `${r.code}@${r.file}:${r.line}`).join(', ')}`);
    await waitUntil('the warning squiggle to go', () => squiggles(page), (all) => !all.some((s) => s.kind === 'warning'));
  });

  await check('Ctrl+Space in a VirtualService http route lists route fields; accepting "timeout" inserts it', 'completion', async () => {
    await openFile(page, 'ratings.yaml');
    const lines = await editorLines(page);
    const last = Math.max(...Object.keys(lines).map(Number));
    assert(lines[last].trim() === '', `ratings.yaml should end with an empty line, line ${last} is "${lines[last]}"`);
    await goTo(page, last, 1);
    await page.keyboard.type('    '); // the key column of the http rule `  - route:`
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await waitUntil('the suggest widget to open', () => suggestions(page), (all) => all.length > 0);
    const labels = await allSuggestionLabels(page);
    for (const want of ['match', 'timeout', 'retries', 'rewrite', 'fault', 'headers']) {
      assert(labels.includes(want), `the suggest widget does not offer "${want}": ${labels.join(', ')}`);
    }
    assert(!labels.includes('route'), `"route" is already there and must not be offered: ${labels.join(', ')}`);
    assert(!labels.includes('hosts'), `"hosts" belongs to spec, not to an http route: ${labels.join(', ')}`);
    note(`  ${labels.length} suggestions: ${labels.join(', ')}`);
    await screenshot('completion-list');
    // Narrow the list as a person would: close it, type the start of the field, pick it.
    await page.keyboard.press('Escape');
    await page.keyboard.type('tim');
    if (!(await suggestions(page)).some((r) => r.label === 'timeout')) await page.keyboard.press('Control+Space');
    await waitUntil('the suggest widget to offer timeout', () => suggestions(page), (all) => all.some((r) => r.label === 'timeout'));
    await screenshot('completion-filtered');
    await acceptSuggestion(page, 'timeout');
    const after = await waitUntil(`line ${last} to read "    timeout: "`, () => editorLines(page), (l) => l[last]?.trimEnd() === '    timeout:');
    note(`  line ${last}: "${after[last]}"`);
  });

  await check('the istio-gateway snippet fills an empty YAML file with a Gateway that has no problems', 'snippet', async () => {
    await openFile(page, 'new-gateway.yaml');
    const empty = await editorLines(page);
    assert(Object.values(empty).join('').trim() === '', `new-gateway.yaml is not empty: ${JSON.stringify(empty)}`);
    await page.keyboard.type('istio-gateway');
    let rows = await suggestions(page);
    if (!rows.some((r) => r.label === 'istio-gateway')) {
      await page.keyboard.press('Control+Space');
      rows = await waitUntil('the suggest widget to offer istio-gateway', () => suggestions(page), (all) => all.some((r) => r.label === 'istio-gateway'));
    }
    await acceptSuggestion(page, 'istio-gateway');
    const lines = await waitUntil('the Gateway text', () => editorLines(page), (l) => Object.values(l).some((t) => t === 'kind: Gateway'));
    await page.keyboard.press('Escape');
    const text = Object.entries(lines).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, t]) => t);
    for (const want of ['apiVersion: networking.istio.io/v1', 'kind: Gateway', '  name: my-gateway', '    istio: ingressgateway', '    - app.example.com']) {
      assert(text.includes(want), `inserted text lacks "${want}":\n${text.join('\n')}`);
    }
    assert(!text.some((t) => t.includes('istio-gateway')), `the prefix was left in the text:\n${text.join('\n')}`);
    note(`  inserted ${text.filter((t) => t.trim()).length} lines, "${text[0]}" .. "${text.filter((t) => t.trim()).at(-1)}"`);
    // The server has this text: its document symbol for the new Gateway is in the breadcrumbs.
    await goTo(page, 2, 1);
    const crumbs = await waitUntil('the breadcrumbs to show the Gateway symbol', () => breadcrumbs(page), (t) => t.includes('Gateway default/my-gateway'));
    note(`  breadcrumbs: ${crumbs}`);
    await showProblems(page);
    // An absence: it must hold while the server (150 ms debounce) has had ample time to report.
    await holdsFor(
      'no problem listed for new-gateway.yaml',
      async () => {
        const all = await readProblems(page);
        return { listed: all.length, forNewGateway: all.filter((r) => r.file === 'new-gateway.yaml') };
      },
      (seen) => seen.listed > 0 && seen.forNewGateway.length === 0,
      2500,
    );
  });

  await check('a Gateway API finding (IY0206) is listed in Problems, and Ctrl+Space after sectionName offers the Gateway listeners', 'gateway-api', async () => {
    await waitForProblemRow(gatewayApiProblem);
    await openFile(page, 'gateway-api.yaml');
    // The file ends with a newline: its last line is the empty one after it, which Ctrl+End scrolls into view.
    const last = fs.readFileSync(path.join(fixtureDir, 'gateway-api.yaml'), 'utf8').split('\n').length;
    await page.keyboard.press('Control+End');
    const lines = await waitUntil(`line ${last} of gateway-api.yaml on screen`, () => editorLines(page), (l) => l[last] !== undefined);
    assert(lines[last].trim() === '', `gateway-api.yaml should end with an empty line, line ${last} is "${lines[last]}"`);
    await goTo(page, last, 1);
    await page.keyboard.type('    sectionName: ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const rows = await waitUntil('the suggest widget to offer the listeners http and https', () => suggestions(page), (all) => ['http', 'https'].every((l) => all.some((r) => r.label === l)));
    note(`  offered: ${rows.map((r) => r.label).join(', ')}`);
    await screenshot('gateway-api-section-names');
    await acceptSuggestion(page, 'http');
    const after = await waitUntil(`line ${last} to read "    sectionName: http"`, () => editorLines(page), (l) => l[last]?.trimEnd() === '    sectionName: http');
    note(`  line ${last}: "${after[last]}"`);
    // The route now attaches to the http listener, which serves checkout.shop.example.com: nothing to report on it.
    await showProblems(page);
    await holdsFor(
      'no problem listed on the checkout route',
      async () => (await readProblems(page)).filter((r) => r.file === 'gateway-api.yaml' && r.line >= last - 6),
      (rows) => rows.length === 0,
      2500,
    );
  });

  await check('a Helm chart template: its typo is squiggled, subset: offers the DestinationRule\'s subsets, and no whole-resource snippet is offered inside an http route', 'helm-chart', async () => {
    await waitForProblemRow(chartProblem);
    await openFile(page, 'virtualservice.yaml');
    await waitUntil(`a squiggle on line ${chartProblem.line} of the template`, () => squiggles(page), (all) => all.some((s) => s.line === chartProblem.line && s.kind === 'error'));
    await screenshot('helm-template-typo');
    // Replace the subset's value by what completion offers: the subsets of the chart's DestinationRule.
    await goTo(page, chartSubset.line, chartSubset.col + 2);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    const offered = await waitUntil('the suggest widget to offer the subsets v1 and v2', () => suggestions(page), (all) => ['v1', 'v2'].every((l) => all.some((r) => r.label === l)));
    note(`  subset: offered ${offered.map((r) => r.label).join(', ')}`);
    await screenshot('helm-template-subsets');
    await acceptSuggestion(page, 'v2');
    await waitUntil(`line ${chartSubset.line} to read "subset: v2"`, () => editorLines(page), (l) => /^\s+subset: v2\b/.test(l[chartSubset.line] ?? ''));
    // A new line in the http route, at the column of its fields: route fields and small snippets, no Gateway.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('    ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await waitUntil('the suggest widget to open on the http route', () => suggestions(page), (all) => all.some((r) => r.label === 'match'));
    const labels = await allSuggestionLabels(page);
    note(`  ${labels.length} suggestions in the http route: ${labels.join(', ')}`);
    await screenshot('helm-template-route-suggestions');
    for (const want of ['retries', 'timeout', 'retry-policy']) assert(labels.includes(want), `"${want}" is not offered in the http route: ${labels.join(', ')}`);
    assert(!labels.some((l) => /^istio-(gateway|virtualservice|destinationrule)/.test(l)), `whole-resource snippets offered inside an http route: ${labels.join(', ')}`);
    await page.keyboard.press('Escape');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Z');
  });

  await check('Istio: Trace Request… shows the rule a request takes in the Istio Trace view; a step opens its line', 'trace', async () => {
    await openFile(page, 'bookinfo.yaml');
    await runCommand(page, 'Istio: Trace Request');
    await waitForQuickInput(page, 'Trace Request (1/3)');
    await answerInput(page, 'GET http://reviews.bookinfo.com/reviews/1');
    await waitForQuickInput(page, 'Trace Request (2/3)');
    await answerInput(page, '');
    await waitForQuickInput(page, 'Trace Request (3/3)');
    await page.keyboard.press('Enter');
    await waitUntil('the Istio Trace view to show an outcome', () => treeRows(page, 'Outcome: '), (all) => all.length > 0);
    // The view opens in the panel; maximized, it shows every row of this trace.
    await runCommand(page, 'View: Toggle Maximized Panel');
    const rows = await waitUntil(
      'the Istio Trace view to show the route through bookinfo-gateway to VirtualService bookinfo',
      () => treeRows(page, 'Outcome: '),
      (all) => all.some((r) => r.label === 'Route: VirtualService bookinfo/bookinfo') && all.some((r) => r.label === 'Entry: Gateway istio-system/bookinfo-gateway'),
    );
    note(`  view: ${rows.map((r) => `${r.label}${r.description ? ` [${r.description}]` : ''}`).join(' | ')}`);
    assert(rows.some((r) => r.label === 'Outcome: route'), 'the outcome row should say route');
    assert(rows.some((r) => r.label.startsWith('100% reviews.bookinfo.svc.cluster.local (v3)')), 'the destination row should show reviews subset v3 at 100%');
    await screenshot('trace-view');
    const step = rows.find((r) => /^\d+\. VirtualService bookinfo\/bookinfo http\[0\] match\[0\] accepts/.test(r.label));
    assert(step, 'a step should say which match of http[0] accepted the request');
    await page.locator('.part.panel .monaco-list-row', { hasText: step.label }).first().click();
    const rule = expectedAt('bookinfo.yaml', 'IST0106', 'timout').line - 3;
    await waitUntil(
      `bookinfo.yaml to open at the rule (Ln ${rule})`,
      () => page.locator('.statusbar-item[id="status.editor.selection"]').innerText().catch(() => ''),
      (text) => text.trim().startsWith(`Ln ${rule},`),
    );
    await runCommand(page, 'View: Toggle Maximized Panel');
  });

  await check('Istio: Show Traffic draws the workspace graph with the broken subset link in red (IST0101); Enter on it opens the reference', 'traffic', async () => {
    await openFile(page, 'bookinfo.yaml');
    await goTo(page, 5, 9);
    await runCommand(page, 'Istio: Show Traffic');
    const frame = await waitUntil('the traffic webview to draw its graph', () => trafficFrame(page), Boolean, 30_000);
    const broken = await waitUntil(
      'a broken link labelled IST0101',
      () => frame.locator('.edge-label.broken').allTextContents().catch(() => []),
      (texts) => texts.some((t) => t.includes('IST0101')),
    );
    note(`  broken links: ${broken.map((t) => t.replace(/\s+/g, ' ')).join(' | ')}`);
    const stroke = await frame.locator('path.edge.broken').first().evaluate((el) => getComputedStyle(el).stroke);
    const [r, g, b] = (stroke.match(/\d+/g) ?? []).map(Number);
    note(`  broken edge stroke: ${stroke}`);
    assert(r > 150 && r > g + 50 && r > b + 50, `the broken edge should be drawn red, its stroke is ${stroke}`);
    const nodes = await frame.locator('.node').count();
    assert(nodes >= 4, `the graph should hold the Gateway, the VirtualService, its rules and destinations, it has ${nodes} nodes`);
    // The picture as a person looks at it: side bar and panel out of the way, the graph fitted to the view.
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Control+J');
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await delay(500);
    await frame.locator('button', { hasText: 'Fit' }).first().click();
    await delay(300);
    await screenshot('traffic-view');
    await runCommand(page, 'View: Toggle Maximize Editor Group');
    await page.keyboard.press('Control+B');
    const label = frame.locator('.edge-label.broken', { hasText: 'IST0101' }).first();
    await label.focus();
    await page.keyboard.press('Enter');
    const subsetLine = expected.IST0101.line;
    await waitUntil(
      `bookinfo.yaml to open at the subset reference (Ln ${subsetLine})`,
      () => page.locator('.statusbar-item[id="status.editor.selection"]').innerText().catch(() => ''),
      (text) => text.trim().startsWith(`Ln ${subsetLine},`),
    );
  });

  await check('after the language server is killed (SIGKILL) it is restarted, and an edit updates Problems again', 'crash-recovery', async () => {
    const [installed] = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('istio-yaml.istio-yaml-'));
    const serverJs = path.join(dirs.extensions, installed, 'dist', 'server.js');
    const bookinfoProblem = (code) => (r) => problemIs(r, { ...expected[code], code });
    // The state the earlier checks left: bookinfo.yaml open, IST0132 fixed, IST0101 and IST0106 listed.
    await openFile(page, 'bookinfo.yaml');
    await showProblems(page);
    await waitUntil('IST0101 and IST0106 to be listed before the kill', () => readProblems(page), (all) => ['IST0101', 'IST0106'].every((c) => all.some(bookinfoProblem(c))), 10_000);
    const servers = () => scriptProcesses(serverJs, server.child.pid);
    const [before] = await waitUntil(`one node process running ${serverJs}`, servers, (all) => all.length === 1, 10_000);
    const host = processInfo(before.ppid);
    assert(host?.argv.some((a) => /extensionHost/.test(a)), `the parent of the server (pid ${before.ppid}) is not the extension host: ${host?.argv.join(' ')}`);
    note(`  server pid ${before.pid} (parent: extension host pid ${host.pid}): ${before.argv.map((a) => path.basename(a)).join(' ')}`);

    const statesSeen = await recordIstioStatus(page);
    const killedAt = Date.now();
    process.kill(before.pid, 'SIGKILL');
    await waitUntil(`pid ${before.pid} to end`, () => processInfo(before.pid), (p) => !p, 10_000, 50);
    // vscode-languageclient's default error handler restarts a server that closed the connection.
    const [after] = await waitUntil(
      'a new language server process with the same command line',
      servers,
      (all) => all.length === 1 && all[0].pid !== before.pid,
      30_000,
      100,
    ).catch(async (error) => {
      throw new Error(`${error.message}\nstatus bar: ${await istioStatus(page)}; notifications: ${(await notifications(page)).join(' | ')}`);
    });
    note(`  killed pid ${before.pid}; pid ${after.pid} up ${seconds(killedAt)} later`);
    assert(JSON.stringify(after.argv) === JSON.stringify(before.argv), `the new server's command line differs: ${after.argv.join(' ')}`);
    assert(after.ppid === before.ppid, `the new server's parent is pid ${after.ppid}, not the extension host ${before.ppid}`);
    const status = await waitUntil('the status bar to show the Istio server running again', () => istioStatus(page), (s) => s.includes('codicon-check'), 30_000);
    note(`  status bar went through: ${(await statesSeen()).join(' -> ')}; now ${status}`);
    const toasts = (await notifications(page)).filter((t) => /Istio/.test(t));
    if (toasts.length) note(`  notification: ${toasts.join(' | ')}`);

    // The client drops the dead server's diagnostics; the new server must report them afresh...
    await showProblems(page);
    await waitUntil('IST0101 and IST0106 to be listed by the new server', () => readProblems(page), (all) => ['IST0101', 'IST0106'].every((c) => all.some(bookinfoProblem(c))), 30_000);
    // ...and follow edits: fixing the misspelled field removes IST0106, misspelling it again brings it back.
    const fix = expected.IST0106;
    const retype = async (from, to) => {
      await openFile(page, 'bookinfo.yaml');
      await goTo(page, fix.line, fix.col);
      for (let i = 0; i < from.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type(to);
      await waitUntil(`line ${fix.line} to read "${to}: 5s"`, () => editorLines(page), (l) => l[fix.line]?.includes(` ${to}: 5s`));
      await page.keyboard.press('Escape'); // the suggest widget that typing opened
      await showProblems(page);
    };
    await retype('timout', 'timeout');
    await waitUntil(
      'IST0106 to leave Problems for bookinfo.yaml while IST0101 stays',
      () => readProblems(page),
      (all) => !all.some((r) => r.file === 'bookinfo.yaml' && r.code === 'IST0106') && all.some(bookinfoProblem('IST0101')),
    );
    note(`  "timeout": IST0106 gone from bookinfo.yaml`);
    await retype('timeout', 'timout');
    await waitForProblem('IST0106');
  });

  await check('a mocha suite runs in the extension host on the installed extension (payload extensionTestsPath)', 'extension-tests', async () => {
    // A built VS Code honours the payload's extensionDevelopmentPath/extensionTestsPath only when
    // its server runs with enable-smoke-test-driver, so this check gets a code-server of its own
    // (the checks above ran against a plain one), and a workspace of its own.
    await page.close();
    page = undefined;
    await server.stop();
    const hostWorkspace = path.join(tmpRoot, 'workspace-extension-host');
    fs.cpSync(fixtureDir, hostWorkspace, { recursive: true });
    server = await startCodeServer(dirs, hostWorkspace, await freePort(), codeServerLog, ['--vscode-option', 'enable-smoke-test-driver']);
    const [installed] = fs.readdirSync(dirs.extensions).filter((d) => d.startsWith('istio-yaml.istio-yaml-'));
    const results = await runExtensionTests({
      browser,
      server,
      workspace: hostWorkspace,
      extensionPath: path.join(dirs.extensions, installed),
      outDir,
      screenshotFile: path.join(outDir, `${String(++shotNumber).padStart(2, '0')}-extension-tests.png`),
      timeoutMs: checkTimeoutMs - 20_000,
    });
    for (const result of results) note(`  ${result.state}: ${result.title} (${result.ms} ms)`);
  });
}

let shutdownDone;
/** Closes the browser, stops every code-server (whole process groups), keeps the logs. Once. */
function shutdown() {
  shutdownDone ??= (async () => {
    stopping = true;
    await browser?.close().catch(() => {});
    await stopAllCodeServers().catch(() => {});
    saveLogsAndClean();
  })();
  return shutdownDone;
}

function saveLogsAndClean() {
  if (tmpRoot) {
    // Keep what helps a person after the fact: code-server's and the extension host's logs.
    const logs = path.join(tmpRoot, 'profile', 'user-data', 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(outDir, 'logs'), { recursive: true });
    if (options.keep) note(`kept ${tmpRoot}`);
    else fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

let exitCode;
/** Prints the closing line (once) and returns the exit code. */
function finish() {
  if (exitCode !== undefined) return exitCode;
  const passed = results.filter(Boolean).length;
  const failed = results.length - passed;
  note(`suite time ${seconds(started)}; screenshots and logs in ${path.relative(repoRoot, outDir)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
  return exitCode;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    note(`stopped by ${signal}`);
    void shutdown().finally(() => process.exit(finish() || 1));
  });
}
const watchdog = setTimeout(() => {
  if (stopping) return;
  stopping = true;
  console.log(`not ok ${results.length + 1} - the suite did not finish within ${suiteTimeoutMs / 60_000} minutes`);
  results.push(false);
  void screenshot('suite-timeout')
    .then(shutdown)
    .finally(() => process.exit(finish()));
}, suiteTimeoutMs);

let code = 1;
try {
  await main();
} catch (error) {
  console.log(`not ok ${results.length + 1} - the harness itself failed`);
  results.push(false);
  for (const line of String(error?.stack ?? error).split('\n')) note(`  ${line}`);
} finally {
  await shutdown();
  clearTimeout(watchdog);
  code = finish();
}
await delay(0);
process.exit(code);
