import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDrawing, edgeKey, emptyMessage, itemCentre, nodeKey, type Drawing } from '../../client/webview/model/traffic-drawing';
import { bookinfoGraph, dagre, trafficEdge, trafficNode } from '../helpers/traffic-graphs';

function edgeTo(drawing: Drawing, to: string) {
  const edge = drawing.edges.find((e) => e.to === nodeKey(to));
  assert.ok(edge, `an edge to ${to}`);
  return edge;
}

test('a broken edge is drawn with the error class, its finding codes in its label and its accessible name', () => {
  const drawing = buildDrawing(bookinfoGraph(), dagre);
  const broken = edgeTo(drawing, 'missing-v9');
  assert.ok(broken.broken);
  assert.deepEqual(broken.classes, ['edge', 'broken']);
  assert.match(broken.label?.text ?? '', /^subset v9 .*IST0101$/);
  assert.match(broken.ariaLabel ?? '', /Broken link from ratings subset v9 to subset v9 of ratings.*IST0101.*not found/);
  assert.deepEqual(broken.location, { uri: 'file:///w/bookinfo.yaml', line: 40, character: 8 });

  const fine = edgeTo(drawing, 'd-v1');
  assert.equal(fine.broken, false);
  assert.deepEqual(fine.classes, ['edge']);
  assert.equal(fine.label?.text, '80%');
  assert.equal(fine.ariaLabel, undefined, 'only broken edges are focusable');

  const missing = drawing.nodes.find((n) => n.id === 'missing-v9');
  assert.deepEqual(missing?.classes, ['node', 'kind-missing', 'broken']);
  assert.match(missing?.ariaLabel ?? '', /^Missing: subset v9 of ratings\. no DestinationRule defines it\. not found\. broken links: IST0101$/);
});

test('a broken edge without codes still says it is broken; an edge to a missing node is broken even unmarked', () => {
  const graph = {
    nodes: [trafficNode('a', 'route', 'VirtualService a'), trafficNode('b', 'missing', 'Gateway b'), trafficNode('c', 'missing', 'Gateway c')],
    edges: [trafficEdge('a', 'b', undefined, []), trafficEdge('a', 'c', 'gateway')],
  };
  const drawing = buildDrawing(graph, dagre);
  assert.equal(edgeTo(drawing, 'b').label?.text, '✕ broken');
  assert.ok(edgeTo(drawing, 'c').broken);
  assert.ok(edgeTo(drawing, 'c').classes.includes('broken'));
});

test('every node and edge label lies inside the canvas, and nodes do not overlap', () => {
  const drawing = buildDrawing(bookinfoGraph(), dagre);
  assert.equal(drawing.nodes.length, 12);
  assert.ok(drawing.width > 0 && drawing.height > 0);
  for (const n of drawing.nodes) {
    assert.ok(n.x >= 0 && n.y >= 0 && n.x + n.width <= drawing.width && n.y + n.height <= drawing.height, `${n.id} at ${n.x},${n.y} inside ${drawing.width}×${drawing.height}`);
  }
  for (const e of drawing.edges) {
    if (!e.label) continue;
    assert.ok(e.label.x - e.label.width / 2 >= 0 && e.label.x + e.label.width / 2 <= drawing.width, `label of ${e.key}`);
    assert.ok(e.path.startsWith('M'), `path of ${e.key}`);
  }
  for (const a of drawing.nodes) {
    for (const b of drawing.nodes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      assert.ok(apart, `${a.id} and ${b.id} overlap`);
    }
  }
});

test('ranks run left to right: every edge goes from a box to one further right', () => {
  const drawing = buildDrawing(bookinfoGraph(), dagre);
  const byKey = new Map(drawing.nodes.map((n) => [n.key, n]));
  for (const e of drawing.edges) {
    const from = byKey.get(e.from);
    const to = byKey.get(e.to);
    assert.ok(from && to && from.x + from.width <= to.x, `${e.from} → ${e.to}`);
  }
});

