import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { usage } from '../../server/src/cli';
import { repoRoot } from '../helpers/catalog';
import { runCapturing as run, tempTree, type CliRun as Run } from '../helpers/cli-run';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

/** 1-based line and column of the first `needle` in `text`, computed independently of the CLI. */
function lineCol(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const textLine = /^(.+):(\d+):(\d+) (error|warning|info|hint) ([A-Z]+\d{4})(?: \[(\S+) ([^/\s]+)\/(\S+)\])? (.+)$/;

function parseLines(stdout: string): Array<{ file: string; line: number; column: number; severity: string; code: string; kind?: string; namespace?: string; name?: string; message: string }> {
  const lines = stdout.trimEnd().split('\n');
  lines.pop(); // the summary
  return lines.map((l) => {
    const m = textLine.exec(l);
    assert.ok(m, `not a diagnostic line: ${l}`);
    return { file: m[1], line: Number(m[2]), column: Number(m[3]), severity: m[4], code: m[5], kind: m[6], namespace: m[7], name: m[8], message: m[9] };
  });
}

const bookinfoGateway = gateway('bookinfo-gateway', 'istio-system', ['bookinfo.example.com']);

test('usage errors exit 2 and explain themselves on stderr', (t) => {
  const dir = tempTree(t, { 'ok.yaml': bookinfoGateway });
  const cases: Array<[string[], RegExp]> = [
    [[], /^Usage: istio-yaml check/],
    [['lint', dir], /unknown command "lint"/],
    [['check', '--fix', dir], /unknown option --fix/],
    [['check', '--format', 'xml', dir], /--format must be text, json.*, not xml$/m],
    [['check', '--format=yaml', dir], /--format must be text, json.*, not yaml$/m],
    [['check', dir, '--format'], /--format must be text, json.*, not nothing$/m],
    [['check', dir, '--namespace'], /--namespace needs a value/],
    [['check', '--unknown-field-severity', 'loud', dir], /--unknown-field-severity must be error or warning, not loud$/m],
    [['check', '--mesh-config=', dir], /--mesh-config needs a file/],
    [['check', dir, '--config'], /--config needs a file/],
    [['check', '-j', 'many', dir], /--jobs takes a whole number/],
    [['check', '--suppress', 'IST0101', dir], /--suppress takes CODE="Kind name\.namespace", not IST0101$/m],
    [['check'], /no PATH given/],
    [['check', path.join(dir, 'missing.yaml')], /no such file or directory: .*missing\.yaml/],
  ];
  for (const [args, message] of cases) {
    const result = run(...args);
    assert.equal(result.code, 2, `exit code of ${JSON.stringify(args)}`);
    assert.match(result.stderr, message, `stderr of ${JSON.stringify(args)}`);
    assert.equal(result.stdout, '', `stdout of ${JSON.stringify(args)}`);
  }
});

test('--help prints the usage on stdout and exits 0', () => {
  const result = run('--help');
  assert.deepEqual(result, { code: 0, stdout: usage, stderr: '' });
});

test('a clean directory exits 0 with the summary line only', (t) => {
  const dir = tempTree(t, {
    'gateway.yaml': bookinfoGateway,
    'routes.yaml': virtualService('bookinfo', 'default', ['bookinfo.example.com'], ['istio-system/bookinfo-gateway']),
  });
  assert.deepEqual(run('check', dir), { code: 0, stdout: '2 files checked: no problems\n', stderr: '' });
});

test('errors exit 1 with "file:line:col severity CODE [Kind ns/name] message" lines at 1-based positions', (t) => {
  const routes = docs(
    virtualService('reviews', 'default', ['reviews'], ['bookinfo-gateway'], httpRoute([{ host: 'reviews', subset: 'v9' }])),
    destinationRule('reviews', 'default', 'reviews', ['v1'], '  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBN\n'),
  );
  const dir = tempTree(t, { 'gateway.yaml': bookinfoGateway, 'routes.yaml': routes });
  const result = run('check', dir);
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  const file = path.join(dir, 'routes.yaml');
  const rows = parseLines(result.stdout);
  assert.deepEqual(
    rows.map(({ file, line, column, severity, code, kind, namespace, name }) => ({ file, line, column, severity, code, kind, namespace, name })),
    [
      { file, ...lineCol(routes, 'bookinfo-gateway'), severity: 'error', code: 'IST0101', kind: 'VirtualService', namespace: 'default', name: 'reviews' },
      { file, ...lineCol(routes, 'v9'), severity: 'error', code: 'IST0101', kind: 'VirtualService', namespace: 'default', name: 'reviews' },
      { file, ...lineCol(routes, 'ROUND_ROBN'), severity: 'error', code: 'IST0106', kind: 'DestinationRule', namespace: 'default', name: 'reviews' },
    ],
  );
  assert.match(rows[0].message, /Gateway "bookinfo-gateway" not found in namespace default.*istio-system\/bookinfo-gateway/);
  assert.match(rows[1].message, /Subset "v9" is not defined by DestinationRule default\/reviews/);
  assert.match(rows[2].message, /Did you mean ROUND_ROBIN\?/);
  assert.match(result.stdout, /\n2 files checked: 3 errors\n$/);
});

test('a YAML syntax error is reported without a resource and fails the run', (t) => {
  const text = 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: "unclosed\n';
  const dir = tempTree(t, { 'broken.yaml': text });
  const result = run('check', dir);
  assert.equal(result.code, 1);
  const [row, ...rest] = result.stdout.split('\n');
  assert.match(row, new RegExp(`^${escapeRegExp(path.join(dir, 'broken.yaml'))}:\\d+:\\d+ error IY0001 YAML: Missing closing "quote$`));
  assert.deepEqual(rest, ['1 file checked: 1 error', '']);
});

test('warnings only (IST0132) exit 0', (t) => {
  const routes = virtualService('bookinfo', 'default', ['other.example.com'], ['istio-system/bookinfo-gateway']);
  const dir = tempTree(t, { 'gateway.yaml': bookinfoGateway, 'routes.yaml': routes });
  const result = run('check', dir);
  assert.equal(result.code, 0, result.stdout);
  const rows = parseLines(result.stdout);
  assert.equal(rows.length, 1);
  assert.deepEqual(
    { line: rows[0].line, column: rows[0].column, severity: rows[0].severity, code: rows[0].code },
    { ...lineCol(routes, 'istio-system/bookinfo-gateway'), severity: 'warning', code: 'IST0132' },
  );
  assert.match(rows[0].message, /other\.example\.com is not served by Gateway istio-system\/bookinfo-gateway/);
  assert.match(result.stdout, /\n2 files checked: 1 warning\n$/);
});

test('--format json has the documented shape', (t) => {
  const routes = virtualService('bookinfo', 'default', ['bookinfo.example.com'], ['bookinfo-gateway']);
  const dir = tempTree(t, { 'gateway.yaml': bookinfoGateway, 'routes.yaml': routes });
  const result = run('check', '--format', 'json', dir);
  assert.equal(result.code, 1);
  const parsed = JSON.parse(result.stdout) as { diagnostics: Array<Record<string, unknown>> };
  const start = lineCol(routes, 'bookinfo-gateway');
  const message = parsed.diagnostics[0]?.message;
  assert.equal(typeof message, 'string');
  assert.match(message as string, /not found in namespace default/);
  assert.deepEqual(parsed, {
    diagnostics: [
      {
        file: path.join(dir, 'routes.yaml'),
        line: start.line,
        column: start.column,
        endLine: start.line,
        endColumn: start.column + 'bookinfo-gateway'.length,
        severity: 'error',
        code: 'IST0101',
        message,
        resource: { kind: 'VirtualService', namespace: 'default', name: 'bookinfo' },
      },
    ],
  });
  assert.deepEqual(Object.keys(parsed.diagnostics[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message', 'resource']);

  const clean = run('check', '--format=json', path.join(dir, 'gateway.yaml'));
  assert.equal(clean.code, 0);
  assert.deepEqual(JSON.parse(clean.stdout), { diagnostics: [] });
});

test('files of one run see each other: a Gateway in another file satisfies the reference', (t) => {
  const dir = tempTree(t, {
    'a-routes.yaml': virtualService('bookinfo', 'istio-system', ['bookinfo.example.com'], ['bookinfo-gateway']),
    'b-gateway.yaml': bookinfoGateway,
  });
  assert.deepEqual(run('check', dir), { code: 0, stdout: '2 files checked: no problems\n', stderr: '' });
  // The same reference checked alone has nothing to refer to.
  const alone = run('check', path.join(dir, 'a-routes.yaml'));
  assert.equal(alone.code, 1);
  assert.deepEqual(parseLines(alone.stdout).map((r) => r.code), ['IST0101']);
});

test('directories are searched recursively for .yaml and .yml, skipping node_modules and dot-directories', (t) => {
  const bad = (name: string) => virtualService(name, 'default', ['a.example.com'], ['nowhere']);
  const dir = tempTree(t, {
    'top.yaml': bad('top'),
    'sub/deeper/nested.yml': bad('nested'),
    'sub/upper.YAML': bad('upper'),
    'node_modules/pkg/skipped.yaml': bad('in-node-modules'),
    '.git/skipped.yaml': bad('in-dot-dir'),
    'sub/.cache/skipped.yml': bad('in-nested-dot-dir'),
    'notes.txt': bad('not-yaml'),
    'values.json': '{}',
  });
  const result = run('check', dir);
  assert.equal(result.code, 1);
  const rows = parseLines(result.stdout);
  assert.deepEqual(rows.map((r) => path.relative(dir, r.file)).sort(), [path.join('sub', 'deeper', 'nested.yml'), path.join('sub', 'upper.YAML'), 'top.yaml']);
  assert.deepEqual(rows.map((r) => r.name).sort(), ['nested', 'top', 'upper']);
  assert.match(result.stdout, /\n3 files checked: 3 errors\n$/);

  // An explicitly named file is checked whatever its directory.
  const explicit = run('check', path.join(dir, 'node_modules', 'pkg', 'skipped.yaml'));
  assert.equal(explicit.code, 1);
  assert.deepEqual(parseLines(explicit.stdout).map((r) => r.name), ['in-node-modules']);
});

test('a file reached twice (directory and explicit path) is checked and counted once', (t) => {
  const dir = tempTree(t, { 'routes.yaml': virtualService('vs', 'default', ['a.example.com'], ['nowhere']) });
  const result = run('check', dir, path.join(dir, 'routes.yaml'));
  assert.equal(result.code, 1);
  assert.equal(parseLines(result.stdout).length, 1, result.stdout);
  assert.match(result.stdout, /\n1 file checked: 1 error\n$/);
});

test('--namespace sets the namespace of resources without one, which decides where plain gateway names resolve', (t) => {
  const dir = tempTree(t, {
    'gateway.yaml': gateway('gw', 'prod', ['*']),
    'routes.yaml': virtualService('vs', undefined, ['a.example.com'], ['gw']),
  });
  const byDefault = run('check', dir);
  assert.equal(byDefault.code, 1);
  assert.deepEqual(parseLines(byDefault.stdout).map((r) => [r.code, r.namespace]), [['IST0101', 'default']]);

  assert.deepEqual(run('check', '--namespace', 'prod', dir), { code: 0, stdout: '2 files checked: no problems\n', stderr: '' });
  assert.equal(run('check', `--namespace=prod`, dir).code, 0);
  const other = run('check', '--namespace', 'staging', dir);
  assert.equal(other.code, 1);
  assert.deepEqual(parseLines(other.stdout).map((r) => [r.code, r.namespace]), [['IST0101', 'staging']]);
});

test('the bundled bin (node dist/cli.js) runs end to end', (t) => {
  const routes = virtualService('bookinfo', 'default', ['bookinfo.example.com'], ['bookinfo-gateway']);
  const dir = tempTree(t, { 'gateway.yaml': bookinfoGateway, 'routes.yaml': routes });
  const bin = path.join(repoRoot, 'dist', 'cli.js');
  assert.match(fs.readFileSync(bin, 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node/);
  const child = spawnSync(process.execPath, [bin, 'check', dir], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(child.error, undefined);
  assert.equal(child.stderr, '');
  assert.equal(child.status, 1);
  const { line, column } = lineCol(routes, 'bookinfo-gateway');
  assert.ok(
    child.stdout.startsWith(`${path.join(dir, 'routes.yaml')}:${line}:${column} error IST0101 [VirtualService default/bookinfo] Gateway "bookinfo-gateway" not found`),
    child.stdout,
  );
  assert.match(child.stdout, /\n2 files checked: 1 error\n$/);
});

test('the order in which files are named does not change the findings: the Gateway named last still counts', (t) => {
  const dir = tempTree(t, {
    'a-routes.yaml': virtualService('shop', 'default', ['shop.example.com'], ['shop-gateway'], httpRoute([{ host: 'shop' }])),
    'z-gateway.yaml': gateway('shop-gateway', 'default', ['shop.example.com']),
  });
  const routesFirst = run('check', '--format', 'json', path.join(dir, 'a-routes.yaml'), path.join(dir, 'z-gateway.yaml'));
  const gatewayFirst = run('check', '--format', 'json', path.join(dir, 'z-gateway.yaml'), path.join(dir, 'a-routes.yaml'));
  const codes = (r: Run) =>
    (JSON.parse(r.stdout) as { diagnostics: Array<{ code: string; file: string }> }).diagnostics.map((f) => `${path.basename(f.file)} ${f.code}`).sort();
  assert.ok(!codes(routesFirst).some((c) => c.includes('IST0101')), `no "Gateway not found": ${codes(routesFirst)}`);
  assert.deepEqual(codes(routesFirst), codes(gatewayFirst));
});
