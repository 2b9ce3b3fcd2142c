import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { graphUsage } from '../../server/src/cli-graph';
import { runCapturing as run, tempTree } from '../helpers/cli-run';
import { docs } from '../helpers/engine';
import { destinationRule, gateway, httpRoute, virtualService } from '../helpers/manifests';

/** No metadata.namespace: --namespace decides it. */
const vs = virtualService('reviews', undefined, ['reviews.example.com'], ['istio-system/public'], httpRoute([
  { host: 'reviews', subset: 'v1', weight: 75 },
  { host: 'reviews', subset: 'v3', weight: 25 },
]));

const files = { 'gw.yaml': gateway('public', 'istio-system', ['*.example.com']), 'vs.yaml': docs(vs, destinationRule('reviews', undefined, 'reviews', ['v1'])) };

interface JsonGraph {
  nodes: Array<{ id: string; kind: string; label: string; details: string[]; resource?: string; location?: { file: string; line: number } }>;
  edges: Array<{ from: string; to: string; label?: string; broken?: { codes: string[]; message: string }; location?: { file: string; line: number } }>;
}

test('graph prints a Mermaid flowchart by default', (t) => {
  const dir = tempTree(t, files);
  const { code, stdout, stderr } = run('graph', dir);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^flowchart LR\n/);
  assert.match(stdout, /\{\{"Gateway istio-system\/public :80<br\/>HTTP<br\/>\*\.example\.com"\}\}/);
  assert.match(stdout, /-->\|"75%"\|/);
  assert.match(stdout, /-\.->\|"subset · IST0101"\|/);
  assert.match(stdout, /linkStyle \d+ stroke:red/);
});

test('graph --format dot prints a Graphviz digraph', (t) => {
  const dir = tempTree(t, files);
  const { code, stdout } = run('graph', '--format', 'dot', dir);
  assert.equal(code, 0);
  assert.match(stdout, /^digraph traffic \{/);
  assert.match(stdout, /"gateway:Gateway\/istio-system\/public\/server\/0" -> "route:VirtualService\/default\/reviews" \[label="binds"\];/);
  assert.match(stdout, /\[label="subset · IST0101", color=red, fontcolor=red, style=dashed/);
});

test('graph --format json: the graph, each location a path relative to the working directory and a 1-based line', (t) => {
  const dir = tempTree(t, files);
  const { code, stdout } = run('graph', '--format=json', '--namespace', 'shop', dir);
  assert.equal(code, 0);
  const graph = JSON.parse(stdout) as JsonGraph;
  const route = graph.nodes.find((n) => n.id === 'route:VirtualService/shop/reviews');
  assert.ok(route, 'the namespace comes from --namespace');
  assert.deepEqual(route.location, { file: path.relative(process.cwd(), path.join(dir, 'vs.yaml')), line: 4 });
  assert.equal(route.resource, 'VirtualService shop/reviews');
  const broken = graph.edges.filter((e) => e.broken);
  assert.equal(broken.length, 1);
  assert.deepEqual(broken[0].broken?.codes, ['IST0101']);
  assert.equal(broken[0].location?.line, vs.split('\n').findIndex((l) => l.includes('subset: v3')) + 1);
  const weights = graph.edges.filter((e) => e.from === 'rule:VirtualService/shop/reviews/http/0').map((e) => e.label);
  assert.deepEqual(weights, ['75%', '25%']);
  assert.ok(!('uri' in (route.location ?? {})));
});

test('graph --help documents the formats and the JSON shape', () => {
  const { code, stdout } = run('graph', '--help');
  assert.equal(code, 0);
  assert.equal(stdout, graphUsage);
  assert.match(stdout, /--format mermaid\|dot\|json/);
  assert.match(stdout, /Location: \{"file": path relative to the working directory, "line": 1-based\}/);
  assert.equal(run('graph', '-h').code, 0);
});

test('graph usage errors exit 2 and say what is wrong', (t) => {
  const dir = tempTree(t, files);
  const cases: Array<[string[], RegExp]> = [
    [['graph'], /no PATH given/],
    [['graph', '--format', 'svg', dir], /--format must be mermaid, dot or json, not svg/],
    [['graph', '--format'], /--format must be mermaid, dot or json, not nothing/],
    [['graph', '--namespace'], /--namespace needs a value/],
    [['graph', '--color', dir], /unknown option --color/],
    [['graph', path.join(dir, 'nope.yaml')], /no such file or directory/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = run(...args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, message);
    assert.equal(stdout, '');
  }
});