test('tab order follows the layout: columns left to right, top to bottom within one, broken edges in their place', () => {
  const drawing = buildDrawing(bookinfoGraph(), dagre);
  const focusable = [...drawing.nodes.map((n) => n.key), edgeKey(8)];
  assert.deepEqual([...drawing.tabOrder].sort(), [...focusable].sort(), 'every node and the broken edge, no other edge');
  const centres = drawing.tabOrder.map((key) => itemCentre(drawing, key) as { x: number; y: number });
  for (let i = 1; i < centres.length; i++) {
    const [a, b] = [centres[i - 1], centres[i]] as [{ x: number; y: number }, { x: number; y: number }];
    assert.ok(Math.round(a.x) < Math.round(b.x) || (Math.round(a.x) === Math.round(b.x) && a.y < b.y), `${drawing.tabOrder[i - 1]} before ${drawing.tabOrder[i]}`);
  }
  assert.deepEqual(drawing.tabOrder.slice(0, 2), [nodeKey('gw'), nodeKey('vs')]);
  assert.ok(drawing.tabOrder.indexOf(nodeKey('d-v9')) < drawing.tabOrder.indexOf(edgeKey(8)));
  assert.ok(drawing.tabOrder.indexOf(edgeKey(8)) < drawing.tabOrder.indexOf(nodeKey('missing-v9')));
});

test('a chain is tabbed in chain order', () => {
  const graph = {
    nodes: [trafficNode('c', 'service', 'Service c'), trafficNode('a', 'gateway', 'Gateway a'), trafficNode('b', 'route', 'VirtualService b')],
    edges: [trafficEdge('b', 'c'), trafficEdge('a', 'b', 'binds')],
  };
  assert.deepEqual(buildDrawing(graph, dagre).tabOrder, ['n:a', 'n:b', 'n:c']);
});

test('the node the picture centres on is marked', () => {
  const drawing = buildDrawing(bookinfoGraph(), dagre);
  assert.equal(drawing.focus, nodeKey('vs'));
  assert.ok(drawing.nodes.find((n) => n.id === 'vs')?.classes.includes('focus'));
  assert.equal(drawing.nodes.filter((n) => n.classes.includes('focus')).length, 1);
  assert.equal(buildDrawing({ ...bookinfoGraph(), focus: 'nowhere' }, dagre).focus, undefined);
});

test('nodes show a kind tag, a shortened label and at most three detail lines; the tooltip and name keep everything', () => {
  const long = 'VirtualService a-namespace-with-a-long-name/a-route-with-an-even-longer-name';
  const details = ['hosts: a.example.com', 'gateways: public', 'http: 4 rules', 'tls: 1 rule'];
  const drawing = buildDrawing({ nodes: [trafficNode('vs', 'route', long, details)], edges: [] }, dagre);
  const [node] = drawing.nodes;
  assert.ok(node);
  assert.equal(node.tag, 'Route');
  assert.ok(node.label.endsWith('…') && node.label.length < long.length);
  assert.deepEqual(node.details, ['hosts: a.example.com', 'gateways: public', '+2 more']);
  assert.equal(node.title, [long, ...details].join('\n'));
  assert.ok(node.ariaLabel.includes(long) && node.ariaLabel.includes('tls: 1 rule'));
  assert.equal(node.ariaLabel.split('. ')[0], `Route: ${long}`);
  const three = buildDrawing({ nodes: [trafficNode('vs', 'route', 'r', details.slice(0, 3))], edges: [] }, dagre);
  assert.deepEqual(three.nodes[0]?.details, details.slice(0, 3));
  assert.equal(node.height, three.nodes[0]?.height, 'three lines either way');
  assert.ok(node.width > (three.nodes[0]?.width ?? Infinity), 'a longer label, a wider box');
});

test('an edge naming a node the graph does not hold is left out', () => {
  const graph = { nodes: [trafficNode('a', 'route', 'VirtualService a')], edges: [trafficEdge('a', 'ghost')] };
  const drawing = buildDrawing(graph, dagre);
  assert.equal(drawing.edges.length, 0);
  assert.deepEqual(drawing.tabOrder, ['n:a']);
});

test('an empty graph is a message, which says what was asked for', () => {
  const workspace = buildDrawing({ nodes: [], edges: [] }, dagre);
  assert.equal(workspace.message, 'No Gateways, routes or services in the workspace');
  assert.deepEqual([workspace.nodes, workspace.edges, workspace.tabOrder], [[], [], []]);
  const focused = buildDrawing({ nodes: [], edges: [] }, dagre, { focusDescription: 'gateway.yaml line 12' });
  assert.match(focused.message ?? '', /^No Gateway, route or service at gateway\.yaml line 12/);
  assert.equal(emptyMessage(), workspace.message);
  assert.equal(buildDrawing(bookinfoGraph(), dagre).message, undefined);
});

test('a picture the server left out as too large is a message saying its size and how to see a part', () => {
  const drawing = buildDrawing({ nodes: [], edges: [], omitted: { nodes: 34000, edges: 43900 } }, dagre);
  assert.equal(drawing.nodes.length, 0);
  assert.match(drawing.message ?? '', /34000 nodes and 43900 links, too many to draw/);
  assert.match(drawing.message ?? '', /Istio: Show Traffic/);
});
