import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TraceResult } from '../../server/src/engine/model/routing/trace-types';
import { repoRoot } from '../helpers/catalog';
import { runCapturing as run } from '../helpers/cli-run';

const folder = path.relative(process.cwd(), path.join(repoRoot, 'test', 'fixtures', 'routing')) || '.';

test('route --format json prints the trace with exactly the documented keys, steps placed at file paths', () => {
  const { code, stdout, stderr } = run('route', '--url', 'http://bookinfo.example.com/reviews/7', '-H', 'end-user: jason', '--format', 'json', folder);
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout) as TraceResult;
  assert.deepEqual(Object.keys(result), ['request', 'entry', 'route', 'outcome', 'destinations', 'actions', 'steps', 'warnings']);
  assert.deepEqual(Object.keys(result.request).sort(), ['headers', 'host', 'method', 'path', 'port', 'query', 'scheme']);
  assert.equal(result.outcome, 'route');
  assert.equal(result.route?.ruleName, 'jason');
  assert.deepEqual(Object.keys(result.destinations[0]), ['host', 'subset', 'port', 'weight', 'destinationRule', 'workloads']);
  const step = result.steps.find((s) => s.file !== null);
  assert.ok(step?.file?.endsWith(path.join('routing', 'ingress.yaml')), JSON.stringify(step));
  assert.ok(!step?.file?.startsWith('file:'));
});

test('route text output: one line per step with file:line, the outcome and the destinations', () => {
  const { code, stdout } = run('route', '--url', 'http://bookinfo.example.com/reviews/7', folder);
  assert.equal(code, 0);
  assert.match(stdout, /^outcome: {2}route$/m);
  assert.match(stdout, /^route: {4}VirtualService default\/bookinfo rule 1 "reviews-split" match 0$/m);
  assert.match(stdout, /^ {3}80% {2}reviews\.default\.svc\.cluster\.local:9080 subset v1 {2}DestinationRule default\/reviews$/m);
  assert.match(stdout, /^ {2}\S*ingress\.yaml:\d+ {2}Gateway istio-system\/public servers\[0\] accepts/m);
});

test('route --mesh and --gateway choose the entry; a trace without a match still exits 0', () => {
  const mesh = JSON.parse(run('route', '--url', 'http://reviews:9080/', '--mesh', 'default', '--format', 'json', folder).stdout) as TraceResult;
  assert.deepEqual(mesh.entry, { kind: 'mesh', namespace: 'default' });
  const none = run('route', '--url', 'http://bookinfo.example.com/login', '--gateway', 'istio-system/public', '--format', 'json', folder);
  assert.equal(none.code, 0);
  assert.equal((JSON.parse(none.stdout) as TraceResult).outcome, 'no-match');
});

test('route: bad usage exits 2 and says what is wrong', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--url', 'http://[oops/', folder], /url/i],
    [['--url', 'http://a.example.com/', '-H', 'no-colon-here', folder], /no-colon-here/],
    [['--url', 'http://a.example.com/', '--gateway', 'istio-system/public', '--mesh', 'default', folder], /exclude each other/],
    [['--url', 'http://a.example.com/', '--gateway', 'public', folder], /NAMESPACE\/NAME/],
    [[folder], /--url is required/],
    [['--url', 'http://a.example.com/'], /no PATH/],
    [['--url', 'http://a.example.com/', '--format', 'yaml', folder], /text or json/],
    [['--url', 'http://a.example.com/', folder, '-H'], /-H needs a "Name: value"/],
    [['--url', 'http://a.example.com/', folder, '--namespace'], /--namespace needs a value/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr, stdout } = run('route', ...args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, message);
    assert.equal(stdout, '');
  }
});
